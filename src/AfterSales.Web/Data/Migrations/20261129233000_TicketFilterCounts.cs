using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Web.Data.Migrations
{
    /// <summary>The ticket list's true total: tickets per status, kind, channel, warranty and urgency kept by triggers (TicketCounts).</summary>
    [DbContext(typeof(AfterSalesDbContext))]
    [Migration("20261129233000_TicketFilterCounts")]
    public partial class TicketFilterCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Infrastructure.TicketCounts.CreateSql);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Infrastructure.TicketCounts.DropSql);
    }
}
