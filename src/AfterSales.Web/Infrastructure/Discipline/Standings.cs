using AfterSales.Domain.Discipline;
using AfterSales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Infrastructure.Discipline;

/// <summary>Reads the records that count and works out standings with the domain's <see cref="Ladder"/>.</summary>
public static class Standings
{
    /// <summary>Counting records of the employees from the start of <paramref name="year"/> on (reversals are dated later than what they reverse).</summary>
    public static Task<Dictionary<string, List<LadderRecord>>> CountingAsync(AfterSalesDbContext db, int year, IReadOnlyCollection<string>? employees, CancellationToken cancellationToken) =>
        CountingSinceAsync(db, new DateOnly(year, 1, 1), employees, cancellationToken);

    /// <summary>Counting records of the employees dated <paramref name="from"/> on, or all of them (the whole employment) without a date.</summary>
    public static async Task<Dictionary<string, List<LadderRecord>>> CountingSinceAsync(AfterSalesDbContext db, DateOnly? from, IReadOnlyCollection<string>? employees, CancellationToken cancellationToken)
    {
        var query = db.DisciplineRecords.AsNoTracking()
            .Where(RecordPredicates.Counting)
            .Where(r => (from == null || r.FactDate >= from) && r.Level != null);
        if (employees is not null)
        {
            query = query.Where(r => employees.Contains(r.EmployeeId));
        }

        // Only what the ladder reads (the covering fact-date index answers it): thousands of staff, years of records.
        var records = await query
            .Select(r => new { r.EmployeeId, Record = new LadderRecord(r.Id, r.FactDate, r.Level!.Value, r.ReversesRecordId) })
            .ToListAsync(cancellationToken);
        return records.GroupBy(r => r.EmployeeId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Ladder.WithoutOrphanReversals(g.Select(x => x.Record)), StringComparer.Ordinal);
    }
}
