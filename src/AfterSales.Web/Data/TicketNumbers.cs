using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Data;

/// <summary>
/// Hands out SR-yyyyMMdd-NNNN numbers from one database sequence (<see cref="Sequence"/>) and a per-day base
/// (<c>ticket_number_days</c>): a day's numbers are the sequence's values minus the value it stood at when the day's
/// first number was asked for. Taking a number locks nothing, so calls logged at the same moment never wait for
/// each other's commit. A number taken by a save that then fails is simply not used (numbers may have gaps, never
/// duplicates).
/// </summary>
public static class TicketNumbers
{
    public const string Sequence = "ticket_number_seq";

    public static async Task<string> NextAsync(AfterSalesDbContext db, DateOnly day, CancellationToken cancellationToken)
    {
        while (true)
        {
            // No row for the day, no value taken: the sequence moves only once the day's base is there to read.
            var next = await db.Database.SqlQuery<long>($"""
                SELECT nextval('ticket_number_seq') - base AS "Value" FROM ticket_number_days WHERE day = {day}
                """).ToListAsync(cancellationToken);
            if (next.Count == 1)
            {
                return Format(day, checked((int)next[0]));
            }

            // The day's first number: its base is where the sequence stands now. A concurrent first call waits on
            // the day's key and then reads the base set first; every value taken once a base exists is above it.
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO ticket_number_days (day, base) SELECT {day}, last_value FROM ticket_number_seq ON CONFLICT (day) DO NOTHING
                """, cancellationToken);
        }
    }

    public static string Format(DateOnly day, int sequence) =>
        $"SR-{day:yyyyMMdd}-{sequence.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)}";
}
