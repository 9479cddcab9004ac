using System.Globalization;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Exporting;
using AfterSales.Web.Infrastructure.FollowUps;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.FollowUps;

/// <summary>The weekly report on technicians: repairs, repair time in working days, costs and customer satisfaction; also as CSV.</summary>
public sealed class WeeklyModel(WeeklyReport report, ReportDates reportDates, IStringLocalizer<SharedResource> l) : PageModel
{
    public DateOnly Monday { get; private set; }

    public IReadOnlyList<WeeklyRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(DateOnly? week, CancellationToken cancellationToken)
    {
        Monday = WeeklyReport.MondayOf(await reportDates.DayAsync(week, cancellationToken));
        Rows = await report.BuildAsync(Monday, cancellationToken);
    }

    public async Task<IActionResult> OnGetCsvAsync(DateOnly? week, CancellationToken cancellationToken)
    {
        await OnGetAsync(week, cancellationToken);
        var header = Columns().ToList();
        var lines = Rows.Select(r => Cells(r).ToList());
        var bytes = Csv.Encode([header, .. lines]);
        return File(bytes, "text/csv; charset=utf-8", $"weekly-{Monday:yyyy-MM-dd}.csv");
    }

    public IEnumerable<string> Columns() =>
        new[] { "Technician", "Repairs", "AverageDays", "Parts", "Labour", "Travel", "TotalCost", "Reached", "Attitude", "Competence", "Speed", "Result", "Overall", "PoorRatings", "Complaints" }
            .Select(c => (string)l["FollowUps.Weekly." + c]);

    public IEnumerable<string> Cells(WeeklyRow r) =>
    [
        r.TechnicianId is null ? l["FollowUps.Weekly.Total"] : r.Technician,
        Number(r.Repairs),
        Number(r.AverageWorkingDays, "0.0"),
        Number(r.Parts, "0.00"),
        Number(r.Labour, "0.00"),
        Number(r.Travel, "0.00"),
        Number(r.TotalCost, "0.00"),
        Number(r.Reached),
        Number(r.Attitude, "0.00"),
        Number(r.Competence, "0.00"),
        Number(r.Speed, "0.00"),
        Number(r.Result, "0.00"),
        Number(r.Overall, "0.00"),
        Number(r.PoorRatings),
        Number(r.Complaints),
    ];

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(decimal? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "";
}
