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
using AfterSales.Web.Infrastructure.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

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
    DismissalAlerts dismissalAlerts,
    IOptionsSnapshot<DisciplineOptions> options) : PageModel
{
    public const int PageSize = QueueInput.PageSize;

    /// <summary><c>awaiting</c> my decision (a manager's default), <c>open</c> (proposed or appealed), <c>all</c> (the admin's default).</summary>
    public static readonly IReadOnlyList<string> Views = RecordList.Views;

    [BindProperty]
    public ProposeRecord.Command Input { get; set; } = new();

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

    public QueuePager Pager { get; private set; } = new(0, 1, null, null);

    /// <summary>The page of records as loaded (<see cref="RecordList"/>): the records, their total, the rules and their texts in the reader's language, the departments, which records are reversed.</summary>
    public RecordList.Page List { get; private set; } = RecordList.Page.Empty;

    /// <summary>Whether the signed-in manager may approve or reject this proposal (the domain's rule; the proposer is never offered it).</summary>
    public bool MayDecide(DisciplineRecord record) => CanManage && record.MayBeDecidedBy(CurrentUserId());

    public bool MayDecideAppeal(DisciplineRecord record) => CanManage && record.MayAppealBeDecidedBy(CurrentUserId());

    public bool CanManage { get; private set; }

    public IReadOnlyDictionary<string, RecordPerson> People { get; private set; } = new Dictionary<string, RecordPerson>();

    public IReadOnlyList<DismissalAlerts.Alert> Alerts { get; private set; } = [];

    public DateOnly Today => clock.Today;

    /// <summary>The record whose row action failed, to show its message beside it.</summary>
    public long? FailedRecordId { get; private set; }

    public string? FailedMessage { get; private set; }

    /// <summary>The employee filter as the reader typed it (a user name, an employee number or, from a link, the id).</summary>
    public string? EmployeeShown { get; private set; }

    public string Name(string? userId) => userId is null ? "" : userId == DisciplineRecord.SystemProposer ? l["Discipline.System"] : People.TryGetValue(userId, out var p) ? p.Label : userId;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Input = new ProposeRecord.Command { FactDate = clock.Today };
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

        var proposal = await ProposeRecord.ResolveAsync(db, Input, ModelState, l, cancellationToken);
        if (proposal is null)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        return await this.Add(() => proposal.Propose(Input, CurrentUserId(), clock.UtcNow))
            .ErrorsAt(error => error.Code == "record.rule_audience" ? "Input.RuleId" : "")
            .Reload(() => LoadAsync(cancellationToken))
            .Done(record => RedirectToPage(new { done = record.Id }))
            .RunAsync(record => l["Discipline.Proposed", record.Article], cancellationToken);
    }

    [HandlerPolicy(Policies.Manager)]
    public Task<IActionResult> OnPostApproveAsync(long id, uint version, string? note, CancellationToken cancellationToken) =>
        ChangeAsync(id, version, r => DecideRecord.Approve(r, CurrentUserId(), clock.UtcNow, note, l), cancellationToken);

    [HandlerPolicy(Policies.Manager)]
    public Task<IActionResult> OnPostRejectAsync(long id, uint version, string? note, CancellationToken cancellationToken) =>
        ChangeAsync(id, version, r => DecideRecord.Reject(r, CurrentUserId(), clock.UtcNow, note, l), cancellationToken);

    [HandlerPolicy(Policies.Manager)]
    public Task<IActionResult> OnPostDecideAppealAsync(long id, uint version, bool upheld, string? note, CancellationToken cancellationToken) =>
        ChangeAsync(id, version, r => DecideRecord.DecideAppeal(r, upheld, CurrentUserId(), clock.UtcNow, note, l), cancellationToken);

    /// <summary>Proposes a record that reverses an approved one; it is decided like any proposal.</summary>
    [HandlerPolicy(Policies.Manager)]
    public async Task<IActionResult> OnPostReverseAsync(long id, string? reason, CancellationToken cancellationToken)
    {
        var original = await db.DisciplineRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (original is null)
        {
            return NotFound();
        }

        return await this.Add(token => ReverseRecord.ProposeAsync(db, original, reason, CurrentUserId(), clock, token))
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
        Input = new ProposeRecord.Command { FactDate = clock.Today };
        return Page();
    }

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
        List = list;
        Pager = new QueuePager(
            list.Total,
            list.PageNumber,
            list.NextAfter is { } next ? Url.Page("/Discipline/Records", list.Filter.RouteValues(next, list.PageNumber + 1)) : null,
            list.PageNumber > 1 ? Url.Page("/Discipline/Records", list.Filter.RouteValues(null, null)) : null);
        Alerts = await dismissalAlerts.LoadAsync(read, clock.Today, options.Value.DismissalWindowYears, people, Name, l, cancellationToken);
    }
}
