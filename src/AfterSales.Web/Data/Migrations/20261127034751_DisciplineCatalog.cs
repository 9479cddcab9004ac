using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class DisciplineCatalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "discipline_rules",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false),
                    article = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    text_zh = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    text_en = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    audience = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    level = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    cash_amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    trigger = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    threshold = table.Column<decimal>(type: "numeric(8,4)", precision: 8, scale: 4, nullable: true),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_discipline_rules", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "discipline_records",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false),
                    employee_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    rule_id = table.Column<long>(type: "bigint", nullable: false),
                    article = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    rule_text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    level = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    points = table.Column<int>(type: "integer", nullable: false),
                    cash_amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    fact_date = table.Column<DateOnly>(type: "date", nullable: false),
                    evidence = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    proposed_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    proposed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    source_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    decided_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decision_note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    appeal_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    appealed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    appeal_decided_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    appeal_decision_note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    reverses_record_id = table.Column<long>(type: "bigint", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    links = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_discipline_records", x => x.id);
                    table.ForeignKey(
                        name: "fk_discipline_records_asp_net_users_employee_id",
                        column: x => x.employee_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_discipline_records_discipline_records_reverses_record_id",
                        column: x => x.reverses_record_id,
                        principalTable: "discipline_records",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_discipline_records_discipline_rules_rule_id",
                        column: x => x.rule_id,
                        principalTable: "discipline_rules",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_discipline_records_employee_id_fact_date",
                table: "discipline_records",
                columns: new[] { "employee_id", "fact_date" });

            migrationBuilder.CreateIndex(
                name: "ix_discipline_records_reverses_record_id",
                table: "discipline_records",
                column: "reverses_record_id");

            migrationBuilder.CreateIndex(
                name: "ix_discipline_records_rule_id",
                table: "discipline_records",
                column: "rule_id");

            migrationBuilder.CreateIndex(
                name: "ix_discipline_records_source_key",
                table: "discipline_records",
                column: "source_key",
                unique: true,
                filter: "source_key IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_discipline_records_status_proposed_at",
                table: "discipline_records",
                columns: new[] { "status", "proposed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_discipline_rules_article",
                table: "discipline_rules",
                column: "article",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "discipline_records");

            migrationBuilder.DropTable(
                name: "discipline_rules");
        }
    }
}
