using AfterSales.Domain.Discipline;
using AfterSales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Infrastructure.Disciplining;

/// <summary>Reads the records that count and works out standings with the domain's <see cref="Ladder"/>.</summary>
public static class Standings
{
    /// <summary>
    /// The counting records as the ladder takes them. A counting reversal whose original no longer counts
    /// (e.g. the original was overturned on appeal afterwards) has nothing left to annul and is left out.
    /// </summary>
    public static List<LadderRecord> ForLadder(IEnumerable<DisciplineRecord> records) =>
        ForLadder(records.Select(r => r.ToLadder()).OfType<LadderRecord>());

    /// <summary>The same for records already read as the ladder takes them (counting, with a level).</summary>
    public static List<LadderRecord> ForLadder(IEnumerable<LadderRecord> records)
    {
        var counting = records.ToList();
        var ids = counting.Select(r => r.Id).ToHashSet();
        var reversed = new HashSet<long>();
        return counting
            .OrderBy(r => r.Id)
            .Where(r => r.ReversesRecordId is not { } target || (ids.Contains(target) && reversed.Add(target)))
            .ToList();
    }

    /// <summary>Counting records of the employees from the start of <paramref name="year"/> on (reversals are dated later than what they reverse).</summary>
    public static async Task<Dictionary<string, List<LadderRecord>>> CountingAsync(AfterSalesDbContext db, int year, IReadOnlyCollection<string>? employees, CancellationToken cancellationToken)
    {
        var from = new DateOnly(year, 1, 1);
        var query = db.DisciplineRecords.AsNoTracking()
            .Where(r => r.FactDate >= from && r.Level != null && (r.Status == RecordStatus.Approved || r.Status == RecordStatus.Upheld));
        if (employees is not null)
        {
            query = query.Where(r => employees.Contains(r.EmployeeId));
        }

        // Only what the ladder reads (the covering fact-date index answers it): thousands of staff, years of records.
        var records = await query
            .Select(r => new { r.EmployeeId, Record = new LadderRecord(r.Id, r.FactDate, r.Level!.Value, r.ReversesRecordId) })
            .ToListAsync(cancellationToken);
        return records.GroupBy(r => r.EmployeeId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => ForLadder(g.Select(x => x.Record)), StringComparer.Ordinal);
    }
}
