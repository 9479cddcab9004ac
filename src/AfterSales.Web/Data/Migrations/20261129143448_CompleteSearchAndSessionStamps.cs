using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class CompleteSearchAndSessionStamps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string[]>(
                name: "search_grams",
                table: "tickets",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.CreateIndex(
                name: "ix_tickets_search_grams",
                table: "tickets",
                column: "search_grams")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.Sql(SearchText.CreateSql);
            migrationBuilder.Sql(Infrastructure.Identity.SessionStampSql.CreateSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Infrastructure.Identity.SessionStampSql.DropSql);
            migrationBuilder.Sql(SearchText.DropSql);

            migrationBuilder.DropIndex(
                name: "ix_tickets_search_grams",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "search_grams",
                table: "tickets");
        }
    }
}
