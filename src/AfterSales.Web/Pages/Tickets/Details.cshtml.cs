using AfterSales.Domain;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Warranty;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Changes;
using AfterSales.Web.Infrastructure.Identity;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Tickets;

/// <summary>
/// One ticket: every fact, the warranty decision with its reasons, the quote and the customer's consent,
/// and a timeline of every change read from the audit trail. Quote, consent, cancel and the supervisor's
/// warranty override are recorded here, each refused by the domain when the ticket's state forbids it.
/// </summary>
public sealed class DetailsModel(AfterSalesDbContext db, CompanyClock clock, WorkCalendar workCalendar, IAuthorizationService authorization, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int QuoteRows = 6;

    public sealed record QuoteLineInput
    {
        public QuoteLineKind Kind { get; init; } = QuoteLineKind.Part;

        public string? Description { get; init; }

        public string? PartNumber { get; init; }

        public decimal? Quantity { get; init; }

        public decimal? UnitPrice { get; init; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Description) && Quantity is null && UnitPrice is null && string.IsNullOrWhiteSpace(PartNumber);
    }

    public sealed record QuoteCommand
    {
        public uint Version { get; init; }

        public List<QuoteLineInput> Lines { get; init; } = [];
    }

    public sealed class QuoteValidator : AbstractValidator<QuoteCommand>
    {
        public QuoteValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Lines).Must(lines => lines.Any(x => !x.IsBlank)).WithMessage(_ => l["Quote.NoLines"]);
            RuleForEach(c => c.Lines).Where(x => !x.IsBlank).ChildRules(line =>
            {
                line.RuleFor(x => x.Description).NotEmpty().WithMessage(_ => l["Quote.DescriptionRequired"]).MaximumLength(QuoteLine.DescriptionMaxLength).WithMessage(_ => l["Validation.TooLong", QuoteLine.DescriptionMaxLength]);
                line.RuleFor(x => x.PartNumber).MaximumLength(QuoteLine.PartNumberMaxLength).WithMessage(_ => l["Validation.TooLong", QuoteLine.PartNumberMaxLength]);
                line.RuleFor(x => x.Quantity).NotNull().WithMessage(_ => l["Quote.QuantityRequired"]).GreaterThan(0).WithMessage(_ => l["Quote.QuantityRequired"]).LessThanOrEqualTo(QuoteLine.MaxQuantity);
                line.RuleFor(x => x.UnitPrice).NotNull().WithMessage(_ => l["Quote.PriceRequired"]).GreaterThanOrEqualTo(0).WithMessage(_ => l["Quote.PriceRequired"]).LessThanOrEqualTo(QuoteLine.MaxUnitPrice);
                line.RuleFor(x => x.Kind).IsInEnum();
            });
        }
    }

    public Ticket Ticket { get; private set; } = null!;

    public string CustomerName { get; private set; } = "";

    public IReadOnlyList<string> CustomerPhones { get; private set; } = [];

    public string? ModelName { get; private set; }

    public string? Serial { get; private set; }

    public IReadOnlyList<WarrantyView.ReasonView> WarrantyReasons { get; private set; } = [];

    public IReadOnlyList<TicketFacts.TimelineEntry> Timeline { get; private set; } = [];

    public IReadOnlyList<TicketFacts.VisitRow> Visits { get; private set; } = [];

    public IReadOnlyDictionary<string, string> UserNames { get; private set; } = new Dictionary<string, string>();

    public bool Created { get; private set; }

    public bool CanQuote { get; private set; }

    public bool CanOverride { get; private set; }

    /// <summary>The ticket waits for a visit and the user dispatches (dispatcher, manager): the page offers 派工.</summary>
    public bool CanDispatch { get; private set; }

    [BindProperty]
    public QuoteCommand Quote { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string number, bool created, CancellationToken cancellationToken)
    {
        Created = created;
        return await LoadAsync(number, cancellationToken) ? Page() : NotFound();
    }

    [HandlerPolicy(Policies.Intake)]
    public Task<IActionResult> OnPostQuoteAsync(string number, CancellationToken cancellationToken) =>
        Change(number, Quote.Version, cancellationToken).RunAsync(ticket =>
        {
            var lines = Quote.Lines.Where(x => !x.IsBlank).ToList();
            ticket.RecordQuote(
                new Quote(lines.Select(x => new QuoteLine(x.Kind, x.Description!, x.PartNumber, x.Quantity!.Value, x.UnitPrice!.Value))),
                clock.UtcNow,
                User.Identity!.Name!);
            return l["Quote.Recorded"];
        }, cancellationToken);

    [HandlerPolicy(Policies.Intake)]
    public Task<IActionResult> OnPostConsentAsync(string number, uint version, ConsentMethod method, bool accepted, string? note, CancellationToken cancellationToken) =>
        Change(number, version, cancellationToken).IgnoringInput().RunAsync(ticket =>
        {
            ticket.RecordConsent(method, accepted, User.Identity!.Name!, clock.UtcNow, Bounded(note, Ticket.NoteMaxLength));
            return accepted ? l["Consent.Accepted"] : l["Consent.Declined"];
        }, cancellationToken);

    [HandlerPolicy(Policies.Supervisor)]
    public Task<IActionResult> OnPostOverrideAsync(string number, uint version, WarrantyStatus result, string? reason, CancellationToken cancellationToken) =>
        Change(number, version, cancellationToken).IgnoringInput().RunAsync(async ticket =>
        {
            var model = ticket.ProductModelId is { } m ? await db.ProductModels.FirstAsync(x => x.Id == m, cancellationToken) : null;
            var unit = ticket.UnitId is { } u ? await db.Units.FirstAsync(x => x.Id == u, cancellationToken) : null;
            var decision = UnitWarranty.Decide(model, unit?.PurchaseDate, unit?.HasProofOfPurchase ?? false, unit?.SerialNumber, clock.Today, supervisorOverride: new WarrantyOverride(result, reason ?? "", User.Identity!.Name!));
            ticket.RedecideWarranty(decision);
            return l["Warranty.Overridden"].Value;
        }, cancellationToken);

    [HandlerPolicy(Policies.Intake)]
    public Task<IActionResult> OnPostCancelAsync(string number, uint version, string? reason, CancellationToken cancellationToken) =>
        Change(number, version, cancellationToken).IgnoringInput().RunAsync(ticket =>
        {
            ticket.Cancel(reason ?? "", clock.UtcNow);
            return l["Ticket.Cancelled"];
        }, cancellationToken);

    /// <summary>Load, check nobody changed the ticket meanwhile, let the domain decide, save once, redirect (the role is the handler's policy).</summary>
    private AggregateChange<Ticket> Change(string number, uint version, CancellationToken cancellationToken) =>
        this.Change(db.Tickets.Where(t => t.Number == number), version)
            .ConflictSays(l["Ticket.ChangedMeanwhile"])
            .Reload(() => LoadAsync(number, cancellationToken))
            .Done(_ => RedirectToPage(new { number }));

    /// <summary>Longer than <paramref name="max"/> is refused with a message (field.too_long), never cut.</summary>
    private static string? Bounded(string? value, int max) => Guard.Optional(value, max);

    /// <summary>The ticket's facts (<see cref="TicketFacts"/>), what this reader may do with it, and the quote form.</summary>
    private async Task<bool> LoadAsync(string number, CancellationToken cancellationToken)
    {
        if (await TicketFacts.LoadAsync(db, clock, workCalendar, number, cancellationToken) is not { } facts)
        {
            return false;
        }

        var ticket = facts.Ticket;
        (Ticket, CustomerName, CustomerPhones, ModelName, Serial) = (ticket, facts.CustomerName, facts.CustomerPhones, facts.ModelName, facts.Serial);
        (Visits, Timeline, UserNames) = (facts.Visits, facts.Timeline, facts.UserNames);
        WarrantyReasons = WarrantyView.Translate(ticket.WarrantyReasons, l);
        CanQuote = !ticket.IsFinal && ticket.WarrantyStatus != WarrantyStatus.InWarranty && (await authorization.AuthorizeAsync(User, Policies.Intake)).Succeeded;
        CanOverride = !ticket.IsFinal && (await authorization.AuthorizeAsync(User, Policies.Supervisor)).Succeeded;
        CanDispatch = Domain.Dispatch.WaitingVisits.IsWaitingForVisit(ticket.Status, ticket.Kind, ticket.ServiceMode, Visits.Any(v => v.Status != Domain.WorkOrders.WorkOrderStatus.Completed))
            && (await authorization.AuthorizeAsync(User, Policies.Dispatch)).Succeeded;
        if (Quote.Lines.Count == 0)
        {
            Quote = new QuoteCommand
            {
                Version = ticket.Version,
                Lines = [.. ticket.QuoteLines.Select(x => new QuoteLineInput { Kind = x.Kind, Description = x.Description, PartNumber = x.PartNumber, Quantity = x.Quantity, UnitPrice = x.UnitPrice })],
            };
        }

        while (Quote.Lines.Count < QuoteRows)
        {
            Quote.Lines.Add(new QuoteLineInput());
        }

        return true;
    }
}
