using System.Globalization;
using AfterSales.Domain.Complaints;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Exporting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Quality;

/// <summary>
/// The daily and weekly quality report for the quality department and managers: complaints of a day or a
/// week counted by class (the confirmed class, else the proposal), by model and by fault category; the most
/// frequent faults; a trend of the last 30 days stacked by class; as CSV and as a print view.
/// </summary>
public sealed class SummaryModel(ReadDbContext db, CompanyClock clock, ReportDates reportDates, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int TrendDays = 30;
    public const int TopFaults = 10;

    public sealed record Count(string Key, string Label, int Value);

    public string Period { get; private set; } = "day";

    public DateOnly From { get; private set; }

    public DateOnly To { get; private set; }

    public int Total { get; private set; }

    public IReadOnlyList<Count> ByClass { get; private set; } = [];

    public IReadOnlyList<Count> ByModel { get; private set; } = [];

    public IReadOnlyList<Count> ByFault { get; private set; } = [];

    public IReadOnlyList<string> TrendDaysLabels { get; private set; } = [];

    /// <summary>Per class key (and "Unclassified"): complaints per day of the trend.</summary>
    public IReadOnlyList<(string Key, string Label, int[] Values)> Trend { get; private set; } = [];

    public bool Print { get; private set; }

    public async Task OnGetAsync(string? period, DateOnly? date, bool print, CancellationToken cancellationToken)
    {
        Print = print;
        await LoadAsync(period, date, cancellationToken);
    }

    public async Task<IActionResult> OnGetCsvAsync(string? period, DateOnly? date, CancellationToken cancellationToken)
    {
        await LoadAsync(period, date, cancellationToken);
        var rows = new List<IEnumerable<string?>> { new[] { (string)l["Quality.Summary.Dimension"], (string)l["Quality.Summary.Item"], (string)l["Quality.Summary.Count"] } };
        rows.AddRange(ByClass.Select(c => new[] { (string)l["Quality.Class"], c.Label, c.Value.ToString(CultureInfo.InvariantCulture) }));
        rows.AddRange(ByModel.Select(c => new[] { (string)l["Intake.Model"], c.Label, c.Value.ToString(CultureInfo.InvariantCulture) }));
        rows.AddRange(ByFault.Select(c => new[] { (string)l["Quality.FaultCategory"], c.Label, c.Value.ToString(CultureInfo.InvariantCulture) }));
        return File(Csv.Encode(rows), "text/csv; charset=utf-8", string.Create(CultureInfo.InvariantCulture, $"quality-{Period}-{From:yyyy-MM-dd}.csv"));
    }

    private async Task LoadAsync(string? period, DateOnly? date, CancellationToken cancellationToken)
    {
        Period = period == "week" ? "week" : "day";
        var day = await reportDates.DayAsync(date, cancellationToken);
        if (Period == "week")
        {
            From = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
            To = From.AddDays(6);
        }
        else
        {
            From = To = day;
        }

        var trendFrom = clock.Today.AddDays(-(TrendDays - 1));
        var start = clock.StartOfDay(From < trendFrom ? From : trendFrom);
        var end = clock.StartOfDay((To > clock.Today ? To : clock.Today).AddDays(1));
        var rows = await (from c in db.Complaints.AsNoTracking()
                          join m in db.ProductModels on c.ProductModelId equals m.Id into models
                          from m in models.DefaultIfEmpty()
                          where c.RecordedAt >= start && c.RecordedAt < end
                          select new { c.RecordedAt, Class = c.Class ?? c.ProposedClass, c.FaultCategory, Model = m == null ? null : m.Code }).ToListAsync(cancellationToken);
        var facts = rows.Select(r => new { Day = DateOnly.FromDateTime(clock.ToLocal(r.RecordedAt).DateTime), r.Class, r.FaultCategory, r.Model }).ToList();
        var inPeriod = facts.Where(f => f.Day >= From && f.Day <= To).ToList();
        Total = inPeriod.Count;
        string ClassKey(QualityClass? c) => c?.ToString() ?? "Unclassified";
        string ClassLabel(string key) => key == "Unclassified" ? l["Quality.Unclassified"] : l["Quality.Class." + key];
        ByClass = inPeriod.GroupBy(f => ClassKey(f.Class)).Select(g => new Count(g.Key, ClassLabel(g.Key), g.Count())).OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
        ByModel = inPeriod.GroupBy(f => f.Model ?? "—").Select(g => new Count(g.Key, g.Key, g.Count())).OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
        ByFault = inPeriod.GroupBy(f => f.FaultCategory ?? "—").Select(g => new Count(g.Key, g.Key, g.Count())).OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
        var days = Enumerable.Range(0, TrendDays).Select(i => trendFrom.AddDays(i)).ToList();
        TrendDaysLabels = days.Select(d => d.ToString("MM-dd", CultureInfo.InvariantCulture)).ToList();
        var keys = Enum.GetNames<QualityClass>().Append("Unclassified");
        Trend = keys.Select(k => (k, ClassLabel(k), days.Select(d => facts.Count(f => f.Day == d && ClassKey(f.Class) == k)).ToArray())).ToList();
    }
}
