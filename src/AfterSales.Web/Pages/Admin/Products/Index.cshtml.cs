using AfterSales.Domain;
using AfterSales.Domain.Catalog;
using AfterSales.Domain.Products;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Changes;
using AfterSales.Web.Pages.Customers;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Admin.Products;

/// <summary>The product catalog: categories with their default terms, models with warranty and serial date format; create both.</summary>
public sealed class IndexModel(
    AfterSalesDbContext db,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public const string CategoryCodeIndex = "ix_product_categories_code";
    public const string ModelCodeIndex = "ix_product_models_code";

    public sealed record CategoryRow(long Id, string Code, string Name, int DefaultWarrantyMonths, int ReturnToFactoryDays, int Models);

    public sealed record ModelRow(long Id, string Code, string Name, string CategoryCode, string CategoryName, int WarrantyMonths, string? SerialDateSpec, bool Discontinued);

    public sealed record CategoryCommand
    {
        public string Code { get; init; } = "";

        public string Name { get; init; } = "";

        public int DefaultWarrantyMonths { get; init; } = 12;

        public int ReturnToFactoryDays { get; init; } = 15;
    }

    public sealed record ModelCommand
    {
        public long CategoryId { get; init; }

        public string Code { get; init; } = "";

        public string Name { get; init; } = "";

        public int WarrantyMonths { get; init; } = 12;

        public string? SerialDateSpec { get; init; }
    }

    public sealed class CategoryValidator : AbstractValidator<CategoryCommand>
    {
        public CategoryValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Code).NotEmpty().WithMessage(_ => l["Validation.Required"])
                .MaximumLength(32).WithMessage(_ => l["Validation.TooLong", 32])
                .Matches(CatalogRules.CodePattern).WithMessage(_ => l["Products.CodeChars"]);
            RuleFor(c => c.Name).NotEmpty().WithMessage(_ => l["Validation.Required"])
                .MaximumLength(100).WithMessage(_ => l["Validation.TooLong", 100]);
            RuleFor(c => c.DefaultWarrantyMonths).InclusiveBetween(1, 120).WithMessage(_ => l["Products.MonthsRange", 1, 120]);
            RuleFor(c => c.ReturnToFactoryDays).InclusiveBetween(10, 15).WithMessage(_ => l["Products.DaysRange", 10, 15]);
        }
    }

    public sealed class ModelValidator : AbstractValidator<ModelCommand>
    {
        public ModelValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.CategoryId).GreaterThan(0).WithMessage(_ => l["Products.CategoryRequired"]);
            RuleFor(c => c.Code).NotEmpty().WithMessage(_ => l["Validation.Required"])
                .MaximumLength(64).WithMessage(_ => l["Validation.TooLong", 64])
                .Matches(CatalogRules.CodePattern).WithMessage(_ => l["Products.CodeChars"]);
            RuleFor(c => c.Name).NotEmpty().WithMessage(_ => l["Validation.Required"])
                .MaximumLength(200).WithMessage(_ => l["Validation.TooLong", 200]);
            RuleFor(c => c.WarrantyMonths).InclusiveBetween(1, 120).WithMessage(_ => l["Products.MonthsRange", 1, 120]);
            RuleFor(c => c.SerialDateSpec).Must(CatalogRules.IsSerialDateSpec).WithMessage(c => l["Domain.catalog.serial_date_format_invalid", c.SerialDateSpec ?? ""]);
        }
    }

    [BindProperty]
    public CategoryCommand NewCategory { get; set; } = new();

    [BindProperty]
    public ModelCommand NewModel { get; set; } = new();

    public IReadOnlyList<CategoryRow> Categories { get; private set; } = [];

    public IReadOnlyList<ModelRow> Models { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    [ValidatesForm(nameof(NewCategory))]
    public Task<IActionResult> OnPostCreateCategoryAsync(CancellationToken cancellationToken)
    {
        ForgetOtherForm("NewModel.");
        NewModel = new();
        return this.Add(() => new ProductCategory(NewCategory.Code, NewCategory.Name, NewCategory.DefaultWarrantyMonths, NewCategory.ReturnToFactoryDays))
            .Unique("NewCategory.Code", () => l["Products.CodeTaken", NewCategory.Code.Trim()], CategoryCodeIndex)
            .Reload(() => LoadAsync(cancellationToken))
            .RunAsync(category => l["Products.CategoryCreated", category.Code], cancellationToken);
    }

    [ValidatesForm(nameof(NewModel))]
    public async Task<IActionResult> OnPostCreateModelAsync(CancellationToken cancellationToken)
    {
        ForgetOtherForm("NewCategory.");
        NewCategory = new();
        if (ModelState.IsValid && !await db.ProductCategories.AnyAsync(c => c.Id == NewModel.CategoryId, cancellationToken))
        {
            ModelState.AddModelError("NewModel.CategoryId", l["Products.CategoryRequired"]);
        }

        return await this.Add(() => new ProductModel(NewModel.CategoryId, NewModel.Code, NewModel.Name, NewModel.WarrantyMonths, SerialDateFormat.Parse(NewModel.SerialDateSpec)?.ToString()))
            .ErrorsAt(error => error.Code == "catalog.serial_date_format_invalid" ? "NewModel.SerialDateSpec" : "")
            .Unique("NewModel.Code", () => l["Products.CodeTaken", NewModel.Code.Trim()], ModelCodeIndex)
            .Reload(() => LoadAsync(cancellationToken))
            .RunAsync(model => l["Products.ModelCreated", model.Code], cancellationToken);
    }

    /// <summary>Both forms bind on every post; only the one submitted is checked and redisplayed as typed.</summary>
    private void ForgetOtherForm(string prefix)
    {
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Categories = await db.ProductCategories.AsNoTracking()
            .OrderBy(c => c.Code)
            .Select(c => new CategoryRow(c.Id, c.Code, c.Name, c.DefaultWarrantyMonths, c.ReturnToFactoryDays, db.ProductModels.Count(m => m.CategoryId == c.Id)))
            .ToListAsync(cancellationToken);
        Models = await db.ProductModels.AsNoTracking()
            .OrderBy(m => m.Category!.Code).ThenBy(m => m.Code)
            .Select(m => new ModelRow(m.Id, m.Code, m.Name, m.Category!.Code, m.Category.Name, m.WarrantyMonths, m.SerialDateSpec, m.Discontinued))
            .ToListAsync(cancellationToken);
    }
}
