using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class WorkQueueIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_follow_ups_pending_queue",
                table: "follow_ups",
                columns: new[] { "due_on", "id" },
                filter: "status = 'Pending'")
                .Annotation("Npgsql:IndexInclude", new[] { "technician_id" });

            migrationBuilder.CreateIndex(
                name: "ix_discipline_records_open_queue",
                table: "discipline_records",
                columns: new[] { "proposed_at", "id" },
                filter: "status IN ('Proposed', 'Appealed')")
                .Annotation("Npgsql:IndexInclude", new[] { "status", "employee_id", "proposed_by" });

            migrationBuilder.CreateIndex(
                name: "ix_discipline_records_proposed_at_id",
                table: "discipline_records",
                columns: new[] { "proposed_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_complaints_open_queue",
                table: "complaints",
                columns: new[] { "recorded_at", "id" },
                filter: "class IS NULL OR stage <> 'Resolved'");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_recorded_at_id",
                table: "complaints",
                columns: new[] { "recorded_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_follow_ups_pending_queue",
                table: "follow_ups");

            migrationBuilder.DropIndex(
                name: "ix_discipline_records_open_queue",
                table: "discipline_records");

            migrationBuilder.DropIndex(
                name: "ix_discipline_records_proposed_at_id",
                table: "discipline_records");

            migrationBuilder.DropIndex(
                name: "ix_complaints_open_queue",
                table: "complaints");

            migrationBuilder.DropIndex(
                name: "ix_complaints_recorded_at_id",
                table: "complaints");
        }
    }
}
