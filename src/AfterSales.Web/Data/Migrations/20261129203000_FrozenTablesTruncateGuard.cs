using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Web.Data.Migrations
{
    /// <summary>
    /// Row triggers do not fire on TRUNCATE, so a published or locked month could vanish through it: a statement
    /// trigger refuses TRUNCATE of monthly_tallies while it holds a frozen month, whoever runs it (the app's own role
    /// has no TRUNCATE right at all: DatabaseRoles).
    /// </summary>
    [DbContext(typeof(AfterSalesDbContext))]
    [Migration("20261129203000_FrozenTablesTruncateGuard")]
    public partial class FrozenTablesTruncateGuard : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(
            """
            CREATE FUNCTION monthly_tallies_truncate_guard() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM monthly_tallies WHERE status IN ('Published', 'Locked')) THEN
                    RAISE EXCEPTION 'monthly_tallies holds published or locked months, which cannot be removed: TRUNCATE refused'
                        USING ERRCODE = 'check_violation';
                END IF;
                RETURN NULL;
            END
            $$;
            CREATE TRIGGER monthly_tallies_truncate_guard BEFORE TRUNCATE ON monthly_tallies
                FOR EACH STATEMENT EXECUTE FUNCTION monthly_tallies_truncate_guard();
            """);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS monthly_tallies_truncate_guard ON monthly_tallies; DROP FUNCTION IF EXISTS monthly_tallies_truncate_guard();");
    }
}
