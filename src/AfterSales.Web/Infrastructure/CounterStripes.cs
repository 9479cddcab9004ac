namespace AfterSales.Web.Infrastructure;

/// <summary>
/// Each counter the database keeps (<c>table_counts</c> by name, <c>ticket_intake_counts</c> by quarter hour; see
/// <see cref="DashboardCounters"/> and <see cref="WaitingCounters"/>) is spread over up to 64 rows:
/// a transaction adds to the row its transaction id picks (<c>xid % 64</c>: transactions begun together take
/// different rows), so calls logged at the same moment do not queue on one row lock until each other's commit has
/// reached the disk. One transaction keeps to one row per counter. Readers sum the rows.
/// </summary>
public static class CounterStripes
{
    /// <summary>SQL: every counter of <c>table_counts</c> with its rows summed (<c>"Name"</c>, <c>"N"</c>).</summary>
    public const string ReadSql = "SELECT name AS \"Name\", sum(n)::bigint AS \"N\" FROM table_counts GROUP BY name";

    /// <summary>waiting_add() and the trigger function on tickets, each adding to its transaction's row.</summary>
    internal const string WaitingFunctionsSql =
        $$"""
        -- Work order statements: per ticket touched, the open work orders the statement added (opened) and removed (closed).
        CREATE OR REPLACE FUNCTION waiting_add(changed jsonb) RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM table_counts_add('{{WaitingCounters.Prefix}}' || d.urgency, d.delta)
          FROM (
            SELECT c.urgency, sum((CASE WHEN o.open = 0 THEN 1 ELSE 0 END) - (CASE WHEN o.open - c.opened + c.closed = 0 THEN 1 ELSE 0 END)) AS delta
            FROM (SELECT (e->>'id')::bigint AS id, e->>'urgency' AS urgency,
                         coalesce((e->>'opened')::int, 0) AS opened, coalesce((e->>'closed')::int, 0) AS closed
                  FROM jsonb_array_elements(changed) AS e) AS c
            CROSS JOIN LATERAL (SELECT count(*)::int AS open FROM work_orders w WHERE w.ticket_id = c.id AND w.status <> 'Completed') AS o
            GROUP BY c.urgency) AS d
          WHERE d.delta <> 0;
        END $$;

        -- Ticket statements: +1 for each row after it that waits, -1 for each row before it that waited (a ticket that
        -- stays waiting nets to nothing); a ticket with an open work order is not waiting either way. Transition tables
        -- exist only for the operations that have them, so each branch names its own.
        CREATE OR REPLACE FUNCTION tickets_waiting_counted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'TRUNCATE' THEN
            PERFORM waiting_recount();
            DELETE FROM ticket_intake_counts;
          ELSIF TG_OP = 'INSERT' THEN
            PERFORM table_counts_add('{{WaitingCounters.Prefix}}' || t.urgency, count(*))
            FROM new_rows t WHERE {{WaitingCounters.Waiting}} GROUP BY t.urgency;
            PERFORM ticket_intake_add(q.quarter, q.n)
            FROM (SELECT date_bin('15 minutes', created_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS quarter, count(*) AS n FROM new_rows GROUP BY 1) q;
          ELSIF TG_OP = 'DELETE' THEN
            PERFORM table_counts_add('{{WaitingCounters.Prefix}}' || t.urgency, -count(*))
            FROM old_rows t
            WHERE {{WaitingCounters.Waiting}} AND NOT EXISTS (SELECT 1 FROM work_orders w WHERE w.ticket_id = t.id AND w.status <> 'Completed')
            GROUP BY t.urgency;
            PERFORM ticket_intake_add(q.quarter, -q.n)
            FROM (SELECT date_bin('15 minutes', created_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS quarter, count(*) AS n FROM old_rows GROUP BY 1) q;
          ELSE
            PERFORM table_counts_add('{{WaitingCounters.Prefix}}' || d.urgency, d.delta)
            FROM (
              SELECT s.urgency, sum(s.delta) AS delta
              FROM (SELECT t.id, t.urgency, 1 AS delta FROM new_rows t WHERE {{WaitingCounters.Waiting}}
                    UNION ALL
                    SELECT t.id, t.urgency, -1 FROM old_rows t WHERE {{WaitingCounters.Waiting}}) AS s
              WHERE NOT EXISTS (SELECT 1 FROM work_orders w WHERE w.ticket_id = s.id AND w.status <> 'Completed')
              GROUP BY s.urgency) AS d
            WHERE d.delta <> 0;
          END IF;
          RETURN NULL;
        END $$;
        """;

    public const string CreateSql =
        $$"""
        ALTER TABLE table_counts ADD COLUMN stripe smallint NOT NULL DEFAULT 0;
        ALTER TABLE table_counts DROP CONSTRAINT table_counts_pkey;
        ALTER TABLE table_counts ADD PRIMARY KEY (name, stripe);
        ALTER TABLE ticket_intake_counts ADD COLUMN stripe smallint NOT NULL DEFAULT 0;
        ALTER TABLE ticket_intake_counts DROP CONSTRAINT ticket_intake_counts_pkey;
        ALTER TABLE ticket_intake_counts ADD PRIMARY KEY (quarter, stripe);

        CREATE FUNCTION counter_stripe() RETURNS smallint LANGUAGE sql AS $$
          SELECT (pg_current_xact_id()::text::bigint % 64)::smallint
        $$;

        CREATE OR REPLACE FUNCTION table_counts_add(counter text, delta bigint) RETURNS void LANGUAGE sql AS $$
          INSERT INTO table_counts AS c (name, stripe, n) VALUES (counter, counter_stripe(), delta)
          ON CONFLICT (name, stripe) DO UPDATE SET n = c.n + EXCLUDED.n
        $$;

        CREATE FUNCTION ticket_intake_add(quarter timestamptz, delta bigint) RETURNS void LANGUAGE sql AS $$
          INSERT INTO ticket_intake_counts AS k (quarter, stripe, n) VALUES (quarter, counter_stripe(), delta)
          ON CONFLICT (quarter, stripe) DO UPDATE SET n = k.n + EXCLUDED.n
        $$;

        {{WaitingFunctionsSql}}
        """;

    /// <summary>Back to one row per counter: the counters and their triggers are rebuilt as they were, and recounted.</summary>
    public const string DropSql =
        "DROP FUNCTION IF EXISTS ticket_intake_add(timestamptz, bigint);\n"
        + WaitingCounters.DropSql
        + DashboardCounters.DropSql
        + "DROP FUNCTION IF EXISTS counter_stripe();\n"
        + DashboardCounters.CreateSql
        + WaitingCounters.CreateSql;
}
