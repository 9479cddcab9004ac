using System.Globalization;
using AfterSales.Domain;
using AfterSales.Domain.Customers;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Warranty;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using FluentValidation;
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
    IValidator<DetailsModel.Command> validator,
    IValidator<DetailsModel.PhoneCommand> phoneValidator,
    IValidator<DetailsModel.UnitCommand> unitValidator,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public const int TicketLimit = CustomerCard.TicketLimit;
    public const string SerialIndex = "ix_units_product_model_id_serial_number";
    public const string PhoneIndex = "ix_customer_phones_customer_id_number";

    public sealed record Command
    {
        public string Kind { get; init; } = nameof(CustomerKind.Person);

        public string Name { get; init; } = "";

        public string? ContactPerson { get; init; }

        public string? Address { get; init; }

        public uint Version { get; init; }
    }

    public sealed record PhoneCommand
    {
        public string Number { get; init; } = "";

        public string? Label { get; init; }
    }

    public sealed record UnitCommand
    {
        public long ProductModelId { get; init; }

        public string SerialNumber { get; init; } = "";

        /// <summary>yyyy-MM-dd as a date input sends it; blank when the customer does not know.</summary>
        public string? PurchaseDate { get; init; }

        public bool HasProofOfPurchase { get; init; }

        public string? InvoiceNumber { get; init; }

        public string? Dealer { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Kind).IsEnumName(typeof(CustomerKind), caseSensitive: true).WithMessage(_ => l["Customers.KindRequired"]);
            RuleFor(c => c.Name).NotEmpty().WithMessage(_ => l["Validation.Required"])
                .MaximumLength(200).WithMessage(_ => l["Validation.TooLong", 200]);
            RuleFor(c => c.ContactPerson).MaximumLength(100).WithMessage(_ => l["Validation.TooLong", 100]);
            RuleFor(c => c.Address).MaximumLength(500).WithMessage(_ => l["Validation.TooLong", 500]);
        }
    }

    public sealed class PhoneValidator : AbstractValidator<PhoneCommand>
    {
        public PhoneValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Number).NotEmpty().WithMessage(_ => l["Validation.Required"])
                .MaximumLength(40).WithMessage(_ => l["Validation.TooLong", 40])
                .Must(n => PhoneNumber.Digits(n).Length is >= 5 and <= 20).WithMessage(c => l["Domain.phone.invalid", c.Number]);
            RuleFor(c => c.Label).MaximumLength(50).WithMessage(_ => l["Validation.TooLong", 50]);
        }
    }

    public sealed class UnitValidator : AbstractValidator<UnitCommand>
    {
        public UnitValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.ProductModelId).GreaterThan(0).WithMessage(_ => l["Customers.ModelRequired"]);
            RuleFor(c => c.SerialNumber).NotEmpty().WithMessage(_ => l["Validation.Required"])
                .MaximumLength(64).WithMessage(_ => l["Validation.TooLong", 64]);
            RuleFor(c => c.PurchaseDate).Must(FormDate.IsBlankOrDate).WithMessage(_ => l["Validation.Date"]);
            RuleFor(c => c.InvoiceNumber).MaximumLength(64).WithMessage(_ => l["Validation.TooLong", 64]);
            RuleFor(c => c.Dealer).MaximumLength(200).WithMessage(_ => l["Validation.TooLong", 200]);
        }
    }

    [BindProperty]
    public Command Input { get; set; } = new();

    [BindProperty]
    public PhoneCommand NewPhone { get; set; } = new();

    [BindProperty]
    public UnitCommand NewUnit { get; set; } = new();

    public Customer Customer { get; private set; } = null!;

    public IReadOnlyList<CustomerCard.PhoneRow> Phones { get; private set; } = [];

    public IReadOnlyList<CustomerCard.UnitRow> Units { get; private set; } = [];

    public IReadOnlyList<CustomerCard.TicketRow> Tickets { get; private set; } = [];

    public IReadOnlyList<CustomerCard.ModelOption> Models { get; private set; } = [];

    public DateOnly Today => clock.Today;

    public string LocalTime(DateTimeOffset instant) => clock.ToLocal(instant).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, keep: "", cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostUpdateAsync(long id, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
        {
            return NotFound();
        }

        if (this.Validate(validator, Input) & OnlyThisForm("Input."))
        {
            try
            {
                db.Entry(customer).Property(c => c.Version).OriginalValue = Input.Version;
                customer.Update(Enum.Parse<CustomerKind>(Input.Kind), Input.Name, Input.ContactPerson, Input.Address);
                await db.SaveChangesAsync(cancellationToken);
                TempData["Flash"] = l["Customers.Saved"].Value;
                return RedirectToPage(new { id });
            }
            catch (DomainException error)
            {
                ModelState.AddModelError("Input", l.Translate(error));
            }
            catch (DbUpdateConcurrencyException conflict)
            {
                await ShowTheirsAsync(conflict, cancellationToken);
            }
        }

        db.ChangeTracker.Clear();
        return await LoadAsync(id, keep: "Input.", cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAddPhoneAsync(long id, CancellationToken cancellationToken)
    {
        if (this.Validate(phoneValidator, NewPhone, "NewPhone.") & OnlyThisForm("NewPhone."))
        {
            var outcome = await ChangePhonesAsync(id, c => c.AddPhone(NewPhone.Number, NewPhone.Label), "NewPhone.Number", cancellationToken);
            if (outcome is { } result)
            {
                return result;
            }
        }

        return await LoadAsync(id, keep: "NewPhone.", cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRemovePhoneAsync(long id, string number, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var outcome = await ChangePhonesAsync(id, c => c.RemovePhone(number), "Phones", cancellationToken);
        if (outcome is { } result)
        {
            return result;
        }

        return await LoadAsync(id, keep: "", cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAddUnitAsync(long id, CancellationToken cancellationToken)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return NotFound();
        }

        if (this.Validate(unitValidator, NewUnit, "NewUnit.") & OnlyThisForm("NewUnit."))
        {
            if (!await db.ProductModels.AnyAsync(m => m.Id == NewUnit.ProductModelId, cancellationToken))
            {
                ModelState.AddModelError("NewUnit.ProductModelId", l["Customers.ModelRequired"]);
            }
            else
            {
                try
                {
                    var unit = new Unit(id, NewUnit.ProductModelId, NewUnit.SerialNumber, FormDate.ParseOptional(NewUnit.PurchaseDate),
                        NewUnit.HasProofOfPurchase, NewUnit.InvoiceNumber, NewUnit.Dealer, clock.Today);
                    db.Units.Add(unit);
                    await db.SaveChangesAsync(cancellationToken);
                    TempData["Flash"] = l["Customers.UnitRegistered", unit.SerialNumber].Value;
                    return RedirectToPage(new { id });
                }
                catch (DomainException error)
                {
                    ModelState.AddModelError(error.Code switch
                    {
                        "unit.future_purchase_date" or "unit.purchase_date_too_early" => "NewUnit.PurchaseDate",
                        _ => "NewUnit",
                    }, l.Translate(error));
                }
                catch (DbUpdateException error) when (SaveErrors.IsUniqueViolation(error, SerialIndex))
                {
                    ModelState.AddModelError("NewUnit.SerialNumber", l["Customers.SerialTaken", NewUnit.SerialNumber.Trim().ToUpperInvariant()]);
                }
            }
        }

        db.ChangeTracker.Clear();
        return await LoadAsync(id, keep: "NewUnit.", cancellationToken) ? Page() : NotFound();
    }

    /// <summary>
    /// Adds or removes a phone under a row lock on the customer, so two people removing different numbers at
    /// once cannot leave the customer with none. Null when the change was refused (the message is in ModelState).
    /// </summary>
    private async Task<IActionResult?> ChangePhonesAsync(long id, Action<Customer> change, string errorKey, CancellationToken cancellationToken)
    {
        try
        {
            var strategy = db.Database.CreateExecutionStrategy();
            var found = await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await db.Database.ExecuteSqlAsync($"select id from customers where id = {id} for update", cancellationToken);
                var customer = await db.Customers.Include(c => c.Phones).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
                if (customer is null)
                {
                    return false;
                }

                change(customer);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return true;
            });
            if (!found)
            {
                return NotFound();
            }

            TempData["Flash"] = l["Customers.PhonesSaved"].Value;
            return RedirectToPage(new { id });
        }
        catch (DomainException error)
        {
            ModelState.AddModelError(errorKey, l.Translate(error));
        }
        catch (DbUpdateException error) when (SaveErrors.IsUniqueViolation(error, PhoneIndex))
        {
            ModelState.AddModelError(errorKey, l["Domain.customer.duplicate_phone", PhoneNumber.Digits(NewPhone.Number)]);
        }

        db.ChangeTracker.Clear();
        return null;
    }

    /// <summary>Someone saved the customer since this person opened the card: show their values, keep these, overwrite nothing.</summary>
    private async Task ShowTheirsAsync(DbUpdateConcurrencyException conflict, CancellationToken cancellationToken)
    {
        var theirs = await conflict.Entries.Single().GetDatabaseValuesAsync(cancellationToken);
        if (theirs is null)
        {
            ModelState.AddModelError("Input", l["Edit.Gone"]);
            return;
        }

        var kind = theirs.GetValue<CustomerKind>(nameof(Customer.Kind));
        if (kind.ToString() != Input.Kind)
        {
            ModelState.AddModelError("Input.Kind", l["Edit.TheirValue", l["CustomerKind." + kind]]);
        }

        Compare("Input.Name", Input.Name, theirs.GetValue<string>(nameof(Customer.Name)));
        Compare("Input.ContactPerson", Input.ContactPerson, theirs.GetValue<string?>(nameof(Customer.ContactPerson)));
        Compare("Input.Address", Input.Address, theirs.GetValue<string?>(nameof(Customer.Address)));
        ModelState.AddModelError("Input", l["Edit.Conflict"]);
        Input = Input with { Version = theirs.GetValue<uint>(nameof(Customer.Version)) };
        ModelState.Remove("Input.Version");

        void Compare(string key, string? mine, string? other)
        {
            if (!string.Equals(mine?.Trim() ?? "", other ?? "", StringComparison.Ordinal))
            {
                ModelState.AddModelError(key, l["Edit.TheirValue", string.IsNullOrEmpty(other) ? "—" : other]);
            }
        }
    }

    /// <summary>Every form on the card binds on each post; only the submitted one is checked and redisplayed as typed.</summary>
    private bool OnlyThisForm(string prefix)
    {
        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }

        return ModelState.IsValid;
    }

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
            Input = new Command { Kind = customer.Kind.ToString(), Name = customer.Name, ContactPerson = customer.ContactPerson, Address = customer.Address, Version = customer.Version };
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
