using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class MonthlyTallies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "monthly_tallies",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false),
                    month = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    hour_quota = table.Column<decimal>(type: "numeric(8,2)", precision: 8, scale: 2, nullable: false),
                    submitted_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    checked_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    checked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    published_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    locked_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    locked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sent_back_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    sent_back_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    lines = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_monthly_tallies", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_monthly_tallies_month",
                table: "monthly_tallies",
                column: "month",
                unique: true);

            // A published (公示) or locked month never changes, whatever writes to the database.
            // Only the Published -> Locked status change (with who/when) is allowed.
            migrationBuilder.Sql(
                """
                CREATE FUNCTION monthly_tallies_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF OLD.status IN ('Published', 'Locked') THEN
                        IF TG_OP = 'UPDATE' AND OLD.status = 'Published' AND NEW.status = 'Locked'
                           AND (to_jsonb(NEW) - 'status' - 'locked_by' - 'locked_at') = (to_jsonb(OLD) - 'status' - 'locked_by' - 'locked_at') THEN
                            RETURN NEW;
                        END IF;
                        RAISE EXCEPTION 'monthly tally % is % and cannot be changed', OLD.month, OLD.status
                            USING ERRCODE = 'check_violation';
                    END IF;
                    IF TG_OP = 'DELETE' THEN
                        RETURN OLD;
                    END IF;
                    RETURN NEW;
                END
                $$;
                CREATE TRIGGER monthly_tallies_frozen BEFORE UPDATE OR DELETE ON monthly_tallies
                    FOR EACH ROW EXECUTE FUNCTION monthly_tallies_frozen();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS monthly_tallies_frozen ON monthly_tallies; DROP FUNCTION IF EXISTS monthly_tallies_frozen();");
            migrationBuilder.DropTable(
                name: "monthly_tallies");
        }
    }
}
