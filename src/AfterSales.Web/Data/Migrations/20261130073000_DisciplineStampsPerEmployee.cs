using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Web.Data.Migrations
{
    /// <summary>The reward and penalty records' change stamp per employee as well (ChangeStamps.PerEmployeeSql).</summary>
    [DbContext(typeof(AfterSalesDbContext))]
    [Migration("20261130073000_DisciplineStampsPerEmployee")]
    public partial class DisciplineStampsPerEmployee : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Infrastructure.ChangeStamps.PerEmployeeSql);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Infrastructure.ChangeStamps.PerEmployeeDropSql);
    }
}
