using System.Globalization;
using System.Security.Claims;
using AfterSales.Domain;
using AfterSales.Domain.Discipline;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Changes;
using AfterSales.Web.Infrastructure.Discipline;
using AfterSales.Web.Infrastructure.Identity;
using AfterSales.Web.Infrastructure.Queues;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Discipline;

/// <summary>
/// Reward and penalty records for managers (the admin office reads them): filter, propose, approve or reject
/// (never one's own proposal or one's own record), decide appeals, propose reversals of approved records, and
/// scan field work for automatic proposals. Removal, dismissal and the dismissal threshold show as an alert.
/// A manager's page opens on the records awaiting their decision (oldest first); the open ones and all records
/// (newest first) are other views, filtered by status, employee, rule, department and fact dates, 50 a page by
/// cursor (proposed at, id) with the true total.
/// </summary>
public sealed class RecordsModel(
    AfterSalesDbContext db,
    ReadDbContext read,
    IStringLocalizer<SharedResource> l,
    CompanyClock clock,
    ProposalScanner scanner,
    IConfiguration configuration) : PageModel
{
    public const int PageSize = QueueInput.PageSize;

    /// <summary>Longest decision note or reversal reason (the domain's limit).</summary>
    public const int NoteMaxLength = 2000;

    /// <summary><c>awaiting</c> my decision (a manager's default), <c>open</c> (proposed or appealed), <c>all</c> (the admin's default).</summary>
    public static readonly IReadOnlyList<string> Views = RecordList.Views;

    public sealed record Command
    {
        public string? EmployeeId { get; init; }

        public long RuleId { get; init; }

        public DateOnly? FactDate { get; init; }

        public string? Evidence { get; init; }

        public string? TicketNumber { get; init; }

        public long? WorkOrderId { get; init; }

        /// <summary>Extra service income (net), for the commission article: the cash is the rule's rate of it.</summary>
        public decimal? Income { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l, CompanyClock clock)
        {
            RuleFor(c => c.EmployeeId).NotEmpty().WithMessage(_ => l["Validation.Required"]).MaximumLength(450).WithMessage(_ => l["Validation.TooLong", 450]);
            RuleFor(c => c.RuleId).GreaterThan(0).WithMessage(_ => l["Validation.Required"]);
            RuleFor(c => c.FactDate).NotNull().WithMessage(_ => l["Validation.Required"])
                .Must(d => d <= clock.Today).WithMessage(_ => l["Discipline.FactDateFuture"])
                .Must(d => d >= clock.Today.AddYears(-3)).WithMessage(_ => l["Discipline.FactDateOld"]);
            RuleFor(c => c.Evidence).NotEmpty().WithMessage(_ => l["Validation.Required"]).MaximumLength(2000).WithMessage(_ => l["Validation.TooLong", 2000]);
            RuleFor(c => c.TicketNumber).MaximumLength(32).WithMessage(_ => l["Validation.TooLong", 32]);
            RuleFor(c => c.WorkOrderId).GreaterThan(0).When(c => c.WorkOrderId is not null).WithMessage(_ => l["Discipline.WorkOrderUnknown"]);
            RuleFor(c => c.Income).GreaterThan(0).LessThanOrEqualTo(10_000_000).When(c => c.Income is not null).WithMessage(_ => l["Discipline.IncomeRange"]);
        }
    }

    [BindProperty]
    public Command Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public RecordStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Employee { get; set; }

    /// <summary>yyyy-MM: the month of the fact.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }

    /// <summary>The rule's article.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Rule { get; set; }

    /// <summary>The employee's department (station).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Dept { get; set; }

    /// <summary>Fact date from (inclusive).</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    /// <summary>Fact date to (inclusive).</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    /// <summary>Cursor: the last row of the previous page.</summary>
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    /// <summary>The page number shown (query key <c>p</c>; <c>page</c> is the Razor Pages route value).</summary>
    [BindProperty(Name = "p", SupportsGet = true)]
    public int? P { get; set; }

    /// <summary>The record just decided or proposed, shown on top after the redirect.</summary>
    [BindProperty(SupportsGet = true)]
    public long? Done { get; set; }

    public int Total { get; private set; }

    public bool FilterIgnored { get; private set; }

    public QueuePager Pager { get; private set; } = new(0, 1, null, null);

    public IReadOnlyList<string> Departments { get; private set; } = [];

    /// <summary>Whether the signed-in manager may approve or reject this proposal (the domain's rule; the proposer is never offered it).</summary>
    public bool MayDecide(DisciplineRecord record) => CanManage && record.MayBeDecidedBy(CurrentUserId());

    public bool MayDecideAppeal(DisciplineRecord record) => CanManage && record.MayAppealBeDecidedBy(CurrentUserId());

    public bool CanManage { get; private set; }

    /// <summary>The rule texts in the reader's language (an English reader sees a rule's English text).</summary>
    public AfterSales.Web.Infrastructure.Discipline.RuleTexts RuleTexts { get; private set; } = AfterSales.Web.Infrastructure.Discipline.RuleTexts.None;

    public IReadOnlyList<DisciplineRecord> Records { get; private set; } = [];

    public IReadOnlyDictionary<string, RecordPerson> People { get; private set; } = new Dictionary<string, RecordPerson>();

    public IReadOnlyList<DisciplineRule> Rules { get; private set; } = [];

    public IReadOnlySet<long> Reversed { get; private set; } = new HashSet<long>();

    public IReadOnlyList<DismissalAlerts.Alert> Alerts { get; private set; } = [];

    public DateOnly Today => clock.Today;

    /// <summary>The record whose row action failed, to show its message beside it.</summary>
    public long? FailedRecordId { get; private set; }

    public string? FailedMessage { get; private set; }

    /// <summary>The employee filter as the reader typed it (a user name, an employee number or, from a link, the id).</summary>
    public string? EmployeeShown { get; private set; }

    /// <summary>A person named by their id, user name or employee number (the forms take what a manager knows).</summary>
    internal static IQueryable<Infrastructure.Identity.AppUser> Staff(AfterSalesDbContext db, string named)
    {
        var normalized = named.ToUpperInvariant();
        return db.Users.AsNoTracking().Where(u => u.Id == named || u.NormalizedUserName == normalized || u.EmployeeNo == named);
    }

    public string Name(string? userId) => userId is null ? "" : userId == DisciplineRecord.SystemProposer ? l["Discipline.System"] : People.TryGetValue(userId, out var p) ? p.Label : userId;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Input = new Command { FactDate = clock.Today };
        return Page();
    }

    [HandlerPolicy(Policies.Manager)]
    public async Task<IActionResult> OnPostProposeAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var employee = await Staff(db, Input.EmployeeId!.Trim()).Where(u => !u.IsDisabled).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
        var rule = await db.DisciplineRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == Input.RuleId, cancellationToken);
        var links = new List<EvidenceLink>();
        if (employee is null)
        {
            ModelState.AddModelError("Input.EmployeeId", l["Discipline.EmployeeUnknown"]);
        }

        if (rule is null)
        {
            ModelState.AddModelError("Input.RuleId", l["Discipline.RuleUnknown"]);
        }

        var ticketNumber = Input.TicketNumber?.Trim();
        if (!string.IsNullOrEmpty(ticketNumber))
        {
            var ticket = await db.Tickets.AsNoTracking().Where(t => t.Number == ticketNumber).Select(t => new { t.Id, t.Number }).FirstOrDefaultAsync(cancellationToken);
            if (ticket is null)
            {
                ModelState.AddModelError("Input.TicketNumber", l["Discipline.TicketUnknown", ticketNumber]);
            }
            else
            {
                links.Add(new EvidenceLink("Ticket", ticket.Id, ticket.Number));
            }
        }

        if (Input.WorkOrderId is { } workOrderId)
        {
            if (!await db.WorkOrders.AsNoTracking().AnyAsync(w => w.Id == workOrderId, cancellationToken))
            {
                ModelState.AddModelError("Input.WorkOrderId", l["Discipline.WorkOrderUnknown"]);
            }
            else
            {
                links.Add(new EvidenceLink("WorkOrder", workOrderId, "#" + workOrderId.ToString(CultureInfo.InvariantCulture)));
            }
        }

        decimal? cash = null;
        if (rule is { Trigger: RuleTrigger.ExtraIncomeCommission, Threshold: { } rate })
        {
            // The commission is paid once per work order: name it, and not one the daily scan or a manager already proposed.
            if (Input.WorkOrderId is not { } soldOn)
            {
                ModelState.AddModelError("Input.WorkOrderId", l["Discipline.CommissionNeedsWorkOrder"]);
            }
            else
            {
                if ((await Commissions.WorkOrdersTakenAsync(db, rule.Article, null, cancellationToken)).Contains(soldOn))
                {
                    ModelState.AddModelError("Input.WorkOrderId", l["Discipline.CommissionAlreadyProposed", soldOn]);
                }
            }

            if (Input.Income is not { } income)
            {
                ModelState.AddModelError("Input.Income", l["Discipline.IncomeRequired"]);
            }
            else
            {
                try
                {
                    cash = Commission.Cash(income, rate);
                }
                catch (DomainException error)
                {
                    ModelState.AddModelError("Input.Income", l.Translate(error));
                }
            }
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        // Part 3 applies to service advisors, Part 5 to the service centre's staff: the employee's roles say which they are.
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == employee select r.Name).ToListAsync(cancellationToken);
        return await this.Add(() => DisciplineRecord.Propose(employee!, rule!, Input.FactDate!.Value, Input.Evidence!, links, CurrentUserId(), clock.UtcNow, cashAmount: cash, employeeAudiences: RuleAudiences.Of(roles.OfType<string>())))
            .ErrorsAt(error => error.Code == "record.rule_audience" ? "Input.RuleId" : "")
            .Reload(() => LoadAsync(cancellationToken))
            .Done(record => RedirectToPage(new { done = record.Id }))
            .RunAsync(record => l["Discipline.Proposed", record.Article], cancellationToken);
    }

    [HandlerPolicy(Policies.Manager)]
    public Task<IActionResult> OnPostApproveAsync(long id, uint version, string? note, CancellationToken cancellationToken) =>
        ChangeAsync(id, version, r =>
        {
            r.Approve(CurrentUserId(), clock.UtcNow, Bounded(note));
            return l["Discipline.Approved", r.Article];
        }, cancellationToken);

    [HandlerPolicy(Policies.Manager)]
    public Task<IActionResult> OnPostRejectAsync(long id, uint version, string? note, CancellationToken cancellationToken) =>
        ChangeAsync(id, version, r =>
        {
            r.Reject(CurrentUserId(), clock.UtcNow, Bounded(note) ?? "");
            return l["Discipline.Rejected", r.Article];
        }, cancellationToken);

    [HandlerPolicy(Policies.Manager)]
    public Task<IActionResult> OnPostDecideAppealAsync(long id, uint version, bool upheld, string? note, CancellationToken cancellationToken) =>
        ChangeAsync(id, version, r =>
        {
            r.DecideAppeal(upheld, CurrentUserId(), clock.UtcNow, Bounded(note) ?? "");
            return upheld ? l["Discipline.AppealUpheld", r.Article] : l["Discipline.AppealOverturned", r.Article];
        }, cancellationToken);

    /// <summary>Proposes a record that reverses an approved one; it is decided like any proposal.</summary>
    [HandlerPolicy(Policies.Manager)]
    public async Task<IActionResult> OnPostReverseAsync(long id, string? reason, CancellationToken cancellationToken)
    {
        var original = await db.DisciplineRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (original is null)
        {
            return NotFound();
        }

        return await this.Add(async token =>
            {
                var reversed = await db.DisciplineRecords.Where(r => r.ReversesRecordId == id).AnyAsync(RecordPredicates.LiveReversal, token);
                return original.Reverse(Bounded(reason) ?? "", CurrentUserId(), clock.UtcNow, clock.Today, reversed);
            })
            .IgnoringInput()
            .Reload(() => FailAsync(id, cancellationToken))
            .Done(reversal => LocalRedirect(QueueReturn.To("/Discipline/Records", QueueReturn.Of(Request), new KeyValuePair<string, string?>("done", reversal.Id.ToString(CultureInfo.InvariantCulture)))))
            .RunAsync(_ => l["Discipline.ReversalProposed", original.Article], cancellationToken);
    }

    [HandlerPolicy(Policies.Manager)]
    public async Task<IActionResult> OnPostScanAsync(CancellationToken cancellationToken)
    {
        var count = await scanner.ScanAsync(clock.Today, cancellationToken);
        TempData["Flash"] = l["Discipline.Scanned", count].Value;
        return RedirectToPage(new { view = "awaiting" });
    }

    /// <summary>Load, check nobody changed the record meanwhile, let the domain decide, save once, redirect.</summary>
    private Task<IActionResult> ChangeAsync(long id, uint version, Func<DisciplineRecord, string> change, CancellationToken cancellationToken) =>
        this.Change(db.DisciplineRecords.Where(r => r.Id == id), version)
            .IgnoringInput()
            .ConflictSays(l["Discipline.ChangedMeanwhile"])
            .Reload(() => FailAsync(id, cancellationToken))
            .Done(_ => LocalRedirect(QueueReturn.To("/Discipline/Records", QueueReturn.Of(Request), new KeyValuePair<string, string?>("done", id.ToString(CultureInfo.InvariantCulture)))))
            .RunAsync(change, cancellationToken);

    /// <summary>The refusal (in ModelState) is shown on the record's own row.</summary>
    private async Task<IActionResult> FailAsync(long id, CancellationToken cancellationToken)
    {
        Done = id;
        FailedRecordId = id;
        FailedMessage = ModelState.TryGetValue("", out var refusal) && refusal.Errors.Count > 0 ? refusal.Errors[^1].ErrorMessage : null;
        await LoadAsync(cancellationToken);
        Input = new Command { FactDate = clock.Today };
        return Page();
    }

    /// <summary>A decision's note or a reversal's reason: longer than <see cref="NoteMaxLength"/> is refused with a message, never cut.</summary>
    private static string? Bounded(string? text) => Guard.Optional(text, NoteMaxLength);

    private string CurrentUserId() => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Signed-in user without an id.");

    /// <summary>The list (<see cref="RecordList"/>) with the names it shows, and the dismissal alerts (<see cref="DismissalAlerts"/>).</summary>
    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        CanManage = await this.AllowsAsync(Policies.Manager);
        var people = new RecordPeople(read);
        People = people.Known;
        var list = await new RecordList(read).LoadAsync(
            new RecordList.Filter(Status, Employee, Rule, Dept, From, To, Month, View, After, P, Done),
            ignoreAll: !ModelState.IsValid && Request.Method == HttpMethods.Get,
            CanManage,
            CurrentUserId(),
            people,
            cancellationToken);
        (Status, Employee, Rule, Dept, From, To, Month, View) = (list.Filter.Status, list.Filter.Employee, list.Filter.Rule, list.Filter.Dept, list.Filter.From, list.Filter.To, list.Filter.Month, list.Filter.View);
        EmployeeShown = Employee;
        Rules = list.Rules;
        Total = list.Total;
        FilterIgnored = list.FilterIgnored;
        Pager = new QueuePager(
            Total,
            list.PageNumber,
            list.NextAfter is { } next ? Url.Page("/Discipline/Records", Values(next, list.PageNumber + 1)) : null,
            list.PageNumber > 1 ? Url.Page("/Discipline/Records", Values(null, null)) : null);
        Records = list.Records;
        RuleTexts = list.RuleTexts;
        Departments = list.Departments;
        Reversed = list.Reversed;
        Alerts = await DismissalAlerts.LoadAsync(read, clock.Today, configuration.GetValue("Discipline:DismissalWindowYears", 0), people, Name, l, cancellationToken);
    }

    private RouteValueDictionary Values(string? after, int? page) => new()
    {
        ["view"] = View,
        ["status"] = Status,
        ["employee"] = Employee,
        ["rule"] = Rule,
        ["dept"] = Dept,
        ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["month"] = Month,
        ["after"] = after,
        ["p"] = page,
    };
}
