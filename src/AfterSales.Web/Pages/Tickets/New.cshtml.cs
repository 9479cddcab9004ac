using AfterSales.Domain.Warranty;
using AfterSales.Domain;
using AfterSales.Domain.Customers;
using AfterSales.Domain.Products;
using AfterSales.Domain.Tickets;
using AfterSales.Web.Data;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace AfterSales.Web.Pages.Tickets;

/// <summary>
/// Call intake, the desk's main screen: find the caller by phone while typing (or register a new one),
/// pick or register the unit, record the call, see the warranty decision, save once. A second submit of
/// the same form (double click, reload) finds the ticket it already made.
/// </summary>
public sealed class NewModel(AfterSalesDbContext db, CompanyClock clock, IValidator<NewModel.Command> validator, IStringLocalizer<SharedResource> l, IConfiguration configuration, ILogger<NewModel> logger) : PageModel
{
    public sealed record Command
    {
        public Guid IntakeKey { get; init; }

        public string? Phone { get; init; }

        public long? CustomerId { get; init; }

        public CustomerKind CustomerKind { get; init; } = CustomerKind.Person;

        public string? CustomerName { get; init; }

        public string? Address { get; init; }

        public long? UnitId { get; init; }

        public long? ProductModelId { get; init; }

        public string? SerialNumber { get; init; }

        public DateOnly? PurchaseDate { get; init; }

        public bool HasProof { get; init; }

        public string? InvoiceNumber { get; init; }

        public string? Dealer { get; init; }

        public ContactChannel Channel { get; init; } = ContactChannel.Phone;

        public TicketKind Kind { get; init; } = TicketKind.Repair;

        public string? FaultDescription { get; init; }

        public Urgency Urgency { get; init; } = Urgency.Normal;

        public string? PreferredTime { get; init; }

        public ServiceMode ServiceMode { get; init; } = ServiceMode.OnSite;

        public decimal? EstimatedAmount { get; init; }

        public bool AnswerNow { get; init; }

        public string? Answer { get; init; }

        /// <summary>For a complaint: a short fault category for the complaint ledger ("不制冷", "漏水"…).</summary>
        public string? FaultCategory { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.IntakeKey).NotEmpty().WithMessage(_ => l["Intake.FormExpired"]);
            RuleFor(c => c.Phone).NotEmpty().WithMessage(_ => l["Intake.PhoneRequired"])
                .Must(p => PhoneNumber.Digits(p).Length is >= 5 and <= 20).WithMessage(_ => l["Domain.phone.invalid"])
                .MaximumLength(30).WithMessage(_ => l["Validation.TooLong", 30]);
            RuleFor(c => c.CustomerName).NotEmpty().When(c => c.CustomerId is null).WithMessage(_ => l["Intake.CustomerNameRequired"])
                .MaximumLength(200).WithMessage(_ => l["Validation.TooLong", 200]);
            RuleFor(c => c.Address).MaximumLength(500).WithMessage(_ => l["Validation.TooLong", 500]);
            RuleFor(c => c.CustomerKind).IsInEnum();
            RuleFor(c => c.ProductModelId).NotNull()
                .When(c => c.UnitId is null && c.Kind is TicketKind.Repair or TicketKind.Installation or TicketKind.Exchange)
                .WithMessage(_ => l["Intake.ModelRequired"]);
            RuleFor(c => c.SerialNumber).MaximumLength(64).WithMessage(_ => l["Validation.TooLong", 64])
                .Matches("^[A-Za-z0-9][A-Za-z0-9/_.-]*$").When(c => !string.IsNullOrWhiteSpace(c.SerialNumber)).WithMessage(_ => l["Intake.SerialChars"]);
            RuleFor(c => c.InvoiceNumber).MaximumLength(64).WithMessage(_ => l["Validation.TooLong", 64]);
            RuleFor(c => c.Dealer).MaximumLength(200).WithMessage(_ => l["Validation.TooLong", 200]);
            RuleFor(c => c.Channel).IsInEnum();
            RuleFor(c => c.Kind).IsInEnum();
            RuleFor(c => c.Urgency).IsInEnum();
            RuleFor(c => c.ServiceMode).IsInEnum();
            RuleFor(c => c.FaultDescription).NotEmpty().WithMessage(_ => l["Intake.FaultRequired"])
                .MaximumLength(Ticket.FaultDescriptionMaxLength).WithMessage(_ => l["Validation.TooLong", Ticket.FaultDescriptionMaxLength]);
            RuleFor(c => c.PreferredTime).MaximumLength(Ticket.PreferredTimeMaxLength).WithMessage(_ => l["Validation.TooLong", Ticket.PreferredTimeMaxLength]);
            RuleFor(c => c.EstimatedAmount).InclusiveBetween(0, 10_000_000).WithMessage(_ => l["Intake.EstimateRange"]);
            RuleFor(c => c.Answer).NotEmpty().When(c => c.AnswerNow).WithMessage(_ => l["Intake.AnswerRequired"])
                .MaximumLength(Ticket.AnswerMaxLength).WithMessage(_ => l["Validation.TooLong", Ticket.AnswerMaxLength]);
            RuleFor(c => c.FaultCategory).MaximumLength(50).WithMessage(_ => l["Validation.TooLong", 50]);
            RuleFor(c => c.AnswerNow).Equal(false).When(c => c.Kind != TicketKind.Consultation).WithMessage(_ => l["Intake.AnswerOnlyConsultation"]);
        }
    }

    public sealed record ModelOption(long Id, string Code, string Name, string Category, int WarrantyMonths);

    [BindProperty]
    public Command Input { get; set; } = new();

    public IReadOnlyList<ModelOption> Models { get; private set; } = [];

    /// <summary>The chosen caller's units, when the form comes back with an error.</summary>
    public IReadOnlyList<CallerLookup.UnitHit> CallerUnits { get; private set; } = [];

    public string? CallerName { get; private set; }

    public async Task OnGetAsync(string? phone, CancellationToken cancellationToken)
    {
        Input = new Command { IntakeKey = Guid.NewGuid(), Phone = phone };
        await LoadAsync(cancellationToken);
    }

    /// <summary>Caller search while typing: phone digits (exact, prefix, or 3+ digits anywhere) or a name.</summary>
    public async Task<IActionResult> OnGetLookupAsync(string? q, CancellationToken cancellationToken) =>
        new JsonResult(await CallerLookup.FindAsync(db, q, clock.Today, cancellationToken));

    /// <summary>The warranty decision for a unit being typed in, shown before saving.</summary>
    public async Task<IActionResult> OnGetWarrantyAsync(long? unitId, long? modelId, DateOnly? purchaseDate, bool hasProof, string? serial, CancellationToken cancellationToken)
    {
        try
        {
            var decision = unitId is { } id
                ? await DecideForUnitAsync(id, cancellationToken)
                : UnitWarranty.Decide(modelId is { } m ? await db.ProductModels.FindAsync([m], cancellationToken) : null, purchaseDate, hasProof, serial, clock.Today);
            return decision is null ? NotFound() : new JsonResult(WarrantyView.From(decision, l));
        }
        catch (DomainException error)
        {
            return new JsonResult(new { error = l.Translate(error) });
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Input.IntakeKey != Guid.Empty && await db.Tickets.Where(t => t.IntakeKey == Input.IntakeKey).Select(t => t.Number).FirstOrDefaultAsync(cancellationToken) is { } already)
        {
            return RedirectToPage("/Tickets/Details", new { number = already });
        }

        if (!this.Validate(validator, Input))
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var today = clock.Today;
        var user = User.Identity!.Name!;
        string number;
        try
        {
            var strategy = db.Database.CreateExecutionStrategy();
            number = await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var ticket = await BuildTicketAsync(today, user, cancellationToken);
                if (ticket is null)
                {
                    return "";
                }

                db.Tickets.Add(ticket);
                if (ticket.Kind == TicketKind.Complaint)
                {
                    // The complaint ledger row, saved with its ticket.
                    await Infrastructure.QualityControl.ComplaintLedger.RecordAsync(db, ticket, Domain.Complaints.ComplaintSource.Intake, Input.FaultCategory, null, user, clock.UtcNow, Infrastructure.QualityControl.QualitySettings.From(configuration).Classification, clock, cancellationToken);
                }

                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return ticket.Number;
            });
        }
        catch (DomainException error)
        {
            ModelState.AddModelError(Intake.FieldFor(error), l.Translate(error));
            number = "";
        }
        catch (DbUpdateException error) when (error.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
        {
            // A twin submit of the same form collides on the unit or the intake key: handled below.
            ModelState.AddModelError(unique.ConstraintName == "ix_units_product_model_id_serial_number" ? "Input.SerialNumber" : "", l["Intake.SerialTaken"]);
            number = "";
        }

        if (number.Length == 0)
        {
            db.ChangeTracker.Clear();

            // A twin submit of this very form may have won the race meanwhile (its customer, unit and
            // ticket now exist): show that ticket rather than an error about the twin's data.
            if (await db.Tickets.AsNoTracking().Where(t => t.IntakeKey == Input.IntakeKey).Select(t => t.Number).FirstOrDefaultAsync(cancellationToken) is { } twin)
            {
                return RedirectToPage("/Tickets/Details", new { number = twin });
            }

            await LoadAsync(cancellationToken);
            return Page();
        }

        logger.LogInformation("Ticket {Number} logged by {User}", number, user);
        return RedirectToPage("/Tickets/Details", new { number, created = true });
    }

    /// <summary>Customer, unit and ticket as the form describes them; null (with field errors) when the form points at something that does not exist.</summary>
    private async Task<Ticket?> BuildTicketAsync(DateOnly today, string user, CancellationToken cancellationToken)
    {
        Customer customer;
        if (Input.CustomerId is { } customerId)
        {
            var found = await db.Customers.Include(c => c.Phones).FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken);
            if (found is null)
            {
                ModelState.AddModelError("Input.Phone", l["Intake.UnknownCustomer"]);
                return null;
            }

            customer = found;
            var digits = PhoneNumber.Normalise(Input.Phone);
            if (customer.Phones.All(p => p.Number != digits))
            {
                customer.AddPhone(digits);
            }
        }
        else
        {
            customer = new Customer(Input.CustomerKind, Input.CustomerName!, Input.Address, clock.UtcNow);
            customer.AddPhone(Input.Phone!);
            db.Customers.Add(customer);
        }

        Unit? unit = null;
        ProductModel? model = null;
        if (Input.UnitId is { } unitId)
        {
            unit = await db.Units.FirstOrDefaultAsync(u => u.Id == unitId, cancellationToken);
            if (unit is null || unit.CustomerId != customer.Id)
            {
                ModelState.AddModelError("Input.UnitId", l["Intake.UnknownUnit"]);
                return null;
            }

            model = await db.ProductModels.FirstAsync(m => m.Id == unit.ProductModelId, cancellationToken);
        }
        else if (Input.ProductModelId is { } modelId)
        {
            model = await db.ProductModels.FirstOrDefaultAsync(m => m.Id == modelId, cancellationToken);
            if (model is null)
            {
                ModelState.AddModelError("Input.ProductModelId", l["Intake.ModelRequired"]);
                return null;
            }

            if (!string.IsNullOrWhiteSpace(Input.SerialNumber))
            {
                var serial = Input.SerialNumber.Trim().ToUpperInvariant();
                var existing = await db.Units.FirstOrDefaultAsync(u => u.ProductModelId == model.Id && u.SerialNumber == serial, cancellationToken);
                if (existing is not null && existing.CustomerId != customer.Id)
                {
                    ModelState.AddModelError("Input.SerialNumber", l["Intake.SerialTaken"]);
                    return null;
                }

                unit = existing ?? new Unit(customer.Id, model.Id, serial, Input.PurchaseDate, Input.HasProof, Input.InvoiceNumber, Input.Dealer, today);
                if (existing is null)
                {
                    db.Units.Add(unit);
                }
            }
            else if (Input.PurchaseDate > today)
            {
                throw new DomainException("unit.future_purchase_date", "The purchase date cannot be in the future.", Input.PurchaseDate.Value);
            }
        }

        var decision = unit is not null && model is not null
            ? UnitWarranty.Decide(model, unit, today)
            : UnitWarranty.Decide(model, Input.PurchaseDate, Input.HasProof, null, today);
        var number = await TicketNumbers.NextAsync(db, today, cancellationToken);
        var ticket = Ticket.Create(
            number,
            new TicketIntake
            {
                CustomerId = customer.Id,
                UnitId = unit?.Id,
                ProductModelId = model?.Id,
                Channel = Input.Channel,
                Kind = Input.Kind,
                Urgency = Input.Urgency,
                ServiceMode = Input.ServiceMode,
                FaultDescription = Input.FaultDescription!,
                PreferredTime = Input.PreferredTime,
                EstimatedAmount = Input.EstimatedAmount,
            },
            decision,
            clock.UtcNow,
            user,
            Input.IntakeKey);
        if (Input.AnswerNow)
        {
            ticket.CloseWithAnswer(Input.Answer!, clock.UtcNow, user);
        }

        return ticket;
    }

    private async Task<Domain.Warranty.WarrantyDecision?> DecideForUnitAsync(long unitId, CancellationToken cancellationToken)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, cancellationToken);
        if (unit is null)
        {
            return null;
        }

        var model = await db.ProductModels.AsNoTracking().FirstAsync(m => m.Id == unit.ProductModelId, cancellationToken);
        return UnitWarranty.Decide(model, unit, clock.Today);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Models = await (from m in db.ProductModels.AsNoTracking()
                        join c in db.ProductCategories on m.CategoryId equals c.Id
                        where !m.Discontinued
                        orderby c.Name, m.Code
                        select new ModelOption(m.Id, m.Code, m.Name, c.Name, m.WarrantyMonths)).ToListAsync(cancellationToken);
        if (Input.CustomerId is { } id)
        {
            CallerName = await db.Customers.Where(c => c.Id == id).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);
            CallerUnits = await CallerLookup.UnitsOfAsync(db, [id], clock.Today, cancellationToken);
        }
    }
}
