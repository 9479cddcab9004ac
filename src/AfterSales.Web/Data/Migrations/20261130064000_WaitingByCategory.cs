using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Web.Data.Migrations
{
    /// <summary>The board's waiting counters per urgency and product category (WaitingByCategory).</summary>
    [DbContext(typeof(AfterSalesDbContext))]
    [Migration("20261130064000_WaitingByCategory")]
    public partial class WaitingByCategory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Infrastructure.WaitingByCategory.CreateSql);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Infrastructure.WaitingByCategory.DropSql);
    }
}
