using System.Globalization;
using AfterSales.Domain.Customers;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Changes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Customers;

/// <summary>
/// The customer card: who they are and how to reach them (edit, phone numbers), the units they registered
/// (register another), and their latest tickets.
/// </summary>
public sealed class DetailsModel(
    AfterSalesDbContext db,
    CompanyClock clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public const int TicketLimit = CustomerCard.TicketLimit;
    [BindProperty]
    public EditCustomer.Command Input { get; set; } = new();

    [BindProperty]
    public CustomerPhones.Command NewPhone { get; set; } = new();

    [BindProperty]
    public RegisterUnit.Command NewUnit { get; set; } = new();

    public Customer Customer { get; private set; } = null!;

    public IReadOnlyList<CustomerCard.PhoneRow> Phones { get; private set; } = [];

    public IReadOnlyList<CustomerCard.UnitRow> Units { get; private set; } = [];

    public IReadOnlyList<CustomerCard.TicketRow> Tickets { get; private set; } = [];

    public IReadOnlyList<CustomerCard.ModelOption> Models { get; private set; } = [];

    public DateOnly Today => clock.Today;

    public string LocalTime(DateTimeOffset instant) => clock.ToLocal(instant).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, keep: "", cancellationToken) ? Page() : NotFound();

    [ValidatesForm(nameof(Input))]
    public Task<IActionResult> OnPostUpdateAsync(long id, CancellationToken cancellationToken) =>
        this.Change(db.Customers.Where(c => c.Id == id), Input.Version)
            .ErrorsAt("Input")
            .ShowTheirs(theirs =>
            {
                theirs.Compare("Input.Kind", Input.Kind, theirs.Get<CustomerKind>(nameof(Customer.Kind)).ToString(), kind => l["CustomerKind." + kind]);
                theirs.Compare("Input.Name", Input.Name, theirs.Get<string>(nameof(Customer.Name)));
                theirs.Compare("Input.ContactPerson", Input.ContactPerson, theirs.Get<string?>(nameof(Customer.ContactPerson)));
                theirs.Compare("Input.Address", Input.Address, theirs.Get<string?>(nameof(Customer.Address)));
                Input = Input with { Version = theirs.Version };
                ModelState.Remove("Input.Version");
            })
            .Reload(async () => await LoadAsync(id, keep: "Input.", cancellationToken) ? Page() : NotFound())
            .Done(_ => RedirectToPage(new { id }))
            .RunAsync(customer =>
            {
                EditCustomer.Apply(customer, Input);
                return l["Customers.Saved"];
            }, cancellationToken);

    [ValidatesForm(nameof(NewPhone))]
    public Task<IActionResult> OnPostAddPhoneAsync(long id, CancellationToken cancellationToken) =>
        ChangePhones(id, "NewPhone.Number", keep: "NewPhone.", cancellationToken).RunAsync(customer =>
        {
            customer.AddPhone(NewPhone.Number, NewPhone.Label);
            return l["Customers.PhonesSaved"];
        }, cancellationToken);

    public Task<IActionResult> OnPostRemovePhoneAsync(long id, string number, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        return ChangePhones(id, "Phones", keep: "", cancellationToken).RunAsync(customer =>
        {
            customer.RemovePhone(number);
            return l["Customers.PhonesSaved"];
        }, cancellationToken);
    }

    [ValidatesForm(nameof(NewUnit))]
    public async Task<IActionResult> OnPostAddUnitAsync(long id, CancellationToken cancellationToken)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return NotFound();
        }

        if (ModelState.IsValid && !await db.ProductModels.AnyAsync(m => m.Id == NewUnit.ProductModelId, cancellationToken))
        {
            ModelState.AddModelError("NewUnit.ProductModelId", l["Customers.ModelRequired"]);
        }

        return await this.Add(() => RegisterUnit.Create(id, NewUnit, clock.Today))
            .ErrorsAt(RegisterUnit.ErrorKey)
            .Unique("NewUnit.SerialNumber", () => l["Customers.SerialTaken", NewUnit.SerialNumber.Trim().ToUpperInvariant()], RegisterUnit.SerialIndex)
            .Reload(async () => await LoadAsync(id, keep: "NewUnit.", cancellationToken) ? Page() : NotFound())
            .Done(_ => RedirectToPage(new { id }))
            .RunAsync(unit => l["Customers.UnitRegistered", unit.SerialNumber], cancellationToken);
    }

    /// <summary>
    /// Adds or removes a phone under a row lock on the customer, so two people removing different numbers at
    /// once cannot leave the customer with none.
    /// </summary>
    private AggregateChange<Customer> ChangePhones(long id, string errorKey, string keep, CancellationToken cancellationToken) =>
        this.Change(async token =>
            {
                await db.Database.ExecuteSqlAsync($"select id from customers where id = {id} for update", token);
                return await db.Customers.Include(c => c.Phones).SingleOrDefaultAsync(c => c.Id == id, token);
            })
            .InTransaction()
            .ErrorsAt(errorKey)
            .Unique(errorKey, () => l["Domain.customer.duplicate_phone", PhoneNumber.Digits(NewPhone.Number)], CustomerPhones.Index)
            .Reload(async () => await LoadAsync(id, keep, cancellationToken) ? Page() : NotFound())
            .Done(_ => RedirectToPage(new { id }));

    /// <summary>Loads the card (<see cref="CustomerCard"/>); the form named by <paramref name="keep"/> keeps what was typed, the others show the stored values.</summary>
    private async Task<bool> LoadAsync(long id, string keep, CancellationToken cancellationToken)
    {
        if (await CustomerCard.LoadAsync(db, id, cancellationToken) is not { } card)
        {
            return false;
        }

        var customer = card.Customer;
        Customer = customer;
        if (keep != "Input.")
        {
            Input = EditCustomer.Command.Of(customer);
        }

        if (keep != "NewPhone.")
        {
            NewPhone = new();
        }

        if (keep != "NewUnit.")
        {
            NewUnit = new() { HasProofOfPurchase = true };
        }

        (Phones, Units, Tickets, Models) = (card.Phones, card.Units, card.Tickets, card.Models);
        return true;
    }
}
