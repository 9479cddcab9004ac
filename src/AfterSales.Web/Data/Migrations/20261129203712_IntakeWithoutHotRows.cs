using System;
using AfterSales.Web.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class IntakeWithoutHotRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateSequence(
                name: "ticket_number_seq");

            migrationBuilder.CreateTable(
                name: "ticket_number_days",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    @base = table.Column<long>(name: "base", type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ticket_number_days", x => x.day);
                });

            // Each day already numbered continues after its last number: the sequence stands at 1, so base = 1 - last.
            migrationBuilder.Sql(
                """
                SELECT setval('ticket_number_seq', 1, true);
                INSERT INTO ticket_number_days (day, base) SELECT day, 1 - last FROM ticket_number_counters;
                """);
            migrationBuilder.DropTable(
                name: "ticket_number_counters");

            migrationBuilder.Sql(CounterStripes.CreateSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(CounterStripes.DropSql);

            migrationBuilder.CreateTable(
                name: "ticket_number_counters",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    last = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ticket_number_counters", x => x.day);
                });
            migrationBuilder.Sql(
                """
                INSERT INTO ticket_number_counters (day, last)
                SELECT day, (SELECT last_value FROM ticket_number_seq) - base FROM ticket_number_days;
                """);

            migrationBuilder.DropTable(
                name: "ticket_number_days");

            migrationBuilder.DropSequence(
                name: "ticket_number_seq");
        }
    }
}
