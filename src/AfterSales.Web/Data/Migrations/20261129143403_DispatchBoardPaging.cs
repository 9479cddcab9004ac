using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class DispatchBoardPaging : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_work_orders_deadline",
                table: "work_orders");

            migrationBuilder.DropIndex(
                name: "ix_tickets_waiting",
                table: "tickets");

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_open_deadline",
                table: "work_orders",
                columns: new[] { "deadline", "id" },
                filter: "status <> 'Completed'");

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_open_technician",
                table: "work_orders",
                columns: new[] { "technician_id", "appointment_date" },
                filter: "status <> 'Completed'");

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_open_unclocked",
                table: "work_orders",
                columns: new[] { "appointment_date", "id" },
                filter: "status <> 'Completed' AND deadline IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_tickets_waiting",
                table: "tickets",
                columns: new[] { "urgency", "created_at", "id" },
                filter: "status IN ('New', 'AwaitingQuote', 'Quoted', 'Consented') AND service_mode <> 'PhoneFix'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_work_orders_open_deadline",
                table: "work_orders");

            migrationBuilder.DropIndex(
                name: "ix_work_orders_open_technician",
                table: "work_orders");

            migrationBuilder.DropIndex(
                name: "ix_work_orders_open_unclocked",
                table: "work_orders");

            migrationBuilder.DropIndex(
                name: "ix_tickets_waiting",
                table: "tickets");

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_deadline",
                table: "work_orders",
                column: "deadline",
                filter: "status <> 'Completed'");

            migrationBuilder.CreateIndex(
                name: "ix_tickets_waiting",
                table: "tickets",
                columns: new[] { "urgency", "created_at" },
                filter: "status IN ('New', 'AwaitingQuote', 'Quoted', 'Consented') AND service_mode <> 'PhoneFix'");
        }
    }
}
