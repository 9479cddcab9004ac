namespace AfterSales.Web.Infrastructure;

/// <summary>
/// The board's waiting counters per urgency and product category as well (<c>waiting:Normal:{category id}</c>), kept by
/// the same statement-level triggers as the per-urgency ones (<see cref="WaitingCounters"/>, <see cref="CounterStripes"/>):
/// a dispatcher who narrows the board to one category reads its true total from a few rows instead of counting a
/// hundred thousand waiting tickets. A ticket counts under the category of its product model (a ticket without a model
/// under none); a model moved to another category recounts.
/// </summary>
public static class WaitingByCategory
{
    /// <summary>The counter of waiting tickets of one urgency and category.</summary>
    public static string Name(Domain.Tickets.Urgency urgency, long categoryId) =>
        FormattableString.Invariant($"{WaitingCounters.Prefix}{urgency}:{categoryId}");

    private const string W = WaitingCounters.Waiting;

    // Each counted group once per urgency (the category-free counter) and once per urgency and category; a ticket
    // without a model adds only to the first. GROUPING(...) = 1 marks the urgency-only rows.
    private const string CounterName = "'waiting:' || d.urgency || CASE WHEN d.g = 1 THEN '' ELSE ':' || d.category_id END";

    public static readonly string CreateSql =
        $$"""
        CREATE OR REPLACE FUNCTION waiting_recount() RETURNS void LANGUAGE sql AS $$
          DELETE FROM table_counts WHERE name LIKE 'waiting:%';
          INSERT INTO table_counts (name, n)
          SELECT 'waiting:' || u, (SELECT count(*) FROM tickets t WHERE t.urgency = u AND {{W}}
                                      AND NOT EXISTS (SELECT 1 FROM work_orders w WHERE w.ticket_id = t.id AND w.status <> 'Completed'))
          FROM unnest(ARRAY['Emergency', 'High', 'Normal', 'Low']) AS u;
          INSERT INTO table_counts (name, n)
          SELECT 'waiting:' || t.urgency || ':' || m.category_id, count(*)
          FROM tickets t JOIN product_models m ON m.id = t.product_model_id
          WHERE {{W}} AND NOT EXISTS (SELECT 1 FROM work_orders w WHERE w.ticket_id = t.id AND w.status <> 'Completed')
          GROUP BY t.urgency, m.category_id;
          DELETE FROM table_counts WHERE name = '{{WaitingCounters.OpenWorkOrders}}';
          INSERT INTO table_counts (name, n) SELECT '{{WaitingCounters.OpenWorkOrders}}', count(*) FROM work_orders WHERE status <> 'Completed';
        $$;

        -- Work order statements: per ticket touched (with its model), the open work orders the statement added and removed.
        CREATE OR REPLACE FUNCTION waiting_add(changed jsonb) RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM table_counts_add({{CounterName}}, d.delta)
          FROM (
            SELECT c.urgency, m.category_id, GROUPING(m.category_id) AS g,
                   sum((CASE WHEN o.open = 0 THEN 1 ELSE 0 END) - (CASE WHEN o.open - c.opened + c.closed = 0 THEN 1 ELSE 0 END)) AS delta
            FROM (SELECT (e->>'id')::bigint AS id, e->>'urgency' AS urgency, (e->>'model')::bigint AS model,
                         coalesce((e->>'opened')::int, 0) AS opened, coalesce((e->>'closed')::int, 0) AS closed
                  FROM jsonb_array_elements(changed) AS e) AS c
            LEFT JOIN product_models m ON m.id = c.model
            CROSS JOIN LATERAL (SELECT count(*)::int AS open FROM work_orders w WHERE w.ticket_id = c.id AND w.status <> 'Completed') AS o
            GROUP BY GROUPING SETS ((c.urgency), (c.urgency, m.category_id))) AS d
          WHERE d.delta <> 0 AND (d.g = 1 OR d.category_id IS NOT NULL);
        END $$;

        -- Ticket statements: +1 for each row after it that waits, -1 for each row before it that waited, under its urgency
        -- and under its urgency and its model's category (a ticket moved to another model moves between categories).
        CREATE OR REPLACE FUNCTION tickets_waiting_counted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'TRUNCATE' THEN
            PERFORM waiting_recount();
            DELETE FROM ticket_intake_counts;
          ELSIF TG_OP = 'INSERT' THEN
            PERFORM table_counts_add({{CounterName}}, d.delta)
            FROM (SELECT t.urgency, m.category_id, GROUPING(m.category_id) AS g, count(*) AS delta
                  FROM new_rows t LEFT JOIN product_models m ON m.id = t.product_model_id
                  WHERE {{W}}
                  GROUP BY GROUPING SETS ((t.urgency), (t.urgency, m.category_id))) AS d
            WHERE d.g = 1 OR d.category_id IS NOT NULL;
            PERFORM ticket_intake_add(q.quarter, q.n)
            FROM (SELECT date_bin('15 minutes', created_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS quarter, count(*) AS n FROM new_rows GROUP BY 1) q;
          ELSIF TG_OP = 'DELETE' THEN
            PERFORM table_counts_add({{CounterName}}, -d.delta)
            FROM (SELECT t.urgency, m.category_id, GROUPING(m.category_id) AS g, count(*) AS delta
                  FROM old_rows t LEFT JOIN product_models m ON m.id = t.product_model_id
                  WHERE {{W}} AND NOT EXISTS (SELECT 1 FROM work_orders w WHERE w.ticket_id = t.id AND w.status <> 'Completed')
                  GROUP BY GROUPING SETS ((t.urgency), (t.urgency, m.category_id))) AS d
            WHERE d.g = 1 OR d.category_id IS NOT NULL;
            PERFORM ticket_intake_add(q.quarter, -q.n)
            FROM (SELECT date_bin('15 minutes', created_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS quarter, count(*) AS n FROM old_rows GROUP BY 1) q;
          ELSE
            PERFORM table_counts_add({{CounterName}}, d.delta)
            FROM (
              SELECT s.urgency, m.category_id, GROUPING(m.category_id) AS g, sum(s.delta) AS delta
              FROM (SELECT t.id, t.urgency, t.product_model_id, 1 AS delta FROM new_rows t WHERE {{W}}
                    UNION ALL
                    SELECT t.id, t.urgency, t.product_model_id, -1 FROM old_rows t WHERE {{W}}) AS s
              LEFT JOIN product_models m ON m.id = s.product_model_id
              WHERE NOT EXISTS (SELECT 1 FROM work_orders w WHERE w.ticket_id = s.id AND w.status <> 'Completed')
              GROUP BY GROUPING SETS ((s.urgency), (s.urgency, m.category_id))) AS d
            WHERE d.delta <> 0 AND (d.g = 1 OR d.category_id IS NOT NULL);
          END IF;
          RETURN NULL;
        END $$;

        {{WaitingCounters.WorkOrdersCountedSql.Replace("'urgency', t.urgency,", "'urgency', t.urgency, 'model', t.product_model_id,", StringComparison.Ordinal)}}

        -- A model moved to another category: its waiting tickets move with it (rare: counted afresh).
        CREATE FUNCTION product_models_category_counted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.category_id IS DISTINCT FROM o.category_id) THEN
            PERFORM waiting_recount();
          END IF;
          RETURN NULL;
        END $$;
        CREATE TRIGGER product_models_category_counted AFTER UPDATE ON product_models REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
          FOR EACH STATEMENT EXECUTE FUNCTION product_models_category_counted();

        SELECT waiting_recount();
        """;

    /// <summary>Back to the per-urgency counters alone.</summary>
    public static readonly string DropSql =
        """
        DROP TRIGGER IF EXISTS product_models_category_counted ON product_models;
        DROP FUNCTION IF EXISTS product_models_category_counted();

        """
        + WaitingCounters.RecountSql + CounterStripes.WaitingFunctionsSql + WaitingCounters.WorkOrdersCountedSql
        + "SELECT waiting_recount();\n";
}
