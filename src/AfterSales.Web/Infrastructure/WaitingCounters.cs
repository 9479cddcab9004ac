using AfterSales.Domain.Tickets;
using AfterSales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Infrastructure;

/// <summary>
/// Figures whose count would otherwise grow with the size of the queue or of history, kept by statement-level
/// triggers in <c>table_counts</c> and <c>ticket_intake_counts</c>:
/// <list type="bullet">
/// <item>tickets waiting for a visit, per urgency (<c>waiting:Emergency</c> …): the dispatcher's board and the
/// dashboard read four rows instead of counting tens of thousands of waiting tickets. "Waiting" is
/// <see cref="Domain.Dispatch.WaitingVisits.IsWaitingForVisit"/>: a dispatchable state, a visit kind, not fixed on the
/// phone, and no open work order. Every statement on tickets or work orders adds the difference it made for the
/// tickets it touched (judged before and after it), so the figure stays exact whatever order a transaction writes in;
/// TRUNCATE of either table recounts.</item>
/// <item>work orders not completed (<c>work_orders_open</c>).</item>
/// <item>tickets logged per quarter hour (<c>ticket_intake_counts</c>): "tickets today" in any time zone is the sum of
/// at most 96 rows, not an index walk over the day's calls.</item>
/// </list>
/// </summary>
public static class WaitingCounters
{
    private sealed record Counter(string Name, long N);

    /// <summary>
    /// Waiting tickets per urgency (of one product category when <paramref name="categoryId"/> is given, see
    /// <see cref="WaitingByCategory"/>) and open work orders, as the database counts them now.
    /// </summary>
    public static async Task<(IReadOnlyDictionary<Urgency, int> Waiting, int OpenWorkOrders)> ReadAsync(AfterSalesDbContext db, long? categoryId, CancellationToken cancellationToken)
    {
        var counters = await db.Database
            .SqlQueryRaw<Counter>(CounterStripes.ReadSql)
            .ToDictionaryAsync(c => c.Name, c => c.N, cancellationToken);
        var waiting = categoryId is { } category
            ? Enum.GetValues<Urgency>().ToDictionary(u => u, u => (int)counters.GetValueOrDefault(WaitingByCategory.Name(u, category)))
            : Read(counters);
        return (waiting, (int)counters.GetValueOrDefault(OpenWorkOrders));
    }

    /// <summary>The waiting counts per urgency among <paramref name="counters"/> (rows of table_counts by name).</summary>
    public static IReadOnlyDictionary<Urgency, int> Read(IReadOnlyDictionary<string, long> counters) =>
        Enum.GetValues<Urgency>().ToDictionary(u => u, u => (int)counters.GetValueOrDefault(Prefix + u));

    public const string Prefix = "waiting:";

    /// <summary>Work orders not completed yet.</summary>
    public const string OpenWorkOrders = "work_orders_open";

    /// <summary>Waiting for a visit, for a row of <c>tickets</c> aliased <c>t</c> (the board's <see cref="Data.Configurations.TicketConfiguration.WaitingFilter"/> plus the kind).</summary>
    internal const string Waiting =
        "t.status IN ('New', 'AwaitingQuote', 'Quoted', 'Consented') AND t.service_mode <> 'PhoneFix' AND t.kind IN ('Repair', 'Installation', 'Exchange', 'Complaint')";

    /// <summary>waiting_recount(): the waiting counters counted afresh (after TRUNCATE).</summary>
    internal const string RecountSql =
        $$"""
        CREATE OR REPLACE FUNCTION waiting_recount() RETURNS void LANGUAGE sql AS $$
          DELETE FROM table_counts WHERE name LIKE '{{Prefix}}%';
          INSERT INTO table_counts (name, n)
          SELECT '{{Prefix}}' || u, (SELECT count(*) FROM tickets t WHERE t.urgency = u AND {{Waiting}}
                                      AND NOT EXISTS (SELECT 1 FROM work_orders w WHERE w.ticket_id = t.id AND w.status <> 'Completed'))
          FROM unnest(ARRAY['Emergency', 'High', 'Normal', 'Low']) AS u;
          DELETE FROM table_counts WHERE name = '{{OpenWorkOrders}}';
          INSERT INTO table_counts (name, n) SELECT '{{OpenWorkOrders}}', count(*) FROM work_orders WHERE status <> 'Completed';
        $$;

        """;

    /// <summary>The trigger function on work orders: per ticket touched, the open work orders a statement added and removed.</summary>
    internal const string WorkOrdersCountedSql =
        $$"""
        -- A work order statement: per ticket touched, how many open work orders it added and removed.
        CREATE OR REPLACE FUNCTION work_orders_waiting_counted() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
          changed jsonb;
          open_delta bigint;
        BEGIN
          IF TG_OP = 'TRUNCATE' THEN
            PERFORM waiting_recount();
            RETURN NULL;
          END IF;
          -- (a transition table exists only for the operations that have it, so each branch names its own)
          IF TG_OP = 'INSERT' THEN
            open_delta := (SELECT count(*) FROM new_rows WHERE status <> 'Completed');
          ELSIF TG_OP = 'DELETE' THEN
            open_delta := -(SELECT count(*) FROM old_rows WHERE status <> 'Completed');
          ELSE
            open_delta := (SELECT count(*) FROM new_rows WHERE status <> 'Completed') - (SELECT count(*) FROM old_rows WHERE status <> 'Completed');
          END IF;
          IF open_delta <> 0 THEN
            PERFORM table_counts_add('{{OpenWorkOrders}}', open_delta);
          END IF;
          IF TG_OP = 'INSERT' THEN
            SELECT jsonb_agg(jsonb_build_object('id', x.ticket_id, 'urgency', t.urgency, 'opened', x.opened))
            INTO changed
            FROM (SELECT ticket_id, count(*) FILTER (WHERE status <> 'Completed') AS opened FROM new_rows GROUP BY ticket_id) x
            JOIN tickets t ON t.id = x.ticket_id
            WHERE x.opened > 0 AND {{Waiting}};
          ELSIF TG_OP = 'DELETE' THEN
            SELECT jsonb_agg(jsonb_build_object('id', x.ticket_id, 'urgency', t.urgency, 'closed', x.closed))
            INTO changed
            FROM (SELECT ticket_id, count(*) FILTER (WHERE status <> 'Completed') AS closed FROM old_rows GROUP BY ticket_id) x
            JOIN tickets t ON t.id = x.ticket_id
            WHERE x.closed > 0 AND {{Waiting}};
          ELSE
            SELECT jsonb_agg(jsonb_build_object('id', x.ticket_id, 'urgency', t.urgency, 'opened', x.opened, 'closed', x.closed))
            INTO changed
            FROM (SELECT ticket_id, sum(opened)::int AS opened, sum(closed)::int AS closed
                  FROM (SELECT ticket_id, (status <> 'Completed')::int AS opened, 0 AS closed FROM new_rows
                        UNION ALL SELECT ticket_id, 0, (status <> 'Completed')::int FROM old_rows) s
                  GROUP BY ticket_id) x
            JOIN tickets t ON t.id = x.ticket_id
            WHERE x.opened <> x.closed AND {{Waiting}};
          END IF;
          IF changed IS NOT NULL THEN
            PERFORM waiting_add(changed);
          END IF;
          RETURN NULL;
        END $$;

        """;

    public const string CreateSql =
        $$"""
        -- The board's counts and filtered segments read only this index (no heap visits): the waiting tickets with
        -- the columns the filters test, and the open work orders by ticket for the "no open work order" check.
        DROP INDEX IF EXISTS ix_tickets_waiting;
        CREATE INDEX ix_tickets_waiting ON tickets (urgency, created_at, id) INCLUDE (kind, warranty_status, product_model_id, number)
          WHERE status IN ('New', 'AwaitingQuote', 'Quoted', 'Consented') AND service_mode <> 'PhoneFix';
        CREATE INDEX IF NOT EXISTS ix_work_orders_open_ticket ON work_orders (ticket_id) WHERE status <> 'Completed';

        {{RecountSql}}
        -- Adds, per urgency, (waiting after) - (waiting before) for the tickets in "changed": each ticket's rows before
        -- and after the statement, with the open work orders the statement added (opened) and removed (closed).
        CREATE FUNCTION waiting_add(changed jsonb) RETURNS void LANGUAGE sql AS $$
          WITH c AS (
            SELECT (e->>'id')::bigint AS id, (e->>'after')::boolean AS after, e->>'urgency' AS urgency,
                   coalesce((e->>'opened')::int, 0) AS opened, coalesce((e->>'closed')::int, 0) AS closed, coalesce(e->>'side', 'work_order') AS side
            FROM jsonb_array_elements(changed) AS e),
          d AS (
            SELECT c.urgency,
                   CASE WHEN c.side = 'ticket' THEN (CASE WHEN c.after THEN 1 ELSE -1 END)
                        ELSE (CASE WHEN o.open = 0 THEN 1 ELSE 0 END) - (CASE WHEN o.open - c.opened + c.closed = 0 THEN 1 ELSE 0 END)
                   END AS delta
            FROM c
            CROSS JOIN LATERAL (SELECT count(*)::int AS open FROM work_orders w WHERE w.ticket_id = c.id AND w.status <> 'Completed') AS o
            WHERE c.side <> 'ticket' OR o.open = 0)
          INSERT INTO table_counts AS tc (name, n)
          SELECT '{{Prefix}}' || urgency, sum(delta) FROM d GROUP BY urgency HAVING sum(delta) <> 0
          ON CONFLICT (name) DO UPDATE SET n = tc.n + EXCLUDED.n;
        $$;

        CREATE FUNCTION tickets_waiting_counted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'TRUNCATE' THEN
            PERFORM waiting_recount();
            DELETE FROM ticket_intake_counts;
            RETURN NULL;
          END IF;
          -- One call with the rows before and after, so a ticket that stays waiting nets to nothing and writes no counter.
          IF TG_OP = 'INSERT' THEN
            PERFORM waiting_add((SELECT coalesce(jsonb_agg(jsonb_build_object('id', t.id, 'after', true, 'urgency', t.urgency, 'side', 'ticket')), '[]')
                                 FROM new_rows t WHERE {{Waiting}}));
          ELSIF TG_OP = 'DELETE' THEN
            PERFORM waiting_add((SELECT coalesce(jsonb_agg(jsonb_build_object('id', t.id, 'after', false, 'urgency', t.urgency, 'side', 'ticket')), '[]')
                                 FROM old_rows t WHERE {{Waiting}}));
          ELSE
            PERFORM waiting_add((SELECT coalesce(jsonb_agg(e), '[]') FROM (
                SELECT jsonb_build_object('id', t.id, 'after', false, 'urgency', t.urgency, 'side', 'ticket') AS e FROM old_rows t WHERE {{Waiting}}
                UNION ALL
                SELECT jsonb_build_object('id', t.id, 'after', true, 'urgency', t.urgency, 'side', 'ticket') FROM new_rows t WHERE {{Waiting}}) s));
          END IF;
          IF TG_OP = 'INSERT' THEN
            INSERT INTO ticket_intake_counts AS k (quarter, n)
            SELECT date_bin('15 minutes', created_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), count(*) FROM new_rows GROUP BY 1
            ON CONFLICT (quarter) DO UPDATE SET n = k.n + EXCLUDED.n;
          ELSIF TG_OP = 'DELETE' THEN
            UPDATE ticket_intake_counts k SET n = k.n - d.n
            FROM (SELECT date_bin('15 minutes', created_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS quarter, count(*) AS n FROM old_rows GROUP BY 1) d
            WHERE k.quarter = d.quarter;
          END IF;
          RETURN NULL;
        END $$;

        {{WorkOrdersCountedSql}}
        CREATE TABLE ticket_intake_counts (quarter timestamptz PRIMARY KEY, n bigint NOT NULL);
        INSERT INTO ticket_intake_counts (quarter, n)
        SELECT date_bin('15 minutes', created_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), count(*) FROM tickets GROUP BY 1;

        CREATE TRIGGER tickets_waiting_insert AFTER INSERT ON tickets REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tickets_waiting_counted();
        CREATE TRIGGER tickets_waiting_update AFTER UPDATE ON tickets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tickets_waiting_counted();
        CREATE TRIGGER tickets_waiting_delete AFTER DELETE ON tickets REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tickets_waiting_counted();
        CREATE TRIGGER tickets_waiting_truncate AFTER TRUNCATE ON tickets FOR EACH STATEMENT EXECUTE FUNCTION tickets_waiting_counted();
        CREATE TRIGGER work_orders_waiting_insert AFTER INSERT ON work_orders REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION work_orders_waiting_counted();
        CREATE TRIGGER work_orders_waiting_update AFTER UPDATE ON work_orders REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION work_orders_waiting_counted();
        CREATE TRIGGER work_orders_waiting_delete AFTER DELETE ON work_orders REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION work_orders_waiting_counted();
        CREATE TRIGGER work_orders_waiting_truncate AFTER TRUNCATE ON work_orders FOR EACH STATEMENT EXECUTE FUNCTION work_orders_waiting_counted();

        SELECT waiting_recount();
        """;

    public const string DropSql =
        """
        DROP TRIGGER IF EXISTS tickets_waiting_insert ON tickets;
        DROP TRIGGER IF EXISTS tickets_waiting_update ON tickets;
        DROP TRIGGER IF EXISTS tickets_waiting_delete ON tickets;
        DROP TRIGGER IF EXISTS tickets_waiting_truncate ON tickets;
        DROP TRIGGER IF EXISTS work_orders_waiting_insert ON work_orders;
        DROP TRIGGER IF EXISTS work_orders_waiting_update ON work_orders;
        DROP TRIGGER IF EXISTS work_orders_waiting_delete ON work_orders;
        DROP TRIGGER IF EXISTS work_orders_waiting_truncate ON work_orders;
        DROP FUNCTION IF EXISTS work_orders_waiting_counted();
        DROP FUNCTION IF EXISTS tickets_waiting_counted();
        DROP FUNCTION IF EXISTS waiting_add(jsonb);
        DROP FUNCTION IF EXISTS waiting_recount();
        DROP TABLE IF EXISTS ticket_intake_counts;
        DELETE FROM table_counts WHERE name LIKE 'waiting:%' OR name = 'work_orders_open';
        DROP INDEX IF EXISTS ix_work_orders_open_ticket;
        DROP INDEX IF EXISTS ix_tickets_waiting;
        CREATE INDEX ix_tickets_waiting ON tickets (urgency, created_at, id)
          WHERE status IN ('New', 'AwaitingQuote', 'Quoted', 'Consented') AND service_mode <> 'PhoneFix';
        """;
}
