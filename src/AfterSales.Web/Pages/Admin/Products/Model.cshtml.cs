using AfterSales.Domain;
using AfterSales.Domain.Catalog;
using AfterSales.Domain.Products;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Pages.Customers;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Admin.Products;

/// <summary>One product model: category, name, warranty months, serial date format, discontinued. The code stays.</summary>
public sealed class ModelPageModel(AfterSalesDbContext db, IValidator<ModelPageModel.Command> validator, IStringLocalizer<SharedResource> l) : PageModel
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
        var model = await db.ProductModels.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        Code = model.Code;
        await LoadCategoriesAsync(cancellationToken);
        if (!this.Validate(validator, Input) || !ModelState.IsValid)
        {
            return Page();
        }

        if (Categories.All(c => c.Id != Input.CategoryId))
        {
            ModelState.AddModelError("Input.CategoryId", l["Products.CategoryRequired"]);
            return Page();
        }

        try
        {
            db.Entry(model).Property(m => m.Version).OriginalValue = Input.Version;
            model.Update(Input.CategoryId, Input.Name, Input.WarrantyMonths, SerialDateFormat.Parse(Input.SerialDateSpec)?.ToString(), Input.Discontinued);
            await db.SaveChangesAsync(cancellationToken);
            TempData["Flash"] = l["Products.Saved", model.Code].Value;
            return RedirectToPage("Index");
        }
        catch (DomainException error)
        {
            ModelState.AddModelError(error.Code == "catalog.serial_date_format_invalid" ? "Input.SerialDateSpec" : "", l.Translate(error));
        }
        catch (DbUpdateConcurrencyException conflict)
        {
            var theirs = await conflict.Entries.Single().GetDatabaseValuesAsync(cancellationToken);
            if (theirs is null)
            {
                ModelState.AddModelError("", l["Edit.Gone"]);
                return Page();
            }

            var theirCategory = theirs.GetValue<long>(nameof(ProductModel.CategoryId));
            if (theirCategory != Input.CategoryId)
            {
                var category = Categories.FirstOrDefault(c => c.Id == theirCategory);
                ModelState.AddModelError("Input.CategoryId", l["Edit.TheirValue", category is null ? "?" : $"{category.Code} {category.Name}"]);
            }

            ShowTheirs("Input.Name", Input.Name.Trim(), theirs.GetValue<string>(nameof(ProductModel.Name)));
            ShowTheirs("Input.WarrantyMonths", Input.WarrantyMonths.ToString(), theirs.GetValue<int>(nameof(ProductModel.WarrantyMonths)).ToString());
            ShowTheirs("Input.SerialDateSpec", SerialDateFormat.Parse(Input.SerialDateSpec)?.ToString() ?? "", theirs.GetValue<string?>(nameof(ProductModel.SerialDateSpec)) ?? "");
            var theirDiscontinued = theirs.GetValue<bool>(nameof(ProductModel.Discontinued));
            if (theirDiscontinued != Input.Discontinued)
            {
                ModelState.AddModelError("Input.Discontinued", l["Edit.TheirValue", l[theirDiscontinued ? "Products.Discontinued" : "Products.OnSale"]]);
            }

            ModelState.AddModelError("", l["Edit.Conflict"]);
            Input = Input with { Version = theirs.GetValue<uint>(nameof(ProductModel.Version)) };
            ModelState.Remove("Input.Version");
        }

        return Page();
    }

    private void ShowTheirs(string key, string mine, string theirs)
    {
        if (!string.Equals(mine, theirs, StringComparison.Ordinal))
        {
            ModelState.AddModelError(key, l["Edit.TheirValue", theirs.Length == 0 ? "—" : theirs]);
        }
    }

    private async Task LoadCategoriesAsync(CancellationToken cancellationToken) =>
        Categories = await db.ProductCategories.AsNoTracking().OrderBy(c => c.Code)
            .Select(c => new CategoryOption(c.Id, c.Code, c.Name)).ToListAsync(cancellationToken);
}
