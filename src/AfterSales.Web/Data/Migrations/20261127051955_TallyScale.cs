using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class TallyScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_work_orders_completed_at",
                table: "work_orders");

            migrationBuilder.DropIndex(
                name: "ix_follow_ups_done_at",
                table: "follow_ups");

            migrationBuilder.AddColumn<long[]>(
                name: "counted_record_ids",
                table: "monthly_tallies",
                type: "bigint[]",
                nullable: false,
                defaultValue: new long[0]);

            migrationBuilder.AddColumn<long[]>(
                name: "withdrawn_record_ids",
                table: "monthly_tallies",
                type: "bigint[]",
                nullable: false,
                defaultValue: new long[0]);

            // Months already closed: take the ids from their snapshots. The snapshots are only read; the frozen-month
            // trigger is held off for this one statement, which changes nothing but the two new columns.
            migrationBuilder.Sql(
                """
                ALTER TABLE monthly_tallies DISABLE TRIGGER monthly_tallies_frozen;
                UPDATE monthly_tallies t SET
                    counted_record_ids = coalesce((
                        SELECT array_agg(DISTINCT (r->>'id')::bigint ORDER BY (r->>'id')::bigint)
                        FROM jsonb_array_elements(t.lines) l, jsonb_array_elements(l->'records') r
                        WHERE NOT coalesce((r->>'withdrawn')::boolean, false)), '{}'),
                    withdrawn_record_ids = coalesce((
                        SELECT array_agg(DISTINCT (r->>'id')::bigint ORDER BY (r->>'id')::bigint)
                        FROM jsonb_array_elements(t.lines) l, jsonb_array_elements(l->'records') r
                        WHERE coalesce((r->>'withdrawn')::boolean, false)), '{}')
                WHERE t.status <> 'Draft';
                ALTER TABLE monthly_tallies ENABLE TRIGGER monthly_tallies_frozen;
                """);

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_completed_at",
                table: "work_orders",
                column: "completed_at")
                .Annotation("Npgsql:IndexInclude", new[] { "technician_id", "labour_hours", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_follow_ups_done_at",
                table: "follow_ups",
                column: "done_at")
                .Annotation("Npgsql:IndexInclude", new[] { "technician_id", "status", "attitude", "competence", "speed", "result" });

            migrationBuilder.CreateIndex(
                name: "ix_discipline_records_fact_date",
                table: "discipline_records",
                column: "fact_date")
                .Annotation("Npgsql:IndexInclude", new[] { "id", "status", "level", "employee_id", "reverses_record_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_work_orders_completed_at",
                table: "work_orders");

            migrationBuilder.DropIndex(
                name: "ix_follow_ups_done_at",
                table: "follow_ups");

            migrationBuilder.DropIndex(
                name: "ix_discipline_records_fact_date",
                table: "discipline_records");

            migrationBuilder.DropColumn(
                name: "counted_record_ids",
                table: "monthly_tallies");

            migrationBuilder.DropColumn(
                name: "withdrawn_record_ids",
                table: "monthly_tallies");

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_completed_at",
                table: "work_orders",
                column: "completed_at");

            migrationBuilder.CreateIndex(
                name: "ix_follow_ups_done_at",
                table: "follow_ups",
                column: "done_at");
        }
    }
}
