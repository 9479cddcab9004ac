using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Web.Data.Migrations
{
    /// <summary>The id of the last transaction that changed the reward and penalty records (ChangeStamps), so a page can keep what it worked out from them.</summary>
    [DbContext(typeof(AfterSalesDbContext))]
    [Migration("20261130061000_DisciplineChangeStamp")]
    public partial class DisciplineChangeStamp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Infrastructure.ChangeStamps.CreateSql);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Infrastructure.ChangeStamps.DropSql);
    }
}
