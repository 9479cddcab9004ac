using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class QueueIndexesExchangesReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_quality_reports_open_queue",
                table: "quality_reports",
                columns: new[] { "due_on", "id" },
                filter: "status <> 'Closed'");

            migrationBuilder.CreateIndex(
                name: "ix_quality_reports_raised_at_id",
                table: "quality_reports",
                columns: new[] { "raised_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_exchange_requests_ledger",
                table: "exchange_requests",
                columns: new[] { "completed_at", "id" },
                filter: "status = 'Completed'");

            migrationBuilder.CreateIndex(
                name: "ix_exchange_requests_open_queue",
                table: "exchange_requests",
                columns: new[] { "step_due_at", "id" },
                filter: "status IN ('Pending', 'Returned', 'Approved')")
                .Annotation("Npgsql:IndexInclude", new[] { "status", "current_step" });

            migrationBuilder.CreateIndex(
                name: "ix_exchange_requests_requested_at_id",
                table: "exchange_requests",
                columns: new[] { "requested_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_quality_reports_open_queue",
                table: "quality_reports");

            migrationBuilder.DropIndex(
                name: "ix_quality_reports_raised_at_id",
                table: "quality_reports");

            migrationBuilder.DropIndex(
                name: "ix_exchange_requests_ledger",
                table: "exchange_requests");

            migrationBuilder.DropIndex(
                name: "ix_exchange_requests_open_queue",
                table: "exchange_requests");

            migrationBuilder.DropIndex(
                name: "ix_exchange_requests_requested_at_id",
                table: "exchange_requests");
        }
    }
}
