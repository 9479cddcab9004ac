using AfterSales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Infrastructure;

/// <summary>
/// Which transaction last changed a table, for answers worked out from the whole table and kept between visits (the
/// dismissal alerts read tens of thousands of reward and penalty records). A statement-level trigger writes the id of
/// the writing transaction into <c>change_stamps</c> in that same transaction, so a reader who reads the stamp before
/// the table never keeps an answer under a stamp newer than the rows it read. Transaction ids are never reused, so a
/// stamp seen once cannot come back with other rows behind it (not after a wipe either: the trigger writes the row
/// again). Every instance reads the same stamp, so a change made through one is seen by all at their next visit.
/// </summary>
public static class ChangeStamps
{
    public const string DisciplineRecords = "discipline_records";

    /// <summary>Each employee's own stamp among the reward and penalty records: <c>discipline_records:{employee id}</c>.</summary>
    public const string DisciplineRecordsOf = "discipline_records:";

    public const string CreateSql =
        """
        CREATE TABLE change_stamps (name text PRIMARY KEY, stamp bigint NOT NULL);

        CREATE FUNCTION stamp_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO change_stamps AS s (name, stamp) VALUES (TG_TABLE_NAME, pg_current_xact_id()::text::bigint)
          ON CONFLICT (name) DO UPDATE SET stamp = EXCLUDED.stamp WHERE s.stamp <> EXCLUDED.stamp;
          RETURN NULL;
        END $$;

        CREATE TRIGGER discipline_records_stamped AFTER INSERT OR UPDATE OR DELETE ON discipline_records FOR EACH STATEMENT EXECUTE FUNCTION stamp_change();
        CREATE TRIGGER discipline_records_stamped_truncate AFTER TRUNCATE ON discipline_records FOR EACH STATEMENT EXECUTE FUNCTION stamp_change();
        INSERT INTO change_stamps (name, stamp) VALUES ('discipline_records', pg_current_xact_id()::text::bigint);
        """;

    public const string DropSql =
        """
        DROP TRIGGER discipline_records_stamped ON discipline_records;
        DROP TRIGGER discipline_records_stamped_truncate ON discipline_records;
        DROP FUNCTION stamp_change();
        DROP TABLE change_stamps;
        """;

    /// <summary>
    /// The records' stamps per employee as well: the same trigger writes, in the writing transaction, a stamp for each
    /// employee whose records the statement touched (before and after it), so a page that kept an answer per employee
    /// works out again only the people whose records changed.
    /// </summary>
    public const string PerEmployeeSql =
        """
        CREATE FUNCTION discipline_records_stamped() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO change_stamps AS s (name, stamp) VALUES ('discipline_records', pg_current_xact_id()::text::bigint)
          ON CONFLICT (name) DO UPDATE SET stamp = EXCLUDED.stamp WHERE s.stamp <> EXCLUDED.stamp;
          IF TG_OP = 'TRUNCATE' THEN
            DELETE FROM change_stamps WHERE name LIKE 'discipline\_records:%';
            RETURN NULL;
          END IF;
          -- (a transition table exists only for the operations that have it, so each branch names its own)
          IF TG_OP = 'INSERT' OR TG_OP = 'UPDATE' THEN
            INSERT INTO change_stamps AS s (name, stamp)
            SELECT DISTINCT 'discipline_records:' || employee_id, pg_current_xact_id()::text::bigint FROM new_rows
            ON CONFLICT (name) DO UPDATE SET stamp = EXCLUDED.stamp WHERE s.stamp <> EXCLUDED.stamp;
          END IF;
          IF TG_OP = 'UPDATE' OR TG_OP = 'DELETE' THEN
            INSERT INTO change_stamps AS s (name, stamp)
            SELECT DISTINCT 'discipline_records:' || employee_id, pg_current_xact_id()::text::bigint FROM old_rows
            ON CONFLICT (name) DO UPDATE SET stamp = EXCLUDED.stamp WHERE s.stamp <> EXCLUDED.stamp;
          END IF;
          RETURN NULL;
        END $$;

        DROP TRIGGER discipline_records_stamped ON discipline_records;
        DROP TRIGGER discipline_records_stamped_truncate ON discipline_records;
        CREATE TRIGGER discipline_records_stamped_insert AFTER INSERT ON discipline_records REFERENCING NEW TABLE AS new_rows
          FOR EACH STATEMENT EXECUTE FUNCTION discipline_records_stamped();
        CREATE TRIGGER discipline_records_stamped_update AFTER UPDATE ON discipline_records REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
          FOR EACH STATEMENT EXECUTE FUNCTION discipline_records_stamped();
        CREATE TRIGGER discipline_records_stamped_delete AFTER DELETE ON discipline_records REFERENCING OLD TABLE AS old_rows
          FOR EACH STATEMENT EXECUTE FUNCTION discipline_records_stamped();
        CREATE TRIGGER discipline_records_stamped_truncate AFTER TRUNCATE ON discipline_records
          FOR EACH STATEMENT EXECUTE FUNCTION discipline_records_stamped();

        INSERT INTO change_stamps (name, stamp)
        SELECT DISTINCT 'discipline_records:' || employee_id, pg_current_xact_id()::text::bigint FROM discipline_records
        ON CONFLICT (name) DO NOTHING;
        UPDATE change_stamps SET stamp = pg_current_xact_id()::text::bigint WHERE name = 'discipline_records';
        """;

    public const string PerEmployeeDropSql =
        """
        DROP TRIGGER discipline_records_stamped_insert ON discipline_records;
        DROP TRIGGER discipline_records_stamped_update ON discipline_records;
        DROP TRIGGER discipline_records_stamped_delete ON discipline_records;
        DROP TRIGGER discipline_records_stamped_truncate ON discipline_records;
        DROP FUNCTION discipline_records_stamped();
        DELETE FROM change_stamps WHERE name LIKE 'discipline\_records:%';
        CREATE TRIGGER discipline_records_stamped AFTER INSERT OR UPDATE OR DELETE ON discipline_records FOR EACH STATEMENT EXECUTE FUNCTION stamp_change();
        CREATE TRIGGER discipline_records_stamped_truncate AFTER TRUNCATE ON discipline_records FOR EACH STATEMENT EXECUTE FUNCTION stamp_change();
        """;

    private sealed record StampRow(string Name, long Stamp);

    /// <summary>The stamps whose name starts with <paramref name="prefix"/>, by the rest of their name.</summary>
    public static async Task<Dictionary<string, long>> ReadAllAsync(AfterSalesDbContext db, string prefix, CancellationToken cancellationToken)
    {
        var pattern = prefix.Replace("_", "\\_", StringComparison.Ordinal) + "%";
        var rows = await db.Database.SqlQueryRaw<StampRow>("SELECT name, stamp FROM change_stamps WHERE name LIKE {0}", pattern).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Name[prefix.Length..], r => r.Stamp, StringComparer.Ordinal);
    }

    /// <summary>The table's stamp, or null when none is written yet (then nothing may be kept under it).</summary>
    public static async Task<long?> ReadAsync(AfterSalesDbContext db, string table, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<long?>($"SELECT stamp AS \"Value\" FROM change_stamps WHERE name = {table}").SingleOrDefaultAsync(cancellationToken);
}
