using System.Collections.Concurrent;
using System.Globalization;
using AfterSales.Domain.Discipline;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Discipline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Discipline;

/// <summary>
/// The alerts on top of <c>/Discipline/Records</c>: removal or dismissal approved this year, or 3 major demerits
/// counted across the years of the employment (全累计三次大过解雇; <c>Discipline:DismissalWindowYears</c> limits the
/// years, 0 = the whole employment), for a manager to decide.
/// </summary>
public static class DismissalAlerts
{
    public sealed record Alert(string EmployeeId, string Name, IReadOnlyList<string> Reasons);

    /// <summary>Alerts shown open on top of the records; the others are one click away (all of them, with their count).</summary>
    public const int Shown = 10;

    /// <param name="window">Years counted back from <paramref name="today"/> (0: the whole employment).</param>
    /// <param name="name">An employee's name as the page shows it (after <paramref name="people"/> read it).</param>
    public static async Task<IReadOnlyList<Alert>> LoadAsync(ReadDbContext read, DateOnly today, int window, RecordPeople people, Func<string, string> name, IStringLocalizer<SharedResource> l, CancellationToken cancellationToken)
    {
        var year = today.Year;
        var yearStart = new DateOnly(year, 1, 1);
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
            return [];
        }

        await people.AddAsync(concerned, cancellationToken);
        var counting = await Standings.CountingSinceAsync(read, since, concerned, cancellationToken);
        var alerts = new List<Alert>();
        foreach (var (employee, records) in counting.OrderBy(c => name(c.Key), StringComparer.Ordinal))
        {
            var found = LadderAlerts(employee, records, today, window);
            var reasons = found.Select(a => l.Translate(a.Code, a.Args.Select(Format), a.Message)).ToList();
            if (reasons.Count > 0)
            {
                alerts.Add(new Alert(employee, name(employee), reasons));
            }
        }

        return alerts;
    }

    /// <summary>
    /// The ladder's alerts for one person. They depend only on the person's counting records, the day and the window, so
    /// the answer is kept for the next visit and worked out again only when one of these changed: across years, a few
    /// hundred people can stand within reach of the threshold, and the ladder (with its explanation) for each of them on
    /// every visit cost the page more than half a second.
    /// </summary>
    private static IReadOnlyList<LadderAlert> LadderAlerts(string employee, List<LadderRecord> records, DateOnly today, int window)
    {
        var key = (employee, today, window);
        if (Known.TryGetValue(key, out var known) && known.Records.SequenceEqual(records))
        {
            return known.Alerts;
        }

        var found = Ladder.ManagerAlerts(records, today, window);
        if (Known.Count >= KnownLimit)
        {
            Known.Clear();
        }

        Known[key] = ([.. records], found);
        return found;
    }

    private const int KnownLimit = 20_000;

    private static readonly ConcurrentDictionary<(string Employee, DateOnly Today, int Window), (LadderRecord[] Records, IReadOnlyList<LadderAlert> Alerts)> Known = new();

    private static object Format(object value) => value is DateOnly d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : value;
}
