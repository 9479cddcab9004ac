using System.Globalization;
using AfterSales.Domain;
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

/// <summary>One product category: its name and default terms. The code stays (technicians' skills and old tickets refer to it).</summary>
public sealed class CategoryModel(AfterSalesDbContext db, IStringLocalizer<SharedResource> l) : PageModel
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

    public Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken) =>
        this.Change(db.ProductCategories.Where(c => c.Id == id), Input.Version)
            .ShowTheirs(theirs =>
            {
                theirs.Compare("Input.Name", Input.Name, theirs.Get<string>(nameof(ProductCategory.Name)));
                theirs.Compare("Input.DefaultWarrantyMonths", Input.DefaultWarrantyMonths, theirs.Get<int>(nameof(ProductCategory.DefaultWarrantyMonths)), Number);
                theirs.Compare("Input.ReturnToFactoryDays", Input.ReturnToFactoryDays, theirs.Get<int>(nameof(ProductCategory.ReturnToFactoryDays)), Number);

                // Saving again now is a deliberate overwrite of what the other person saved.
                Input = Input with { Version = theirs.Version };
                ModelState.Remove("Input.Version");
            })
            .Reload(async () => Code = await db.ProductCategories.Where(c => c.Id == id).Select(c => c.Code).FirstAsync(cancellationToken))
            .Done(_ => RedirectToPage("Index"))
            .RunAsync(category =>
            {
                category.Rename(Input.Name);
                category.ChangeTerms(Input.DefaultWarrantyMonths, Input.ReturnToFactoryDays);
                return l["Products.Saved", category.Code];
            }, cancellationToken);

    private static string Number(int value) => value.ToString(CultureInfo.CurrentCulture);
}
