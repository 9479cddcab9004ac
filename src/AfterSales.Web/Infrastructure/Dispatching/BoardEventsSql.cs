namespace AfterSales.Web.Infrastructure.Dispatching;

/// <summary>
/// Triggers that tell every instance (LISTEN/NOTIFY on <see cref="BoardEvents.Channel"/>) when the dispatcher's
/// board changes: a ticket is logged or changes status, urgency or assigned technician; a work order is created, changes status or
/// technician. The payload is small JSON: <c>{"kind":…,"ticket":id,"number":…,"urgency":…}</c>. Inserts notify once
/// per statement (a bulk load of thousands of rows sends one <c>{"kind":…,"count":n}</c>, not thousands).
/// </summary>
public static class BoardEventsSql
{
    /// <summary>Above this many rows in one insert statement, one notification with the count replaces one per row.</summary>
    public const string RowsPerStatement = "20";

    public const string CreateSql =
        $$"""
        CREATE OR REPLACE FUNCTION notify_board_tickets_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE n bigint;
        BEGIN
          SELECT count(*) INTO n FROM new_rows;
          IF n > {{RowsPerStatement}} THEN
            PERFORM pg_notify('{{BoardEvents.Channel}}', json_build_object('kind', 'ticket.created', 'count', n)::text);
          ELSE
            PERFORM pg_notify('{{BoardEvents.Channel}}', json_build_object('kind', 'ticket.created', 'ticket', r.id, 'number', r.number, 'urgency', r.urgency)::text)
              FROM new_rows r;
          END IF;
          RETURN NULL;
        END $$;

        CREATE OR REPLACE FUNCTION notify_board_ticket_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM pg_notify('{{BoardEvents.Channel}}', json_build_object('kind', 'ticket.changed', 'ticket', NEW.id, 'number', NEW.number, 'urgency', NEW.urgency)::text);
          RETURN NULL;
        END $$;

        CREATE OR REPLACE FUNCTION notify_board_work_orders_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE n bigint;
        BEGIN
          SELECT count(*) INTO n FROM new_rows;
          IF n > {{RowsPerStatement}} THEN
            PERFORM pg_notify('{{BoardEvents.Channel}}', json_build_object('kind', 'work_order.created', 'count', n)::text);
          ELSE
            PERFORM pg_notify('{{BoardEvents.Channel}}', json_build_object('kind', 'work_order.created', 'ticket', r.ticket_id, 'number', t.number, 'urgency', t.urgency)::text)
              FROM new_rows r LEFT JOIN tickets t ON t.id = r.ticket_id;
          END IF;
          RETURN NULL;
        END $$;

        CREATE OR REPLACE FUNCTION notify_board_work_order_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM pg_notify('{{BoardEvents.Channel}}', json_build_object('kind', 'work_order.changed', 'ticket', NEW.ticket_id, 'number', t.number, 'urgency', t.urgency)::text)
            FROM tickets t WHERE t.id = NEW.ticket_id;
          RETURN NULL;
        END $$;

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
}
