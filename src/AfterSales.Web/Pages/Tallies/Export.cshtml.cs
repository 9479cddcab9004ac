using System.Globalization;
using System.Security.Claims;
using AfterSales.Domain.Tallies;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Exporting;
using AfterSales.Web.Infrastructure.Identity;
using AfterSales.Web.Infrastructure.Settings;
using AfterSales.Web.Infrastructure.Tallies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MiniExcelLibs;

namespace AfterSales.Web.Pages.Tallies;

/// <summary>
/// /Tallies/{yyyy-MM}/Export?format=xlsx|csv: the lines the user may see on the month screen, one row per employee.
/// Text cells that a spreadsheet would take for a formula (= + - @ tab CR) are prefixed with a quote.
/// </summary>
public sealed class ExportModel(ReadDbContext db, CompanyClock clock, IOptionsSnapshot<DisciplineOptions> discipline, IStringLocalizer<SharedResource> l) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string month, string? format, CancellationToken cancellationToken)
    {
        if (!TallyMonth.TryParse(month, out _))
        {
            return NotFound();
        }

        format = (format ?? "xlsx").ToLowerInvariant();
        if (format is not ("xlsx" or "csv"))
        {
            return BadRequest();
        }

        var tally = await db.MonthlyTallies.AsNoTracking().FirstOrDefaultAsync(t => t.Month == month, cancellationToken);
        var quota = tally is { IsClosed: true } ? tally.HourQuota : discipline.Value.MonthlyHourQuota;
        var lines = tally is { IsClosed: true } ? tally.Lines : await TallyData.LiveLinesAsync(db, clock, month, quota, cancellationToken);
        var seesAll = MonthlyTally.SeesEveryLine(tally, await this.AllowsAsync(Policies.Management));
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var visible = seesAll ? lines : lines.Where(x => x.EmployeeId == me).ToList();

        string[] headers =
        [
            l["Tallies.Export.UserName"], l["Tallies.Employee"], l["Tallies.Department"], l["Tallies.Role"], l["Tallies.WorkOrders"],
            l["Tallies.Export.Hours"], l["Tallies.Export.Quota"], l["Tallies.Export.FollowUps"], l["Tallies.Satisfaction"], l["Tallies.Points"],
            l["Tallies.Bonuses"], l["Tallies.Fines"], l["Tallies.NetCash"], l["Tallies.YearToDate"], l["Tallies.Export.Articles"],
        ];
        var rows = visible.Select(x => new object?[]
        {
            SpreadsheetText.Safe(x.UserName), SpreadsheetText.Safe(x.Name), SpreadsheetText.Safe(x.Department), SpreadsheetText.Safe(l["Role." + x.Role]), x.WorkOrders,
            x.LabourHours, x.HourQuota, x.FollowUps, x.AverageSatisfaction, x.Points,
            x.Bonuses, x.Fines, x.NetCash, x.YearToDateScore,
            SpreadsheetText.Safe(string.Join(" ", x.Records.Select(r => r.Article + (r.CorrectionOfMonth is null ? "" : "(" + r.CorrectionOfMonth + ")")))),
        }).ToList();

        var name = "tally-" + month + "-" + (tally?.Status ?? TallyStatus.Draft).ToString().ToLowerInvariant();
        if (format == "csv")
        {
            var csv = new List<IReadOnlyList<string>> { headers.Select(Csv.Field).ToList() };
            csv.AddRange(rows.Select(r => r.Select(Cell).ToList()));
            return File(Csv.EncodeLines(csv.Select(row => string.Join(',', row))), "text/csv; charset=utf-8", name + ".csv");
        }

        var sheet = rows.Select(r =>
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < headers.Length; i++)
            {
                row[headers[i]] = r[i];
            }

            return row;
        }).ToList();
        if (sheet.Count == 0)
        {
            sheet.Add(headers.ToDictionary(h => h, _ => (object?)null, StringComparer.Ordinal));
        }

        var stream = new MemoryStream();
        await stream.SaveAsAsync(sheet, sheetName: month, cancellationToken: cancellationToken);
        stream.Position = 0;
        return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        string s => Csv.Field(s),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Csv.Field(value.ToString()),
    };
}
