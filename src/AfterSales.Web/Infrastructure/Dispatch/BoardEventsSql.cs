namespace AfterSales.Web.Infrastructure.Dispatch;

/// <summary>
/// Triggers that record when the dispatcher's board changes: a ticket is logged or changes status, urgency or
/// assigned technician; a work order is created, changes status or technician. Each change is a small JSON notice
/// <c>{"kind":…,"ticket":id,"number":…,"urgency":…}</c>; inserts record once per statement (a bulk load of
/// thousands of rows records one <c>{"kind":…,"count":n}</c>, not thousands).
/// <para>
/// The notices go into the unlogged queue <c>board_notices</c>, not straight to NOTIFY: a transaction that
/// notifies holds PostgreSQL's notification lock until its commit is on disk, so every call being logged would wait
/// for the one before it. <see cref="BoardNoticeRelay"/> moves the queue to NOTIFY on
/// <see cref="BoardEvents.Channel"/> a few times a second, one short transaction for many notices.
/// </para>
/// </summary>
public static class BoardEventsSql
{
    /// <summary>Above this many rows in one insert statement, one notice with the count replaces one per row.</summary>
    public const string RowsPerStatement = "20";

    /// <summary>The first form: the triggers notify inside the writing transaction.</summary>
    public static string CreateSql => Functions(Notify) + Triggers;

    public const string DropSql =
        """
        DROP TRIGGER IF EXISTS notify_board_work_order_changed ON work_orders;
        DROP TRIGGER IF EXISTS notify_board_work_orders_inserted ON work_orders;
        DROP TRIGGER IF EXISTS notify_board_ticket_changed ON tickets;
        DROP TRIGGER IF EXISTS notify_board_tickets_inserted ON tickets;
        DROP FUNCTION IF EXISTS notify_board_work_order_changed();
        DROP FUNCTION IF EXISTS notify_board_work_orders_inserted();
        DROP FUNCTION IF EXISTS notify_board_ticket_changed();
        DROP FUNCTION IF EXISTS notify_board_tickets_inserted();
        """;

    /// <summary>The triggers queue their notices in <c>board_notices</c> for <see cref="BoardNoticeRelay"/>.</summary>
    public static string QueueSql =>
        """
        CREATE UNLOGGED TABLE board_notices (id bigserial PRIMARY KEY, payload text NOT NULL);
        """
        + Functions(Queue);

    /// <summary>Back to notifying inside the writing transaction.</summary>
    public static string UnqueueSql => Functions(Notify) + "DROP TABLE IF EXISTS board_notices;";

    /// <summary>Notices relayed in one transaction at most.</summary>
    public const int RelayBatch = 1000;

    /// <summary>SQL that hands queued notices to NOTIFY: at most <see cref="RelayBatch"/> at a time, oldest first, never two relays on one notice.</summary>
    public static readonly string RelaySql =
        $"""
        WITH taken AS (
          DELETE FROM board_notices WHERE id IN (SELECT id FROM board_notices ORDER BY id LIMIT {RelayBatch} FOR UPDATE SKIP LOCKED)
          RETURNING id, payload)
        SELECT count(*)::int FROM (SELECT pg_notify('{BoardEvents.Channel}', payload) FROM taken ORDER BY id) AS sent
        """;

    private static string Notify(string payload) => $"PERFORM pg_notify('{BoardEvents.Channel}', {payload})";

    private static string Queue(string payload) => $"INSERT INTO board_notices (payload) SELECT {payload}";

    private static string Functions(Func<string, string> send) =>
        $$"""
        CREATE OR REPLACE FUNCTION notify_board_tickets_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE n bigint;
        BEGIN
          SELECT count(*) INTO n FROM new_rows;
          IF n > {{RowsPerStatement}} THEN
            {{send("json_build_object('kind', 'ticket.created', 'count', n)::text")}};
          ELSE
            {{send("json_build_object('kind', 'ticket.created', 'ticket', r.id, 'number', r.number, 'urgency', r.urgency)::text")}}
              FROM new_rows r;
          END IF;
          RETURN NULL;
        END $$;

        CREATE OR REPLACE FUNCTION notify_board_ticket_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          {{send("json_build_object('kind', 'ticket.changed', 'ticket', NEW.id, 'number', NEW.number, 'urgency', NEW.urgency)::text")}};
          RETURN NULL;
        END $$;

        CREATE OR REPLACE FUNCTION notify_board_work_orders_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE n bigint;
        BEGIN
          SELECT count(*) INTO n FROM new_rows;
          IF n > {{RowsPerStatement}} THEN
            {{send("json_build_object('kind', 'work_order.created', 'count', n)::text")}};
          ELSE
            {{send("json_build_object('kind', 'work_order.created', 'ticket', r.ticket_id, 'number', t.number, 'urgency', t.urgency)::text")}}
              FROM new_rows r LEFT JOIN tickets t ON t.id = r.ticket_id;
          END IF;
          RETURN NULL;
        END $$;

        CREATE OR REPLACE FUNCTION notify_board_work_order_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          {{send("json_build_object('kind', 'work_order.changed', 'ticket', NEW.ticket_id, 'number', t.number, 'urgency', t.urgency)::text")}}
            FROM tickets t WHERE t.id = NEW.ticket_id;
          RETURN NULL;
        END $$;

        """;

    private const string Triggers =
        """
        CREATE TRIGGER notify_board_tickets_inserted AFTER INSERT ON tickets
          REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_board_tickets_inserted();
        CREATE TRIGGER notify_board_ticket_changed AFTER UPDATE ON tickets FOR EACH ROW
          WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.urgency IS DISTINCT FROM NEW.urgency
                OR OLD.assigned_technician_id IS DISTINCT FROM NEW.assigned_technician_id)
          EXECUTE FUNCTION notify_board_ticket_changed();
        CREATE TRIGGER notify_board_work_orders_inserted AFTER INSERT ON work_orders
          REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_board_work_orders_inserted();
        CREATE TRIGGER notify_board_work_order_changed AFTER UPDATE ON work_orders FOR EACH ROW
          WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.technician_id IS DISTINCT FROM NEW.technician_id)
          EXECUTE FUNCTION notify_board_work_order_changed();
        """;
}
