using AfterSales.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Web.Data.Migrations
{
    /// <summary>Signed-out sessions, refused on every instance until their absolute lifetime is over (SessionStamps).</summary>
    [DbContext(typeof(AfterSalesDbContext))]
    [Migration("20261129203000_EndedSessions")]
    public partial class EndedSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(EndedSessionsSql.CreateSql);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(EndedSessionsSql.DropSql);
    }
}
