using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Web.Data.Migrations
{
    /// <summary>Counters of tickets waiting for a visit and of tickets logged per quarter hour (WaitingCounters).</summary>
    [DbContext(typeof(AfterSalesDbContext))]
    [Migration("20261129185000_WaitingCounters")]
    public partial class WaitingCounters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Infrastructure.WaitingCounters.CreateSql);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Infrastructure.WaitingCounters.DropSql);
    }
}
