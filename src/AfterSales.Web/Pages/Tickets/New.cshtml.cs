using AfterSales.Domain;
using AfterSales.Domain.Customers;
using AfterSales.Domain.Products;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Warranty;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Settings;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AfterSales.Web.Pages.Tickets;

/// <summary>
/// Call intake, the desk's main screen: find the caller by phone while typing (or register a new one),
/// pick or register the unit, record the call, see the warranty decision, save once. A second submit of
/// the same form (double click, reload) finds the ticket it already made. Once the caller is chosen, their
/// open tickets and the unit's last visits show beside the form; a call about a unit that already has an
/// open ticket is added to that ticket as a repeat call (催修) instead of opening another one.
/// </summary>
public sealed class NewModel(AfterSalesDbContext db, CompanyClock clock, IValidator<NewModel.Command> validator, IValidator<NewModel.RepeatCallCommand> repeatValidator, IStringLocalizer<SharedResource> l, IOptionsSnapshot<QualityOptions> quality, ILogger<NewModel> logger) : PageModel
{
    /// <summary>At most this many of the caller's open tickets are shown beside the form.</summary>
    public const int OpenTicketsShown = 10;

    /// <summary>At most this many of the unit's last tickets (visits) are shown beside the form.</summary>
    public const int UnitVisitsShown = 5;

    /// <summary>The call is added to the caller's open ticket <see cref="TicketNumber"/>; what the caller said is the note.</summary>
    public sealed record RepeatCallCommand
    {
        public Guid IntakeKey { get; init; }

        public long? CustomerId { get; init; }

        public long? UnitId { get; init; }

        public string? TicketNumber { get; init; }

        /// <summary>The fault field of the form: what the caller said this time.</summary>
        public string? FaultDescription { get; init; }
    }

    public sealed class RepeatCallValidator : AbstractValidator<RepeatCallCommand>
    {
        public RepeatCallValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.IntakeKey).NotEmpty().WithMessage(_ => l["Intake.FormExpired"]);
            RuleFor(c => c.CustomerId).NotNull().WithMessage(_ => l["Intake.RepeatNeedsCaller"]);
            RuleFor(c => c.UnitId).NotNull().WithMessage(_ => l["Intake.RepeatNeedsCaller"]);
            RuleFor(c => c.TicketNumber).NotEmpty().WithMessage(_ => l["Intake.RepeatWrongTicket"])
                .MaximumLength(Ticket.NumberMaxLength).WithMessage(_ => l["Intake.RepeatWrongTicket"]);
            RuleFor(c => c.FaultDescription).MaximumLength(Ticket.NoteMaxLength).WithMessage(_ => l["Validation.TooLong", Ticket.NoteMaxLength])
                .Must(NoControlCharacters).WithMessage(_ => l["Validation.ControlChars"]);
        }
    }

    /// <summary>False when the text holds control characters other than line breaks and tabs (a NUL byte cannot even be stored).</summary>
    public static bool NoControlCharacters(string? text) =>
        text is null || !text.Any(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t'));

    /// <summary>One of the caller's open tickets, or one of the unit's last visits, as the side panel shows it.</summary>
    public sealed record ContextTicket(string Number, string Status, string StatusText, string UrgencyText, string KindText, string CreatedAt, string Fault, long? UnitId, string? Unit, int RepeatCalls, bool Open, string? Visit);

    public sealed record CallerContext(IReadOnlyList<ContextTicket> OpenTickets, IReadOnlyList<ContextTicket> UnitVisits);

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
                .MaximumLength(Ticket.FaultDescriptionMaxLength).WithMessage(_ => l["Validation.TooLong", Ticket.FaultDescriptionMaxLength])
                .Must(NoControlCharacters).WithMessage(_ => l["Validation.ControlChars"]);
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

    /// <summary>
    /// A fresh /Tickets/New is a new call with a new key. The script puts the key in the address
    /// (<c>?call=</c>), so a reload of the same page keeps its key and can offer that call's draft back;
    /// a key whose ticket is already saved starts a new call.
    /// </summary>
    public async Task OnGetAsync(string? phone, Guid? call, CancellationToken cancellationToken)
    {
        var key = call is { } c && c != Guid.Empty && !await db.Tickets.AnyAsync(t => t.IntakeKey == c, cancellationToken) ? c : Guid.NewGuid();
        Input = new Command { IntakeKey = key, Phone = phone };
        await LoadAsync(cancellationToken);
    }

    /// <summary>
    /// Beside the form once the caller is chosen: their open tickets (newest first, at most
    /// <see cref="OpenTicketsShown"/>, through the (customer_id, created_at) index) and the chosen unit's last
    /// <see cref="UnitVisitsShown"/> tickets with their latest visit (through (unit_id, created_at)).
    /// </summary>
    public async Task<IActionResult> OnGetCallerContextAsync(long customerId, long? unitId, CancellationToken cancellationToken)
    {
        var final = new[] { TicketStatus.Completed, TicketStatus.Closed, TicketStatus.Declined, TicketStatus.Cancelled };
        var open = await (from t in db.Tickets.AsNoTracking()
                          where t.CustomerId == customerId && !final.Contains(t.Status)
                          orderby t.CreatedAt descending
                          select new ContextRow(t.Number, t.Status, t.Urgency, t.Kind, t.CreatedAt, t.FaultDescription, t.UnitId, t.RepeatCallCount, t.Id))
                         .Take(OpenTicketsShown).ToListAsync(cancellationToken);
        var visits = unitId is { } unit
            ? await (from t in db.Tickets.AsNoTracking()
                     where t.UnitId == unit && t.CustomerId == customerId
                     orderby t.CreatedAt descending
                     select new ContextRow(t.Number, t.Status, t.Urgency, t.Kind, t.CreatedAt, t.FaultDescription, t.UnitId, t.RepeatCallCount, t.Id))
                    .Take(UnitVisitsShown).ToListAsync(cancellationToken)
            : [];

        var unitIds = open.Select(t => t.UnitId).Concat(visits.Select(t => t.UnitId)).OfType<long>().Distinct().ToList();
        var units = await (from u in db.Units.AsNoTracking()
                           join m in db.ProductModels.AsNoTracking() on u.ProductModelId equals m.Id
                           where unitIds.Contains(u.Id)
                           select new { u.Id, Label = m.Code + " · " + u.SerialNumber }).ToDictionaryAsync(u => u.Id, u => u.Label, cancellationToken);
        var ticketIds = visits.Select(v => v.Id).ToList();
        var lastVisits = (await (from w in db.WorkOrders.AsNoTracking()
                                 join u in db.Users on w.TechnicianId equals u.Id
                                 where ticketIds.Contains(w.TicketId)
                                 select new { w.TicketId, w.AssignedAt, w.AppointmentDate, w.Status, u.FullName }).ToListAsync(cancellationToken))
            .GroupBy(w => w.TicketId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(w => w.AssignedAt).First());

        ContextTicket View(ContextRow t)
        {
            var visit = lastVisits.GetValueOrDefault(t.Id);
            return new ContextTicket(
                t.Number,
                t.Status.ToString(),
                l["Status." + t.Status],
                l["Urgency." + t.Urgency],
                l["Kind." + t.Kind],
                clock.ToLocal(t.CreatedAt).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                l.Show(t.Fault) is var fault && fault.Length > 80 ? fault[..80] + "…" : fault,
                t.UnitId,
                t.UnitId is { } u ? units.GetValueOrDefault(u) : null,
                t.RepeatCalls,
                t.Status is not (TicketStatus.Completed or TicketStatus.Closed or TicketStatus.Declined or TicketStatus.Cancelled),
                visit is null ? null : visit.AppointmentDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + " · " + visit.FullName + " · " + l["WorkOrders.Status." + visit.Status]);
        }

        return new JsonResult(new CallerContext(open.Select(View).ToList(), visits.Select(View).ToList()));
    }

    private sealed record ContextRow(string Number, TicketStatus Status, Urgency Urgency, TicketKind Kind, DateTimeOffset CreatedAt, string Fault, long? UnitId, int RepeatCalls, long Id);

    /// <summary>
    /// 催修: the caller chases an open ticket of the same unit. The call (what they said now, from the fault
    /// field) is recorded and counted on that ticket, whose urgency the domain raises from the second repeat
    /// call on; nothing new is created. A second submit of the same form is counted once.
    /// </summary>
    public async Task<IActionResult> OnPostRepeatCallAsync(string? repeatTicket, CancellationToken cancellationToken)
    {
        var command = new RepeatCallCommand
        {
            IntakeKey = Input.IntakeKey,
            CustomerId = Input.CustomerId,
            UnitId = Input.UnitId,
            TicketNumber = repeatTicket,
            FaultDescription = Input.FaultDescription,
        };
        if (!this.Validate(repeatValidator, command))
        {
            MoveToSummary("Input.TicketNumber", "Input.CustomerId", "Input.UnitId", "Input.IntakeKey");
            await LoadAsync(cancellationToken);
            return Page();
        }

        var user = User.Identity!.Name!;
        Ticket? ticket = null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                db.ChangeTracker.Clear();
                ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Number == command.TicketNumber, cancellationToken);
                if (ticket is null || ticket.CustomerId != command.CustomerId || ticket.UnitId is null || ticket.UnitId != command.UnitId)
                {
                    ModelState.AddModelError("", l["Intake.RepeatWrongTicket"]);
                    ticket = null;
                    break;
                }

                if (ticket.RecordRepeatCall(clock.UtcNow, user, command.FaultDescription, command.IntakeKey))
                {
                    await db.SaveChangesAsync(cancellationToken);
                }

                break;
            }
            catch (DomainException error)
            {
                ModelState.AddModelError(error.Code == "field.too_long" ? "Input.FaultDescription" : "", l.Translate(error));
                ticket = null;
                break;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // Someone changed the ticket meanwhile: a repeat call only adds, so it is applied again to the fresh ticket.
            }
        }

        if (ticket is null)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(cancellationToken);
            return Page();
        }

        logger.LogInformation("Repeat call {Count} on ticket {Number} taken by {User}", ticket.RepeatCallCount, ticket.Number, user);
        TempData["Flash"] = (string)l["Intake.RepeatRecorded", ticket.Number, ticket.RepeatCallCount, l["Urgency." + ticket.Urgency]];
        TempData["IntakeDone"] = command.IntakeKey.ToString();
        return RedirectToPage("/Tickets/Details", new { number = ticket.Number });
    }

    /// <summary>Errors about fields the form does not show beside an input go to the summary.</summary>
    private void MoveToSummary(params string[] keys)
    {
        foreach (var key in keys)
        {
            if (ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0)
            {
                foreach (var error in entry.Errors.ToList())
                {
                    ModelState.AddModelError("", error.ErrorMessage);
                }

                entry.Errors.Clear();
            }
        }
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

                // One save in the transaction: a failed save rolls the whole call back, so no savepoint round trips.
                db.Database.AutoSavepointsEnabled = false;
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
                    await Infrastructure.Quality.ComplaintLedger.RecordAsync(db, ticket, Domain.Complaints.ComplaintSource.Intake, Input.FaultCategory, null, user, clock.UtcNow, quality.Value.Classification, clock, cancellationToken);
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
            else
            {
                Unit.CheckPurchaseDate(Input.PurchaseDate, today);
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
