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
    public static readonly IReadOnlyList<string> Views = ["awaiting", "open", "all"];

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

    public sealed record Person(string Id, string UserName, string FullName, bool Disabled)
    {
        public string Label => FullName.Length > 0 ? $"{FullName}（{UserName}）" : UserName;
    }

    public sealed record Alert(string EmployeeId, string Name, IReadOnlyList<string> Reasons);

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

    public IReadOnlyDictionary<string, Person> People { get; private set; } = new Dictionary<string, Person>();

    public IReadOnlyList<DisciplineRule> Rules { get; private set; } = [];

    public IReadOnlySet<long> Reversed { get; private set; } = new HashSet<long>();

    public IReadOnlyList<Alert> Alerts { get; private set; } = [];

    public DateOnly Today => clock.Today;

    /// <summary>The record whose row action failed, to show its message beside it.</summary>
    public long? FailedRecordId { get; private set; }

    public string? FailedMessage { get; private set; }

    /// <summary>The employee filter as the reader typed it (a user name, an employee number or, from a link, the id).</summary>
    public string? EmployeeShown { get; private set; }

    /// <summary>A person named by their id, user name or employee number (the forms take what a manager knows).</summary>
    private static IQueryable<Infrastructure.Identity.AppUser> Staff(AfterSalesDbContext db, string named)
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

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        CanManage = await this.AllowsAsync(Policies.Manager);
        Rules = (await read.DisciplineRules.AsNoTracking().Where(r => r.Active).ToListAsync(cancellationToken))
            .OrderBy(r => r.Audience).ThenBy(r => r.Article, StringComparer.Ordinal).ToList();

        var input = new QueueInput();
        if (!ModelState.IsValid && Request.Method == HttpMethods.Get)
        {
            input.Ignore();
        }

        Status = input.Enum(Status);
        Employee = input.Text(Employee, 450);
        Rule = input.Text(Rule, 20);
        Dept = input.Text(Dept, 256);
        From = input.Date(From);
        To = input.Date(To);
        Month = input.Text(Month, 7);
        var view = input.Text(View, 16);
        if (view is not null && (!Views.Contains(view) || (view == "awaiting" && !CanManage)))
        {
            input.Ignore();
            view = null;
        }

        var monthStart = default(DateOnly);
        if (Month is not null && !DateOnly.TryParseExact(Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out monthStart))
        {
            input.Ignore();
            Month = null;
        }

        if (Month is not null && input.Date(monthStart) is null)
        {
            Month = null;
        }

        // A manager opens on what awaits their decision; a link that names a filter (a bookmark, the scan, a tally) opens on all records.
        var filtered = Status is not null || Employee is not null || Rule is not null || Dept is not null || From is not null || To is not null || Month is not null;
        View = view ?? (CanManage && !filtered ? "awaiting" : "all");
        var cursor = input.InstantCursor(After);
        var pageNumber = cursor is null ? 1 : input.Page(P);

        var query = read.DisciplineRecords.AsNoTracking();
        query = View switch
        {
            "awaiting" => query.Where(DisciplineRecord.AwaitingDecisionBy(CurrentUserId())),
            "open" => query.Where(r => r.Status == RecordStatus.Proposed || r.Status == RecordStatus.Appealed),
            _ => query,
        };

        if (Status is { } status)
        {
            query = query.Where(r => r.Status == status);
        }

        EmployeeShown = Employee;
        if (Employee is { } employee)
        {
            // Typed as a user name or an employee number, or an id from a link: the records are filtered by the id.
            var named = await Staff(read, employee).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken) ?? employee;
            query = query.Where(r => r.EmployeeId == named);
        }

        if (Rule is { } article)
        {
            query = query.Where(r => r.Article == article);
        }

        if (Dept is { } department)
        {
            // The department's people are read first (a staff list, not a history), so the count reads the employee
            // index for those ids instead of joining every record to the staff table.
            var people = await read.Users.AsNoTracking().Where(u => u.Department == department).Select(u => u.Id).ToListAsync(cancellationToken);
            query = query.Where(r => people.Contains(r.EmployeeId));
        }

        if (From is { } from)
        {
            query = query.Where(r => r.FactDate >= from);
        }

        if (To is { } to)
        {
            query = query.Where(r => r.FactDate <= to);
        }

        if (Month is not null)
        {
            var monthEnd = monthStart.AddMonths(1);
            query = query.Where(r => r.FactDate >= monthStart && r.FactDate < monthEnd);
        }

        Total = await query.CountAsync(cancellationToken);

        // Decisions are worked oldest first; the whole list is read newest first. Both page by (proposed at, id).
        List<DisciplineRecord> page;
        if (View == "all")
        {
            if (cursor is { } c)
            {
                query = query.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.ProposedAt, r.Id), ValueTuple.Create(c.At, c.Id)));
            }

            page = await query.OrderByDescending(r => r.ProposedAt).ThenByDescending(r => r.Id).Take(PageSize + 1).ToListAsync(cancellationToken);
        }
        else
        {
            if (cursor is { } c)
            {
                query = query.Where(r => EF.Functions.GreaterThan(ValueTuple.Create(r.ProposedAt, r.Id), ValueTuple.Create(c.At, c.Id)));
            }

            page = await query.OrderBy(r => r.ProposedAt).ThenBy(r => r.Id).Take(PageSize + 1).ToListAsync(cancellationToken);
        }

        var records = page.Take(PageSize).ToList();
        FilterIgnored = input.Ignored;
        Pager = new QueuePager(
            Total,
            pageNumber,
            page.Count > PageSize ? Url.Page("/Discipline/Records", Values(QueueInput.After(records[^1].ProposedAt, records[^1].Id), pageNumber + 1)) : null,
            pageNumber > 1 ? Url.Page("/Discipline/Records", Values(null, null)) : null);

        // The record just acted on stays in sight on top, whether or not it is still in this view.
        if (Done is { } done && done > 0 && records.All(r => r.Id != done)
            && await read.DisciplineRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Id == done, cancellationToken) is { } pinned)
        {
            records.Insert(0, pinned);
        }

        Records = records;
        await LoadPeopleAsync(records.SelectMany(r => new[] { r.EmployeeId, r.ProposedBy, r.DecidedBy, r.AppealDecidedBy }), cancellationToken);
        RuleTexts = await AfterSales.Web.Infrastructure.Discipline.RuleTexts.LoadAsync(read, cancellationToken);
        Departments = await read.Users.AsNoTracking().Where(u => u.Department != null).Select(u => u.Department!).Distinct().OrderBy(d => d).ToListAsync(cancellationToken);
        var ids = Records.Select(r => (long?)r.Id).ToList();
        Reversed = (await read.DisciplineRecords.AsNoTracking()
            .Where(RecordPredicates.LiveReversal)
            .Where(r => ids.Contains(r.ReversesRecordId))
            .Select(r => r.ReversesRecordId!.Value)
            .ToListAsync(cancellationToken)).ToHashSet();

        await LoadAlertsAsync(cancellationToken);
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

    /// <summary>
    /// Removal or dismissal approved this year, or 3 major demerits counted across the years of the employment
    /// (全累计三次大过解雇; <c>Discipline:DismissalWindowYears</c> limits the years, 0 = the whole employment):
    /// for a manager to decide.
    /// </summary>
    private async Task LoadAlertsAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var year = today.Year;
        var yearStart = new DateOnly(year, 1, 1);
        var window = configuration.GetValue("Discipline:DismissalWindowYears", 0);
        DateOnly? since = window > 0 ? today.AddYears(-window).AddDays(1) : null;

        // Only people who could be alerted go through the ladder: a removal or dismissal this year, or enough major demerits
        // in the window (each 3 demerits converting into one) to reach the threshold before any offset — offsets and
        // reversals only lower the count. In a company of thousands that is a few dozen people, not everyone with a demerit.
        var threshold = Ladder.DismissalThresholdMajorDemerits * 3;
        var concerned = await read.DisciplineRecords.AsNoTracking()
            .Where(RecordPredicates.Counting)
            .Where(r => (since == null || r.FactDate >= since)
                        && (r.Level == DisciplineLevel.Removal || r.Level == DisciplineLevel.Dismissal || r.Level == DisciplineLevel.MajorDemerit || r.Level == DisciplineLevel.Demerit))
            .GroupBy(r => r.EmployeeId)
            .Where(g => g.Count(r => r.FactDate >= yearStart && (r.Level == DisciplineLevel.Removal || r.Level == DisciplineLevel.Dismissal)) > 0
                        || (g.Count(r => r.Level == DisciplineLevel.MajorDemerit) * 3) + g.Count(r => r.Level == DisciplineLevel.Demerit) >= threshold)
            .Select(g => g.Key)
            .ToListAsync(cancellationToken);
        if (concerned.Count == 0)
        {
            Alerts = [];
            return;
        }

        await LoadPeopleAsync(concerned, cancellationToken);
        var counting = await Standings.CountingSinceAsync(read, since, concerned, cancellationToken);
        var alerts = new List<Alert>();
        foreach (var (employee, records) in counting.OrderBy(c => Name(c.Key), StringComparer.Ordinal))
        {
            var standing = Ladder.Standing(records, year);
            var found = standing.Alerts.Where(a => a.Code != "ladder.dismissal_threshold").ToList();
            if (Ladder.Dismissal(records, today, window).Alert is { } dismissal)
            {
                found.Add(dismissal);
            }

            var reasons = found.Select(a => l.Translate(a.Code, a.Args.Select(Format), a.Message)).ToList();
            if (reasons.Count > 0)
            {
                alerts.Add(new Alert(employee, Name(employee), reasons));
            }
        }

        Alerts = alerts;
    }

    /// <summary>Adds the names of the people a page shows (never the whole staff: a company has thousands).</summary>
    private async Task LoadPeopleAsync(IEnumerable<string?> ids, CancellationToken cancellationToken)
    {
        var known = People as Dictionary<string, Person> ?? new Dictionary<string, Person>(People);
        var missing = ids.OfType<string>().Where(id => !known.ContainsKey(id)).Distinct().ToList();
        if (missing.Count > 0)
        {
            foreach (var person in await read.Users.AsNoTracking().Where(u => missing.Contains(u.Id))
                         .Select(u => new Person(u.Id, u.UserName ?? "", u.FullName, u.IsDisabled)).ToListAsync(cancellationToken))
            {
                known[person.Id] = person;
            }
        }

        People = known;
    }

    private static object Format(object value) => value is DateOnly d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : value;
}
