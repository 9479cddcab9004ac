using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Web.Data.Migrations
{
    /// <summary>Counters behind the dashboard's customer and unit tiles, kept by statement triggers (DashboardCounters).</summary>
    [DbContext(typeof(AfterSalesDbContext))]
    [Migration("20261129151500_DashboardCounters")]
    public partial class DashboardCounters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Infrastructure.DashboardCounters.CreateSql);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Infrastructure.DashboardCounters.DropSql);
    }
}
