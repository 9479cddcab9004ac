using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Web.Data.Migrations
{
    /// <summary>
    /// The value objects kept as jsonb are now mapped by EF's own JSON mapping (complex types and collections) instead
    /// of a value converter. The stored shape is unchanged (camelCase names, enums by name), so no row is rewritten
    /// and no column changes. EF's JSON mapping cannot declare a column default, so it would drop the '[]' defaults
    /// of tickets.repeat_calls and work_orders.extra_services; they are kept on purpose: bulk inserts (seeding by
    /// COPY) leave those columns out and rely on them.
    /// </summary>
    public partial class JsonMapping : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
