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
    public static List<LadderRecord> ForLadder(IEnumerable<DisciplineRecord> records)
    {
        var counting = records.Select(r => r.ToLadder()).OfType<LadderRecord>().ToList();
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

        var records = await query.ToListAsync(cancellationToken);
        return records.GroupBy(r => r.EmployeeId).ToDictionary(g => g.Key, g => ForLadder(g), StringComparer.Ordinal);
    }
}
