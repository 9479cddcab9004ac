using System.Security.Claims;
using AfterSales.Domain;
using AfterSales.Domain.Tallies;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Changes;
using AfterSales.Web.Infrastructure.Identity;
using AfterSales.Web.Infrastructure.Settings;
using AfterSales.Web.Infrastructure.Tallies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace AfterSales.Web.Pages.Tallies;

/// <summary>
/// The month's tally for the whole company: lines per employee with their evidence, the review flow
/// (submit by a manager → check by the admin office → publish by a manager → lock by the admin office), charts
/// and a print view for the notice board. Managers and the admin office see every line at every stage; everyone
/// else sees all lines once the month is published, and only their own line before.
/// </summary>
public sealed class MonthModel(AfterSalesDbContext db, ReadDbContext read, CompanyClock clock, IOptionsSnapshot<DisciplineOptions> discipline, IStringLocalizer<SharedResource> l) : PageModel
{
    public string Month { get; private set; } = "";

    public MonthlyTally? Tally { get; private set; }

    public TallyStatus Status => Tally?.Status ?? TallyStatus.Draft;

    /// <summary>The rule texts in the reader's language (an English reader sees a rule's English text).</summary>
    public AfterSales.Web.Infrastructure.Discipline.RuleTexts RuleTexts { get; private set; } = AfterSales.Web.Infrastructure.Discipline.RuleTexts.None;

    /// <summary>The lines this user may see, after the filters.</summary>
    public IReadOnlyList<TallyLine> Lines { get; private set; } = [];

    public IReadOnlyList<string> Departments { get; private set; } = [];

    public IReadOnlyList<string> RolesShown { get; private set; } = [];

    public bool SeesAll { get; private set; }

    public bool IsManager { get; private set; }

    public bool IsAdmin { get; private set; }

    public bool MonthIsOver { get; private set; }

    public decimal HourQuota { get; private set; }

    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();

    /// <summary>JSON for the charts: trend per person, department comparison, most frequent articles.</summary>
    public string ChartJson { get; private set; } = "{}";

    [BindProperty(SupportsGet = true)]
    public string? Department { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Role { get; set; }

    /// <summary>?print=1: the notice-board view (no buttons, filters, charts or evidence).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Print { get; set; }

    public bool IsPrint => Print is "1" or "true";

    public string? Error { get; private set; }

    public string? Reason { get; private set; }

    public async Task<IActionResult> OnGetAsync(string month, CancellationToken cancellationToken) =>
        TallyMonth.TryParse(month, out _) ? await LoadAsync(month, cancellationToken) : NotFound();

    /// <summary>?handler=Work&amp;employee=…: the work orders behind one line, loaded when its evidence is opened (<see cref="LineEvidence"/>).</summary>
    public async Task<IActionResult> OnGetWorkAsync(string month, string? employee, CancellationToken cancellationToken)
    {
        if (await RefuseLineAsync(month, employee, cancellationToken) is { } refused)
        {
            return refused;
        }

        Month = month;
        (WorkTotal, Work, CallTotal, Calls, Standing) = await LineEvidence.LoadAsync(read, clock, month, employee!, cancellationToken);
        return Partial("_TallyWork", this);
    }

    /// <summary>?handler=Trend&amp;employee=…: one person's monthly ladder score over the 12 months ending with this one (JSON for the trend chart).</summary>
    public async Task<IActionResult> OnGetTrendAsync(string month, string? employee, CancellationToken cancellationToken)
    {
        if (await RefuseLineAsync(month, employee, cancellationToken) is { } refused)
        {
            return refused;
        }

        var (months, scores) = await TallyData.TrendAsync(read, month, [employee!], cancellationToken);
        return new JsonResult(new { months, scores = scores.GetValueOrDefault(employee!) ?? new int[months.Count] });
    }

    /// <summary>A line's drill-down: 404 for a month or person that is no line, 403 for a line this reader may not see yet.</summary>
    private async Task<IActionResult?> RefuseLineAsync(string month, string? employee, CancellationToken cancellationToken)
    {
        if (!TallyMonth.TryParse(month, out _) || string.IsNullOrEmpty(employee))
        {
            return NotFound();
        }

        Tally = await read.MonthlyTallies.AsNoTracking().FirstOrDefaultAsync(t => t.Month == month, cancellationToken);
        return MonthlyTally.MaySeeLine(Tally, await this.AllowsAsync(Policies.Management), employee == Me()) ? null : Forbid();
    }

    public int WorkTotal { get; private set; }

    public IReadOnlyList<TallyWork> Work { get; private set; } = [];

    public int CallTotal { get; private set; }

    public IReadOnlyList<TallyData.TallyCall> Calls { get; private set; } = [];

    /// <summary>The line's year-to-date standing with its explanation (drill-down only).</summary>
    public Domain.Discipline.Standing? Standing { get; private set; }

    [HandlerPolicy(Policies.Manager)]
    public Task<IActionResult> OnPostSubmitAsync(string month, uint version, CancellationToken cancellationToken) =>
        ChangeAsync(month, version, start: true, tally => TallyReview.SubmitAsync(tally, db, clock, Me(), discipline.Value.MonthlyHourQuota, l, cancellationToken), cancellationToken);

    [HandlerPolicy(Policies.Admin)]
    public Task<IActionResult> OnPostCheckAsync(string month, uint version, CancellationToken cancellationToken) =>
        ChangeAsync(month, version, start: false, tally => Task.FromResult(TallyReview.Check(tally, Me(), clock.UtcNow, l)), cancellationToken);

    [HandlerPolicy(Policies.Manager)]
    public Task<IActionResult> OnPostPublishAsync(string month, uint version, CancellationToken cancellationToken) =>
        ChangeAsync(month, version, start: false, tally => Task.FromResult(TallyReview.Publish(tally, Me(), clock.UtcNow, l)), cancellationToken);

    [HandlerPolicy(Policies.Admin)]
    public Task<IActionResult> OnPostLockAsync(string month, uint version, CancellationToken cancellationToken) =>
        ChangeAsync(month, version, start: false, tally => Task.FromResult(TallyReview.Lock(tally, Me(), clock.UtcNow, l)), cancellationToken);

    [HandlerPolicy(Policies.Management)]
    public Task<IActionResult> OnPostSendBackAsync(string month, uint version, string? reason, CancellationToken cancellationToken)
    {
        Reason = reason;
        return ChangeAsync(month, version, start: false, tally => TallyReview.SendBackAsync(tally, db, Me(), reason, l, cancellationToken), cancellationToken);
    }

    /// <summary>Whose 12-month trend the chart opens on (<see cref="MonthView.TrendStart"/>).</summary>
    public static string? TrendStart(IReadOnlyList<TallyLine> lines, string? viewerId) => MonthView.TrendStart(lines, viewerId);

    private string Me() => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Signed-in user without an id.");

    /// <summary>Load (or start) the month, check nobody changed it meanwhile, let the domain decide, save once, redirect (the role is the handler's policy).</summary>
    private async Task<IActionResult> ChangeAsync(string month, uint version, bool start, Func<MonthlyTally, Task<string>> change, CancellationToken cancellationToken)
    {
        if (!TallyMonth.TryParse(month, out _))
        {
            return NotFound();
        }

        if (!start && !await db.MonthlyTallies.AnyAsync(t => t.Month == month, cancellationToken))
        {
            Error = l.Translate("tally.not_submitted", [], "The month has not been submitted.");
            return await LoadAsync(month, cancellationToken);
        }

        return await this.Change(token => TallyReview.LoadAsync(db, month, start, token), version)
            .IgnoringInput()
            .ConflictSays(l["Tallies.ChangedMeanwhile"])

            // Two managers submitting at once: the unique month index refuses the second.
            .Unique("", l["Tallies.ChangedMeanwhile"])
            .Reload(() =>
            {
                Error = ModelState.TryGetValue("", out var refusal) && refusal.Errors.Count > 0 ? refusal.Errors[^1].ErrorMessage : null;
                return LoadAsync(month, cancellationToken);
            })
            .Done(_ => RedirectToPage(new { month }))
            .RunAsync(async tally => (string?)await change(tally), cancellationToken);
    }

    /// <summary>The month as this reader may see it (<see cref="MonthView"/>).</summary>
    private async Task<IActionResult> LoadAsync(string month, CancellationToken cancellationToken)
    {
        Month = month;
        IsManager = await this.AllowsAsync(Policies.Manager);
        IsAdmin = await this.AllowsAsync(Policies.Admin);
        MonthIsOver = clock.Today > TallyMonth.LastDay(month);
        var view = await MonthView.LoadAsync(read, db, clock, month, discipline.Value.MonthlyHourQuota,
            async tally => SeesAll = MonthlyTally.SeesEveryLine(tally, await this.AllowsAsync(Policies.Management)),
            Me(), Department, Role, cancellationToken);
        (Tally, HourQuota, Lines, Departments, RolesShown, RuleTexts, Names, ChartJson) =
            (view.Tally, view.HourQuota, view.Lines, view.Departments, view.RolesShown, view.RuleTexts, view.Names, view.ChartJson);
        return Page();
    }
}
