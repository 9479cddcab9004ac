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

    /// <summary>The table's stamp, or null when none is written yet (then nothing may be kept under it).</summary>
    public static async Task<long?> ReadAsync(AfterSalesDbContext db, string table, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<long?>($"SELECT stamp AS \"Value\" FROM change_stamps WHERE name = {table}").SingleOrDefaultAsync(cancellationToken);
}
