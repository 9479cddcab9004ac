namespace AfterSales.Web.Infrastructure.Identity;

/// <summary>
/// The sessions signed out before their cookies expired. Inserting one notifies the user's id on the session channel,
/// so every instance forgets its cached check and refuses the old cookie at its next request.
/// </summary>
public static class EndedSessionsSql
{
    public const string CreateSql =
        $$"""
        CREATE TABLE ended_sessions (
          session_id text PRIMARY KEY,
          user_id text NOT NULL,
          ended_at timestamptz NOT NULL
        );
        CREATE INDEX ix_ended_sessions_user_id ON ended_sessions (user_id);
        CREATE INDEX ix_ended_sessions_ended_at ON ended_sessions (ended_at);

        CREATE OR REPLACE FUNCTION notify_session_ended() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM pg_notify('{{SessionStamps.Channel}}', NEW.user_id);
          RETURN NULL;
        END $$;

        CREATE TRIGGER notify_session_ended AFTER INSERT ON ended_sessions FOR EACH ROW EXECUTE FUNCTION notify_session_ended();
        """;

    public const string DropSql =
        """
        DROP TABLE IF EXISTS ended_sessions;
        DROP FUNCTION IF EXISTS notify_session_ended();
        """;
}
