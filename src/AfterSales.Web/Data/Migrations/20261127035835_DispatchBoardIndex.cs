using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class DispatchBoardIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_tickets_waiting",
                table: "tickets",
                columns: new[] { "urgency", "created_at" },
                filter: "status IN ('New', 'AwaitingQuote', 'Quoted', 'Consented') AND service_mode <> 'PhoneFix'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_tickets_waiting",
                table: "tickets");
        }
    }
}
