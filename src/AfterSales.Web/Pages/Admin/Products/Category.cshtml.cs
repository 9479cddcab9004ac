using AfterSales.Domain;
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

/// <summary>One product category: its name and default terms. The code stays (technicians' skills and old tickets refer to it).</summary>
public sealed class CategoryModel(AfterSalesDbContext db, IValidator<CategoryModel.Command> validator, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Command
    {
        public string Name { get; init; } = "";

        public int DefaultWarrantyMonths { get; init; }

        public int ReturnToFactoryDays { get; init; }

        public uint Version { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage(_ => l["Validation.Required"])
                .MaximumLength(100).WithMessage(_ => l["Validation.TooLong", 100]);
            RuleFor(c => c.DefaultWarrantyMonths).InclusiveBetween(1, 120).WithMessage(_ => l["Products.MonthsRange", 1, 120]);
            RuleFor(c => c.ReturnToFactoryDays).InclusiveBetween(10, 15).WithMessage(_ => l["Products.DaysRange", 10, 15]);
        }
    }

    [BindProperty]
    public Command Input { get; set; } = new();

    public string Code { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var category = await db.ProductCategories.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (category is null)
        {
            return NotFound();
        }

        Code = category.Code;
        Input = new Command
        {
            Name = category.Name,
            DefaultWarrantyMonths = category.DefaultWarrantyMonths,
            ReturnToFactoryDays = category.ReturnToFactoryDays,
            Version = category.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        var category = await db.ProductCategories.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (category is null)
        {
            return NotFound();
        }

        Code = category.Code;
        if (!this.Validate(validator, Input) || !ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            // The version the person saw: if someone saved since, the update matches no row and nothing is overwritten.
            db.Entry(category).Property(c => c.Version).OriginalValue = Input.Version;
            category.Rename(Input.Name);
            category.ChangeTerms(Input.DefaultWarrantyMonths, Input.ReturnToFactoryDays);
            await db.SaveChangesAsync(cancellationToken);
            TempData["Flash"] = l["Products.Saved", category.Code].Value;
            return RedirectToPage("Index");
        }
        catch (DomainException error)
        {
            ModelState.AddModelError("", l.Translate(error));
        }
        catch (DbUpdateConcurrencyException conflict)
        {
            var theirs = await conflict.Entries.Single().GetDatabaseValuesAsync(cancellationToken);
            if (theirs is null)
            {
                ModelState.AddModelError("", l["Edit.Gone"]);
                return Page();
            }

            ShowTheirs("Input.Name", Input.Name.Trim(), theirs.GetValue<string>(nameof(ProductCategory.Name)));
            ShowTheirs("Input.DefaultWarrantyMonths", Input.DefaultWarrantyMonths, theirs.GetValue<int>(nameof(ProductCategory.DefaultWarrantyMonths)));
            ShowTheirs("Input.ReturnToFactoryDays", Input.ReturnToFactoryDays, theirs.GetValue<int>(nameof(ProductCategory.ReturnToFactoryDays)));
            ModelState.AddModelError("", l["Edit.Conflict"]);

            // Saving again now is a deliberate overwrite of what the other person saved.
            Input = Input with { Version = theirs.GetValue<uint>(nameof(ProductCategory.Version)) };
            ModelState.Remove("Input.Version");
        }

        return Page();
    }

    private void ShowTheirs<T>(string key, T mine, T theirs)
    {
        if (!EqualityComparer<T>.Default.Equals(mine, theirs))
        {
            ModelState.AddModelError(key, l["Edit.TheirValue", theirs?.ToString() ?? ""]);
        }
    }
}
