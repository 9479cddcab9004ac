using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class CompletedWorkIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_work_orders_completed_at",
                table: "work_orders",
                column: "completed_at");

            migrationBuilder.CreateIndex(
                name: "ix_follow_ups_done_at",
                table: "follow_ups",
                column: "done_at");
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
        }
    }
}
