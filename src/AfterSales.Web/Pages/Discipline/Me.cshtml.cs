using System.Security.Claims;
using AfterSales.Domain;
using AfterSales.Domain.Discipline;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Changes;
using AfterSales.Web.Infrastructure.Discipline;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Discipline;

/// <summary>
/// Every employee's own rewards and penalties: the records of the year, the standing on the ladder with its
/// explanation, the monthly scores, and one appeal per approved record.
/// </summary>
public sealed class MeModel(AfterSalesDbContext db, IStringLocalizer<SharedResource> l, CompanyClock clock) : PageModel
{
    public const int AppealMaxLength = 2000;

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public int ShownYear { get; private set; }

    /// <summary>The rule texts in the reader's language (an English reader sees a rule's English text).</summary>
    public AfterSales.Web.Infrastructure.Discipline.RuleTexts RuleTexts { get; private set; } = AfterSales.Web.Infrastructure.Discipline.RuleTexts.None;

    public IReadOnlyList<DisciplineRecord> Records { get; private set; } = [];

    public Standing Standing { get; private set; } = null!;

    public IReadOnlyList<int> MonthlyScores { get; private set; } = [];

    public decimal NetCash { get; private set; }

    public long? FailedRecordId { get; private set; }

    public string? FailedMessage { get; private set; }

    public string? AppealText { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAppealAsync(long id, uint version, string? reason, CancellationToken cancellationToken)
    {
        var me = CurrentUserId();

        // Another person's record is not found here, whoever asks.
        if (!await db.DisciplineRecords.AnyAsync(r => r.Id == id && r.EmployeeId == me, cancellationToken))
        {
            return NotFound();
        }

        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(reason))
        {
            ModelState.AddModelError("", l["Discipline.AppealReasonRequired"]);
        }
        else if (reason.Length > AppealMaxLength)
        {
            ModelState.AddModelError("", l["Validation.TooLong", AppealMaxLength]);
        }

        return await this.Change(db.DisciplineRecords.Where(r => r.Id == id), version)
            .ConflictSays(l["Discipline.ChangedMeanwhile"])
            .Reload(async () =>
            {
                FailedRecordId = id;
                FailedMessage = ModelState.TryGetValue("", out var refusal) && refusal.Errors.Count > 0 ? refusal.Errors[^1].ErrorMessage : null;
                AppealText = reason;
                await LoadAsync(cancellationToken);
            })
            .Done(_ => RedirectToPage(new { Year }))
            .RunAsync(async record =>
            {
                var reversed = await db.DisciplineRecords.Where(r => r.ReversesRecordId == record.Id).AnyAsync(RecordPredicates.Counting, cancellationToken);
                record.Appeal(me, reason!, clock.UtcNow, reversed);
                return l["Discipline.Appealed", record.Article].Value;
            }, cancellationToken);
    }

    private string CurrentUserId() => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Signed-in user without an id.");

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var me = CurrentUserId();
        ShownYear = Year is >= 2000 and <= 2100 ? Year.Value : clock.Today.Year;
        var from = new DateOnly(ShownYear, 1, 1);
        var to = new DateOnly(ShownYear, 12, 31);
        RuleTexts = await AfterSales.Web.Infrastructure.Discipline.RuleTexts.LoadAsync(db, cancellationToken);
        Records = await db.DisciplineRecords.AsNoTracking()
            .Where(r => r.EmployeeId == me && r.FactDate >= from && r.FactDate <= to)
            .OrderByDescending(r => r.FactDate).ThenByDescending(r => r.Id)
            .ToListAsync(cancellationToken);

        var counting = (await Standings.CountingAsync(db, ShownYear, [me], cancellationToken)).GetValueOrDefault(me) ?? [];
        Standing = Ladder.Standing(counting, ShownYear);
        MonthlyScores = Enumerable.Range(1, 12).Select(m => Ladder.MonthlyScore(counting, ShownYear, m)).ToList();
        NetCash = Records.Where(r => r.Counts).Sum(r => r.CashAmount);
    }
}
