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
/// Who is alerted and why depends only on the counting records, the day and the window, so the answer is kept (one per
/// instance) under the records' change stamps (<see cref="ChangeStamps"/>): while the records' stamp is unchanged it is
/// used as it is; after a change only the people whose own stamp changed are worked out again. Across years a few
/// hundred people stand within reach of the threshold, and reading their tens of thousands of records on every visit
/// cost the page a third of a second. Names are read fresh and the reasons translated for each reader.
/// </summary>
public sealed class DismissalAlerts
{
    public sealed record Alert(string EmployeeId, string Name, IReadOnlyList<string> Reasons);

    /// <summary>Alerts shown open on top of the records; the others are one click away (all of them, with their count).</summary>
    public const int Shown = 10;

    /// <param name="Stamp">The records' stamp the answer was worked out under.</param>
    /// <param name="Employees">Each employee's own stamp then.</param>
    /// <param name="Alerted">The alerts of each alerted employee.</param>
    private sealed record Answer(long Stamp, DateOnly Today, int Window, IReadOnlyDictionary<string, long> Employees, IReadOnlyDictionary<string, IReadOnlyList<LadderAlert>> Alerted);

    /// <summary>More people changed than this since the kept answer: worked out afresh (the candidates first) rather than person by person.</summary>
    private const int PersonByPersonLimit = 200;

    private Answer? _answer;

    /// <param name="window">Years counted back from <paramref name="today"/> (0: the whole employment).</param>
    /// <param name="name">An employee's name as the page shows it (after <paramref name="people"/> read it).</param>
    public async Task<IReadOnlyList<Alert>> LoadAsync(ReadDbContext read, DateOnly today, int window, RecordPeople people, Func<string, string> name, IStringLocalizer<SharedResource> l, CancellationToken cancellationToken)
    {
        var answer = await AnswerAsync(read, today, window, cancellationToken);
        await people.AddAsync(answer.Alerted.Keys, cancellationToken);
        return answer.Alerted
            .Select(a => new Alert(a.Key, name(a.Key), a.Value.Select(x => l.Translate(x.Code, x.Args.Select(Format), x.Message)).ToList()))
            .OrderBy(a => a.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The kept answer while the records' stamp is unchanged; after a change, only the people whose own stamp changed
    /// are worked out again (a decision changes one person). Stamps are read before the records: an answer is never
    /// kept under a stamp newer than the rows it came from.
    /// </summary>
    private async Task<Answer> AnswerAsync(ReadDbContext read, DateOnly today, int window, CancellationToken cancellationToken)
    {
        var stamp = await ChangeStamps.ReadAsync(read, ChangeStamps.DisciplineRecords, cancellationToken);
        var kept = Volatile.Read(ref _answer);
        var sameDay = kept is not null && kept.Today == today && kept.Window == window;
        if (sameDay && stamp is not null && kept!.Stamp == stamp)
        {
            return kept;
        }

        var employees = await ChangeStamps.ReadAllAsync(read, ChangeStamps.DisciplineRecordsOf, cancellationToken);
        DateOnly? since = window > 0 ? today.AddYears(-window).AddDays(1) : null;
        Dictionary<string, IReadOnlyList<LadderAlert>> alerted;
        var changed = sameDay
            ? employees.Where(e => !kept!.Employees.TryGetValue(e.Key, out var was) || was != e.Value).Select(e => e.Key)
                .Concat(kept!.Employees.Keys.Where(e => !employees.ContainsKey(e))).ToList()
            : null;
        if (changed is not null && changed.Count <= PersonByPersonLimit)
        {
            alerted = new Dictionary<string, IReadOnlyList<LadderAlert>>(kept!.Alerted, StringComparer.Ordinal);
            var counting = changed.Count == 0 ? [] : await Standings.CountingSinceAsync(read, since, changed, cancellationToken);
            foreach (var employee in changed)
            {
                alerted.Remove(employee);
                if (counting.TryGetValue(employee, out var records) && Ladder.ManagerAlerts(records, today, window) is { Count: > 0 } found)
                {
                    alerted[employee] = found;
                }
            }
        }
        else
        {
            alerted = (await AlertedAsync(read, today, window, cancellationToken)).ToDictionary(a => a.Employee, a => a.Alerts, StringComparer.Ordinal);
        }

        var answer = new Answer(stamp ?? 0, today, window, employees, alerted);
        if (stamp is not null)
        {
            Volatile.Write(ref _answer, answer);
        }

        return answer;
    }

    private static async Task<IReadOnlyList<(string Employee, IReadOnlyList<LadderAlert> Alerts)>> AlertedAsync(ReadDbContext read, DateOnly today, int window, CancellationToken cancellationToken)
    {
        var year = today.Year;
        var yearStart = new DateOnly(year, 1, 1);
        DateOnly? since = window > 0 ? today.AddYears(-window).AddDays(1) : null;

        // Only people who could be alerted go through the ladder: a removal or dismissal this year, or enough major demerits
        // in the window (each 3 demerits converting into one) to reach the threshold before any offset — offsets and
        // reversals only lower the count. In a company of thousands that is a few hundred people, not everyone with a demerit.
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

        var counting = await Standings.CountingSinceAsync(read, since, concerned, cancellationToken);
        var alerted = new List<(string, IReadOnlyList<LadderAlert>)>();
        foreach (var (employee, records) in counting)
        {
            var found = Ladder.ManagerAlerts(records, today, window);
            if (found.Count > 0)
            {
                alerted.Add((employee, found));
            }
        }

        return alerted;
    }

    private static object Format(object value) => value is DateOnly d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : value;
}
