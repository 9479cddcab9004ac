using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Data;

/// <summary>
/// Hands out SR-yyyyMMdd-NNNN numbers: one atomic upsert per number on a per-day counter row, so
/// concurrent saves never get the same number. A number taken by a save that then fails is simply
/// not used (numbers may have gaps, never duplicates).
/// </summary>
public static class TicketNumbers
{
    public static async Task<string> NextAsync(AfterSalesDbContext db, DateOnly day, CancellationToken cancellationToken)
    {
        var next = await db.Database.SqlQuery<int>($"""
            insert into ticket_number_counters (day, last) values ({day}, 1)
            on conflict (day) do update set last = ticket_number_counters.last + 1
            returning last as "Value"
            """).ToListAsync(cancellationToken);
        return Format(day, next[0]);
    }

    public static string Format(DateOnly day, int sequence) =>
        $"SR-{day:yyyyMMdd}-{sequence.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)}";
}
