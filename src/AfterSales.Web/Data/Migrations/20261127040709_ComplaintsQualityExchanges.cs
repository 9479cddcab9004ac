using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ComplaintsQualityExchanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "exchange_requests",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false),
                    ticket_id = table.Column<long>(type: "bigint", nullable: false),
                    old_unit_id = table.Column<long>(type: "bigint", nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    evidence = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    requested_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    current_step = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    step_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    new_serial_number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    new_unit_id = table.Column<long>(type: "bigint", nullable: true),
                    handled_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    decisions = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exchange_requests", x => x.id);
                    table.ForeignKey(
                        name: "fk_exchange_requests_tickets_ticket_id",
                        column: x => x.ticket_id,
                        principalTable: "tickets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_exchange_requests_units_old_unit_id",
                        column: x => x.old_unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "quality_reports",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false),
                    product_model_id = table.Column<long>(type: "bigint", nullable: true),
                    batch_or_serial_range = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    fault = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    @class = table.Column<string>(name: "class", type: "character varying(32)", maxLength: 32, nullable: false),
                    severity = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    evidence = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    owner_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    raised_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    root_cause = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    corrective_action = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    verification = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    complaint_ids = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_quality_reports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "complaints",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false),
                    ticket_id = table.Column<long>(type: "bigint", nullable: false),
                    source = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    channel = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    unit_id = table.Column<long>(type: "bigint", nullable: true),
                    product_model_id = table.Column<long>(type: "bigint", nullable: true),
                    related_ticket_id = table.Column<long>(type: "bigint", nullable: true),
                    fault_category = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    customer_wants = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    handler_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    stage = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    quality_informed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    solution = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    person_sent = table.Column<bool>(type: "boolean", nullable: false),
                    result = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reported_up_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reported_up_to = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    proposed_class = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    proposal_evidence = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    @class = table.Column<string>(name: "class", type: "character varying(32)", maxLength: 32, nullable: true),
                    classified_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    classified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    quality_report_id = table.Column<long>(type: "bigint", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_complaints", x => x.id);
                    table.ForeignKey(
                        name: "fk_complaints_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_complaints_quality_reports_quality_report_id",
                        column: x => x.quality_report_id,
                        principalTable: "quality_reports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_complaints_tickets_ticket_id",
                        column: x => x.ticket_id,
                        principalTable: "tickets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_complaints_class_recorded_at",
                table: "complaints",
                columns: new[] { "class", "recorded_at" });

            migrationBuilder.CreateIndex(
                name: "ix_complaints_customer_id",
                table: "complaints",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_product_model_id_fault_category_recorded_at",
                table: "complaints",
                columns: new[] { "product_model_id", "fault_category", "recorded_at" });

            migrationBuilder.CreateIndex(
                name: "ix_complaints_quality_report_id",
                table: "complaints",
                column: "quality_report_id");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_recorded_at",
                table: "complaints",
                column: "recorded_at");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_ticket_id",
                table: "complaints",
                column: "ticket_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_exchange_requests_old_unit_id",
                table: "exchange_requests",
                column: "old_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_exchange_requests_status_step_due_at",
                table: "exchange_requests",
                columns: new[] { "status", "step_due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_exchange_requests_ticket_id",
                table: "exchange_requests",
                column: "ticket_id");

            migrationBuilder.CreateIndex(
                name: "ix_quality_reports_status_due_on",
                table: "quality_reports",
                columns: new[] { "status", "due_on" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "complaints");

            migrationBuilder.DropTable(
                name: "exchange_requests");

            migrationBuilder.DropTable(
                name: "quality_reports");
        }
    }
}
