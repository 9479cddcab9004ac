using System.Globalization;
using AfterSales.Domain;
using AfterSales.Domain.Catalog;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Warranty;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Changes;
using AfterSales.Web.Pages.Customers;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using UnitEntity = AfterSales.Domain.Customers.Unit;

namespace AfterSales.Web.Pages.Units;

/// <summary>One unit: what it is, who owns it, what the customer can prove about the purchase (editable), and every ticket it ever had.</summary>
public sealed class DetailsModel(AfterSalesDbContext db, CompanyClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Facts(
        long Id,
        string SerialNumber,
        DateOnly? PurchaseDate,
        bool HasProofOfPurchase,
        string? InvoiceNumber,
        string? Dealer,
        long CustomerId,
        string CustomerName,
        string ModelCode,
        string ModelName,
        int WarrantyMonths,
        string? SerialDateSpec,
        string CategoryCode,
        string CategoryName,
        uint Version);

    public sealed record HistoryRow(string Number, DateTimeOffset CreatedAt, TicketKind Kind, TicketStatus Status, string FaultDescription, WarrantyStatus WarrantyStatus, decimal Charge);

    public sealed record Command
    {
        /// <summary>yyyy-MM-dd as a date input sends it; blank when unknown.</summary>
        public string? PurchaseDate { get; init; }

        public bool HasProofOfPurchase { get; init; }

        public string? InvoiceNumber { get; init; }

        public string? Dealer { get; init; }

        public uint Version { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.PurchaseDate).Must(FormDate.IsBlankOrDate).WithMessage(_ => l["Validation.Date"]);
            RuleFor(c => c.InvoiceNumber).MaximumLength(64).WithMessage(_ => l["Validation.TooLong", 64]);
            RuleFor(c => c.Dealer).MaximumLength(200).WithMessage(_ => l["Validation.TooLong", 200]);
        }
    }

    [BindProperty]
    public Command Input { get; set; } = new();

    public Facts Unit { get; private set; } = null!;

    /// <summary>The manufacture date read from the serial number, when the model's serials carry one and it decodes.</summary>
    public DateOnly? ManufacturedOn { get; private set; }

    public IReadOnlyList<HistoryRow> History { get; private set; } = [];

    /// <summary>The exchange that took this unit back (old unit in) or gave it out (new unit out), if any.</summary>
    public (long Id, bool Returned, string? OtherSerial)? Exchange { get; private set; }

    public DateOnly Today => clock.Today;

    public string LocalTime(DateTimeOffset instant) => clock.ToLocal(instant).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = new Command
        {
            PurchaseDate = FormDate.Format(Unit.PurchaseDate),
            HasProofOfPurchase = Unit.HasProofOfPurchase,
            InvoiceNumber = Unit.InvoiceNumber,
            Dealer = Unit.Dealer,
            Version = Unit.Version,
        };
        return Page();
    }

    public Task<IActionResult> OnPostPurchaseAsync(long id, CancellationToken cancellationToken) =>
        this.Change(db.Units.Where(u => u.Id == id), Input.Version)
            .ErrorsAt("Input")
            .ErrorsAt(error => error.Code is "unit.future_purchase_date" or "unit.purchase_date_too_early" ? "Input.PurchaseDate" : "Input")
            .ShowTheirs(theirs =>
            {
                theirs.Compare("Input.PurchaseDate", Input.PurchaseDate, FormDate.Format(theirs.Get<DateOnly?>(nameof(UnitEntity.PurchaseDate))));
                theirs.Compare("Input.HasProofOfPurchase", Input.HasProofOfPurchase, theirs.Get<bool>(nameof(UnitEntity.HasProofOfPurchase)), proof => l[proof ? "Common.Yes" : "Common.No"]);
                theirs.Compare("Input.InvoiceNumber", Input.InvoiceNumber, theirs.Get<string?>(nameof(UnitEntity.InvoiceNumber)));
                theirs.Compare("Input.Dealer", Input.Dealer, theirs.Get<string?>(nameof(UnitEntity.Dealer)));
                Input = Input with { Version = theirs.Version };
                ModelState.Remove("Input.Version");
            })
            .Reload(async () => await LoadAsync(id, cancellationToken) ? Page() : NotFound())
            .Done(_ => RedirectToPage(new { id }))
            .RunAsync(unit =>
            {
                unit.SetPurchase(FormDate.ParseOptional(Input.PurchaseDate), Input.HasProofOfPurchase, Input.InvoiceNumber, Input.Dealer, clock.Today);
                return l["Units.Saved"];
            }, cancellationToken);

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var facts = await (from u in db.Units.AsNoTracking()
                           join c in db.Customers on u.CustomerId equals c.Id
                           join m in db.ProductModels on u.ProductModelId equals m.Id
                           where u.Id == id
                           select new Facts(u.Id, u.SerialNumber, u.PurchaseDate, u.HasProofOfPurchase, u.InvoiceNumber, u.Dealer, c.Id, c.Name,
                               m.Code, m.Name, m.WarrantyMonths, m.SerialDateSpec, m.Category!.Code, m.Category.Name, u.Version))
            .SingleOrDefaultAsync(cancellationToken);
        if (facts is null)
        {
            return false;
        }

        Unit = facts;
        ManufacturedOn = Decode(facts.SerialDateSpec, facts.SerialNumber);
        var exchange = await db.ExchangeRequests.AsNoTracking()
            .Where(e => e.Status == Domain.Exchanges.ExchangeStatus.Completed && (e.OldUnitId == id || e.NewUnitId == id))
            .Select(e => new { e.Id, e.OldUnitId, e.NewSerialNumber, Old = db.Units.Where(u => u.Id == e.OldUnitId).Select(u => u.SerialNumber).First() })
            .FirstOrDefaultAsync(cancellationToken);
        Exchange = exchange is null ? null : (exchange.Id, exchange.OldUnitId == id, exchange.OldUnitId == id ? exchange.NewSerialNumber : exchange.Old);

        // The whole history, however long: a unit has few tickets and the (unit_id, created_at) index serves it.
        var tickets = await db.Tickets.AsNoTracking()
            .Where(t => t.UnitId == id)
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .ToListAsync(cancellationToken);
        History = tickets.Select(t => new HistoryRow(t.Number, t.CreatedAt, t.Kind, t.Status, t.FaultDescription, t.WarrantyStatus, t.ChargeToCustomer)).ToList();
        return true;
    }

    private static DateOnly? Decode(string? spec, string serial)
    {
        try
        {
            return SerialDateFormat.Parse(spec) is { } format && format.TryDecode(serial, out var date) ? date : null;
        }
        catch (DomainException)
        {
            return null;
        }
    }
}
