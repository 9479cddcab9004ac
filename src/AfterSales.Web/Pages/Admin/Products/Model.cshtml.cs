using System.Globalization;
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

/// <summary>One product model: category, name, warranty months, serial date format, discontinued. The code stays.</summary>
public sealed class ModelPageModel(AfterSalesDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record CategoryOption(long Id, string Code, string Name);

    public sealed record Command
    {
        public long CategoryId { get; init; }

        public string Name { get; init; } = "";

        public int WarrantyMonths { get; init; }

        public string? SerialDateSpec { get; init; }

        public bool Discontinued { get; init; }

        public uint Version { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.CategoryId).GreaterThan(0).WithMessage(_ => l["Products.CategoryRequired"]);
            RuleFor(c => c.Name).NotEmpty().WithMessage(_ => l["Validation.Required"])
                .MaximumLength(200).WithMessage(_ => l["Validation.TooLong", 200]);
            RuleFor(c => c.WarrantyMonths).InclusiveBetween(1, 120).WithMessage(_ => l["Products.MonthsRange", 1, 120]);
            RuleFor(c => c.SerialDateSpec).Must(CatalogRules.IsSerialDateSpec).WithMessage(c => l["Domain.catalog.serial_date_format_invalid", c.SerialDateSpec ?? ""]);
        }
    }

    [BindProperty]
    public Command Input { get; set; } = new();

    public string Code { get; private set; } = "";

    public IReadOnlyList<CategoryOption> Categories { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var model = await db.ProductModels.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        Code = model.Code;
        Input = new Command
        {
            CategoryId = model.CategoryId,
            Name = model.Name,
            WarrantyMonths = model.WarrantyMonths,
            SerialDateSpec = model.SerialDateSpec,
            Discontinued = model.Discontinued,
            Version = model.Version,
        };
        await LoadCategoriesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        var code = await db.ProductModels.Where(m => m.Id == id).Select(m => m.Code).FirstOrDefaultAsync(cancellationToken);
        if (code is null)
        {
            return NotFound();
        }

        Code = code;
        await LoadCategoriesAsync(cancellationToken);
        if (ModelState.IsValid && Categories.All(c => c.Id != Input.CategoryId))
        {
            ModelState.AddModelError("Input.CategoryId", l["Products.CategoryRequired"]);
            return Page();
        }

        return await this.Change(db.ProductModels.Where(m => m.Id == id), Input.Version)
            .ErrorsAt(error => error.Code == "catalog.serial_date_format_invalid" ? "Input.SerialDateSpec" : "")
            .ShowTheirs(theirs =>
            {
                var theirCategory = theirs.Get<long>(nameof(ProductModel.CategoryId));
                theirs.Compare("Input.CategoryId", Input.CategoryId, theirCategory, _ => Categories.FirstOrDefault(c => c.Id == theirCategory) is { } category ? $"{category.Code} {category.Name}" : "?");
                theirs.Compare("Input.Name", Input.Name, theirs.Get<string>(nameof(ProductModel.Name)));
                theirs.Compare("Input.WarrantyMonths", Input.WarrantyMonths.ToString(CultureInfo.CurrentCulture), theirs.Get<int>(nameof(ProductModel.WarrantyMonths)).ToString(CultureInfo.CurrentCulture));
                theirs.Compare("Input.SerialDateSpec", SerialDateFormat.Parse(Input.SerialDateSpec)?.ToString() ?? "", theirs.Get<string?>(nameof(ProductModel.SerialDateSpec)) ?? "");
                theirs.Compare("Input.Discontinued", Input.Discontinued, theirs.Get<bool>(nameof(ProductModel.Discontinued)), gone => l[gone ? "Products.Discontinued" : "Products.OnSale"]);
                Input = Input with { Version = theirs.Version };
                ModelState.Remove("Input.Version");
            })
            .Done(_ => RedirectToPage("Index"))
            .RunAsync(model =>
            {
                model.Update(Input.CategoryId, Input.Name, Input.WarrantyMonths, SerialDateFormat.Parse(Input.SerialDateSpec)?.ToString(), Input.Discontinued);
                return l["Products.Saved", model.Code];
            }, cancellationToken);
    }

    private async Task LoadCategoriesAsync(CancellationToken cancellationToken) =>
        Categories = await db.ProductCategories.AsNoTracking().OrderBy(c => c.Code)
            .Select(c => new CategoryOption(c.Id, c.Code, c.Name)).ToListAsync(cancellationToken);
}
