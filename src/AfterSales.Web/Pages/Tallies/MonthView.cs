using System.Text.Json;
using AfterSales.Domain.Tallies;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Discipline;
using AfterSales.Web.Infrastructure.Tallies;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Pages.Tallies;

/// <summary>
/// What the month screen (<c>/Tallies/{yyyy-MM}</c>) shows: the month's lines (frozen once submitted, else worked
/// out live), those the reader may see after the department and role filters, who moved the month through its
/// review, and the charts' data.
/// </summary>
public sealed record MonthView(
    MonthlyTally? Tally,
    decimal HourQuota,
    IReadOnlyList<TallyLine> Lines,
    IReadOnlyList<string> Departments,
    IReadOnlyList<string> RolesShown,
    RuleTexts RuleTexts,
    IReadOnlyDictionary<string, string> Names,
    string ChartJson)
{
    /// <param name="db">The rule texts are read here (the month's review reads them from the same place).</param>
    /// <param name="liveQuota">The monthly hour quota in force (a closed month keeps its own).</param>
    /// <param name="seesEveryLine">Whether the reader sees every line of this month, given the tally (see <see cref="MonthlyTally.SeesEveryLine"/>).</param>
    public static async Task<MonthView> LoadAsync(
        ReadDbContext read,
        AfterSalesDbContext db,
        CompanyClock clock,
        string month,
        decimal liveQuota,
        Func<MonthlyTally?, Task<bool>> seesEveryLine,
        string me,
        string? department,
        string? role,
        CancellationToken cancellationToken)
    {
        var tally = await read.MonthlyTallies.AsNoTracking().FirstOrDefaultAsync(t => t.Month == month, cancellationToken);
        var hourQuota = tally is { IsClosed: true } ? tally.HourQuota : liveQuota;
        var all = tally is { IsClosed: true } ? tally.Lines : await TallyData.LiveLinesAsync(read, clock, month, hourQuota, cancellationToken);

        var visible = await seesEveryLine(tally) ? all : all.Where(x => x.EmployeeId == me).ToList();
        var departments = visible.Select(x => x.Department ?? "").Distinct().Order(StringComparer.Ordinal).ToList();
        var roles = visible.Select(x => x.Role).Distinct().Order(StringComparer.Ordinal).ToList();
        var ruleTexts = await RuleTexts.LoadAsync(db, cancellationToken);
        var lines = visible
            .Where(x => string.IsNullOrEmpty(department) || (x.Department ?? "") == department)
            .Where(x => string.IsNullOrEmpty(role) || x.Role == role)
            .ToList();

        var ids = new[] { tally?.SubmittedBy, tally?.CheckedBy, tally?.PublishedBy, tally?.LockedBy, tally?.SentBackBy }.OfType<string>().Distinct().ToList();
        var names = await read.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName + " (" + u.UserName + ")", cancellationToken);

        // The trend of one person at a time: the chart fetches it (?handler=Trend) for whoever is chosen.
        var chartJson = JsonSerializer.Serialize(new
        {
            people = lines.Select(x => new { id = x.EmployeeId, name = x.Name + " (" + x.UserName + ")" }),
            selected = TrendStart(lines, me),
            departments = lines.GroupBy(x => x.Department ?? "").OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new { name = g.Key, points = g.Sum(x => x.Points), netCash = g.Sum(x => x.NetCash) }),
            reasons = lines.SelectMany(x => x.Records).GroupBy(r => r.Article)
                .Select(g => new { article = g.Key, text = ruleTexts.Show(g.Key, g.First().RuleText), count = g.Count() })
                .OrderByDescending(x => x.count).ThenBy(x => x.article, StringComparer.Ordinal).Take(10),
        });
        return new MonthView(tally, hourQuota, lines, departments, roles, ruleTexts, names, chartJson);
    }

    /// <summary>
    /// Whose 12-month trend the chart opens on: the viewer's own line when they are on the month, else the top line
    /// (most points, then the highest net cash, then by user name), never whichever line happens to come first.
    /// </summary>
    public static string? TrendStart(IReadOnlyList<TallyLine> lines, string? viewerId) =>
        lines.Any(x => x.EmployeeId == viewerId)
            ? viewerId
            : lines.OrderByDescending(x => x.Points).ThenByDescending(x => x.NetCash).ThenBy(x => x.UserName, StringComparer.Ordinal).FirstOrDefault()?.EmployeeId;
}
