namespace AfterSales.Web.Infrastructure.Identity;

/// <summary>The trigger that tells every instance (LISTEN/NOTIFY) when a user's sessions must end.</summary>
public static class SessionStampSql
{
    public const string CreateSql =
        $$"""
        CREATE OR REPLACE FUNCTION notify_user_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM pg_notify('{{SessionStamps.Channel}}', OLD.id);
          RETURN NULL;
        END $$;

        CREATE TRIGGER notify_user_stamp AFTER UPDATE ON "AspNetUsers" FOR EACH ROW
          WHEN (OLD.security_stamp IS DISTINCT FROM NEW.security_stamp OR OLD.is_disabled IS DISTINCT FROM NEW.is_disabled)
          EXECUTE FUNCTION notify_user_stamp();
        CREATE TRIGGER notify_user_removed AFTER DELETE ON "AspNetUsers" FOR EACH ROW EXECUTE FUNCTION notify_user_stamp();
        """;

    public const string DropSql =
        """
        DROP TRIGGER IF EXISTS notify_user_removed ON "AspNetUsers";
        DROP TRIGGER IF EXISTS notify_user_stamp ON "AspNetUsers";
        DROP FUNCTION IF EXISTS notify_user_stamp();
        """;
}
