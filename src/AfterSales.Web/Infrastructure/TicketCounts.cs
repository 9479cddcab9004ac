using AfterSales.Domain.Tickets;
using AfterSales.Domain.Warranty;
using AfterSales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Infrastructure;

/// <summary>
/// The ticket list's true total without counting a table that grows with history. The database keeps
/// <c>ticket_counts</c>: tickets per status, kind, channel, warranty and urgency (the list's own filters), added to by
/// statement-level triggers with transition tables in the writing transaction, so it is exact. Like the other counters
/// (<see cref="CounterStripes"/>) each combination is spread over up to 64 rows picked by the writing transaction's id,
/// so calls logged together never wait on one row. A list filtered only by those five (or by nothing) sums a few
/// hundred rows; filtered only by dates it sums the tickets logged per quarter hour (<c>ticket_intake_counts</c>).
/// </summary>
public static class TicketCounts
{
    /// <summary>The origin of the quarter hours in <c>ticket_intake_counts</c> (date_bin's origin).</summary>
    private static readonly DateTimeOffset QuarterOrigin = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public const string CreateSql =
        """
        CREATE TABLE ticket_counts (
          status text NOT NULL, kind text NOT NULL, channel text NOT NULL, warranty_status text NOT NULL, urgency text NOT NULL,
          stripe smallint NOT NULL, n bigint NOT NULL,
          PRIMARY KEY (status, kind, channel, warranty_status, urgency, stripe));

        -- +1 for each row after the statement, -1 for each row before it: a ticket whose five values did not change nets to nothing.
        CREATE FUNCTION tickets_counted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'TRUNCATE' THEN
            DELETE FROM ticket_counts;
            RETURN NULL;
          END IF;
          IF TG_OP = 'INSERT' THEN
            INSERT INTO ticket_counts AS k (status, kind, channel, warranty_status, urgency, stripe, n)
            SELECT status, kind, channel, warranty_status, urgency, counter_stripe(), count(*) FROM new_rows GROUP BY 1, 2, 3, 4, 5
            ON CONFLICT (status, kind, channel, warranty_status, urgency, stripe) DO UPDATE SET n = k.n + EXCLUDED.n;
          ELSIF TG_OP = 'DELETE' THEN
            INSERT INTO ticket_counts AS k (status, kind, channel, warranty_status, urgency, stripe, n)
            SELECT status, kind, channel, warranty_status, urgency, counter_stripe(), -count(*) FROM old_rows GROUP BY 1, 2, 3, 4, 5
            ON CONFLICT (status, kind, channel, warranty_status, urgency, stripe) DO UPDATE SET n = k.n + EXCLUDED.n;
          ELSE
            INSERT INTO ticket_counts AS k (status, kind, channel, warranty_status, urgency, stripe, n)
            SELECT status, kind, channel, warranty_status, urgency, counter_stripe(), sum(d)
            FROM (SELECT status, kind, channel, warranty_status, urgency, 1 AS d FROM new_rows
                  UNION ALL
                  SELECT status, kind, channel, warranty_status, urgency, -1 FROM old_rows) s
            GROUP BY 1, 2, 3, 4, 5 HAVING sum(d) <> 0
            ON CONFLICT (status, kind, channel, warranty_status, urgency, stripe) DO UPDATE SET n = k.n + EXCLUDED.n;
          END IF;
          RETURN NULL;
        END $$;

        CREATE TRIGGER tickets_counted_insert AFTER INSERT ON tickets REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tickets_counted();
        CREATE TRIGGER tickets_counted_update AFTER UPDATE ON tickets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tickets_counted();
        CREATE TRIGGER tickets_counted_delete AFTER DELETE ON tickets REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tickets_counted();
        CREATE TRIGGER tickets_counted_truncate AFTER TRUNCATE ON tickets FOR EACH STATEMENT EXECUTE FUNCTION tickets_counted();

        INSERT INTO ticket_counts (status, kind, channel, warranty_status, urgency, stripe, n)
        SELECT status, kind, channel, warranty_status, urgency, 0, count(*) FROM tickets GROUP BY 1, 2, 3, 4, 5;
        """;

    public const string DropSql =
        """
        DROP TRIGGER IF EXISTS tickets_counted_insert ON tickets;
        DROP TRIGGER IF EXISTS tickets_counted_update ON tickets;
        DROP TRIGGER IF EXISTS tickets_counted_delete ON tickets;
        DROP TRIGGER IF EXISTS tickets_counted_truncate ON tickets;
        DROP FUNCTION IF EXISTS tickets_counted();
        DROP TABLE IF EXISTS ticket_counts;
        """;

    /// <summary>
    /// The exact number of tickets the filter matches when the kept counters answer it (no search, category or
    /// technician; dates only without the other filters), else null (the list counts the matches itself).
    /// </summary>
    public static async Task<long?> FromCountersAsync(AfterSalesDbContext db, CompanyClock clock, Pages.Tickets.IndexModel.Filter f, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (!string.IsNullOrWhiteSpace(f.Q) || !string.IsNullOrWhiteSpace(f.Assignee) || !string.IsNullOrWhiteSpace(f.Category))
        {
            return null;
        }

        var byValues = f.Status is not null || f.Kind is not null || f.Channel is not null || f.Warranty is not null || f.Urgency is not null;
        var byDates = f.From is not null || f.To is not null;
        if (byValues && byDates)
        {
            return null;
        }

        if (byDates)
        {
            // Whole company days are whole quarter hours in every time zone the company may be in; anything else is counted.
            DateTimeOffset? start = f.From is { } from && clock.TryStartOfDay(from, out var s) ? s : null;
            DateTimeOffset? end = f.To is { } to && to < DateOnly.MaxValue && clock.TryStartOfDay(to.AddDays(1), out var e) ? e : null;
            if ((f.From is not null && start is null) || (f.To is not null && end is null) || !OnQuarter(start) || !OnQuarter(end))
            {
                return null;
            }

            return await db.Database.SqlQuery<long>(
                    $"SELECT coalesce(sum(n), 0)::bigint AS \"Value\" FROM ticket_intake_counts WHERE ({start}::timestamptz IS NULL OR quarter >= {start}) AND ({end}::timestamptz IS NULL OR quarter < {end})")
                .SingleAsync(cancellationToken);
        }

        return await SumAsync(db, f.Status, f.Kind, f.Channel, f.Warranty, f.Urgency, cancellationToken);
    }

    /// <summary>Tickets with these values (null: any), from the kept counters.</summary>
    public static Task<long> SumAsync(AfterSalesDbContext db, TicketStatus? status, TicketKind? kind, ContactChannel? channel, WarrantyStatus? warranty, Urgency? urgency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        string? s = status?.ToString(), k = kind?.ToString(), c = channel?.ToString(), w = warranty?.ToString(), u = urgency?.ToString();
        return db.Database.SqlQuery<long>(
                $"""
                SELECT coalesce(sum(n), 0)::bigint AS "Value" FROM ticket_counts
                WHERE ({s}::text IS NULL OR status = {s}) AND ({k}::text IS NULL OR kind = {k}) AND ({c}::text IS NULL OR channel = {c})
                  AND ({w}::text IS NULL OR warranty_status = {w}) AND ({u}::text IS NULL OR urgency = {u})
                """)
            .SingleAsync(cancellationToken);
    }

    private static bool OnQuarter(DateTimeOffset? at) => at is not { } a || (a - QuarterOrigin).Ticks % TimeSpan.FromMinutes(15).Ticks == 0;
}
