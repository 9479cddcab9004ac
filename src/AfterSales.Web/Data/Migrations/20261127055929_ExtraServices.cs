using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ExtraServices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "extra_services",
                table: "work_orders",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb");

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_completed_at_extra_services",
                table: "work_orders",
                column: "completed_at",
                filter: "extra_services <> '[]'::jsonb");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_work_orders_completed_at_extra_services",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "extra_services",
                table: "work_orders");
        }
    }
}
