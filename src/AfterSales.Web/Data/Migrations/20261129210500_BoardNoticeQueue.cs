using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Web.Data.Migrations
{
    /// <summary>The board's change notices go through the unlogged queue board_notices instead of NOTIFY inside each write (BoardEventsSql).</summary>
    [DbContext(typeof(AfterSalesDbContext))]
    [Migration("20261129210500_BoardNoticeQueue")]
    public partial class BoardNoticeQueue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Infrastructure.Dispatch.BoardEventsSql.QueueSql);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Infrastructure.Dispatch.BoardEventsSql.UnqueueSql);
    }
}
