using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Web.Data.Migrations
{
    /// <summary>
    /// Any part of a ticket number (3+ characters) found through a trigram index, so the board's number search reads
    /// the few tickets that hold it instead of walking every waiting ticket (kept beside the unique prefix index).
    /// </summary>
    [DbContext(typeof(AfterSalesDbContext))]
    [Migration("20261130070000_TicketNumberTrigram")]
    public partial class TicketNumberTrigram : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_tickets_number_trgm ON tickets USING gin (number gin_trgm_ops);");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_tickets_number_trgm;");
    }
}
