using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class FieldWork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "related_ticket_id",
                table: "tickets",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "availability_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false),
                    technician_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    from = table.Column<DateOnly>(type: "date", nullable: false),
                    to = table.Column<DateOnly>(type: "date", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_availability_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_availability_entries_asp_net_users_technician_id",
                        column: x => x.technician_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "calendar_days",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_calendar_days", x => x.day);
                });

            migrationBuilder.CreateTable(
                name: "dispatch_decisions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false),
                    ticket_id = table.Column<long>(type: "bigint", nullable: false),
                    work_order_id = table.Column<long>(type: "bigint", nullable: false),
                    required_skill = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    suggested_technician_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    chosen_technician_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    override_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    decided_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    skips = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dispatch_decisions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "rotation_pointers",
                columns: table => new
                {
                    skill = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    last_position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rotation_pointers", x => x.skill);
                });

            migrationBuilder.CreateTable(
                name: "technician_profiles",
                columns: table => new
                {
                    technician_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    skills = table.Column<string[]>(type: "text[]", nullable: false),
                    open_job_limit = table.Column<int>(type: "integer", nullable: false),
                    hourly_rate = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_technician_profiles", x => x.technician_id);
                    table.ForeignKey(
                        name: "fk_technician_profiles_asp_net_users_technician_id",
                        column: x => x.technician_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "work_orders",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false),
                    ticket_id = table.Column<long>(type: "bigint", nullable: false),
                    technician_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    appointment_date = table.Column<DateOnly>(type: "date", nullable: false),
                    appointment_slot = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    assigned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    assigned_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    accepted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    arrived_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    unit_complete = table.Column<bool>(type: "boolean", nullable: true),
                    arrival_note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    diagnosis = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    human_damage = table.Column<bool>(type: "boolean", nullable: false),
                    diagnosed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    labour_hours = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    hourly_rate = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    travel_cost = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    travel_note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    unfinished_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    next_visit_on = table.Column<DateOnly>(type: "date", nullable: true),
                    shipment_reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    customer_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    signature = table.Column<byte[]>(type: "bytea", nullable: true),
                    customer_opinion = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    handed_in_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    handed_in_to = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    clock_kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    clock_started_on = table.Column<DateOnly>(type: "date", nullable: true),
                    clock_working_days = table.Column<int>(type: "integer", nullable: false),
                    original_deadline = table.Column<DateOnly>(type: "date", nullable: true),
                    deadline = table.Column<DateOnly>(type: "date", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    appointment_changes = table.Column<string>(type: "jsonb", nullable: false),
                    clock_extensions = table.Column<string>(type: "jsonb", nullable: false),
                    parts = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_orders", x => x.id);
                    table.ForeignKey(
                        name: "fk_work_orders_tickets_ticket_id",
                        column: x => x.ticket_id,
                        principalTable: "tickets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "follow_ups",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false),
                    ticket_id = table.Column<long>(type: "bigint", nullable: false),
                    work_order_id = table.Column<long>(type: "bigint", nullable: false),
                    technician_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    attitude = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    competence = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    speed = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    result = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    done_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    complaint_ticket_id = table.Column<long>(type: "bigint", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    attempts = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_follow_ups", x => x.id);
                    table.ForeignKey(
                        name: "fk_follow_ups_tickets_ticket_id",
                        column: x => x.ticket_id,
                        principalTable: "tickets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_follow_ups_work_orders_work_order_id",
                        column: x => x.work_order_id,
                        principalTable: "work_orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_tickets_related_ticket_id",
                table: "tickets",
                column: "related_ticket_id");

            migrationBuilder.CreateIndex(
                name: "ix_availability_entries_technician_id_from_to",
                table: "availability_entries",
                columns: new[] { "technician_id", "from", "to" });

            migrationBuilder.CreateIndex(
                name: "ix_dispatch_decisions_ticket_id",
                table: "dispatch_decisions",
                column: "ticket_id");

            migrationBuilder.CreateIndex(
                name: "ix_follow_ups_status_due_on",
                table: "follow_ups",
                columns: new[] { "status", "due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_follow_ups_technician_id_done_at",
                table: "follow_ups",
                columns: new[] { "technician_id", "done_at" });

            migrationBuilder.CreateIndex(
                name: "ix_follow_ups_ticket_id",
                table: "follow_ups",
                column: "ticket_id");

            migrationBuilder.CreateIndex(
                name: "ix_follow_ups_work_order_id",
                table: "follow_ups",
                column: "work_order_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_deadline",
                table: "work_orders",
                column: "deadline",
                filter: "status <> 'Completed'");

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_technician_id_status_appointment_date",
                table: "work_orders",
                columns: new[] { "technician_id", "status", "appointment_date" });

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_ticket_id_assigned_at",
                table: "work_orders",
                columns: new[] { "ticket_id", "assigned_at" });

            migrationBuilder.AddForeignKey(
                name: "fk_tickets_tickets_related_ticket_id",
                table: "tickets",
                column: "related_ticket_id",
                principalTable: "tickets",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_tickets_tickets_related_ticket_id",
                table: "tickets");

            migrationBuilder.DropTable(
                name: "availability_entries");

            migrationBuilder.DropTable(
                name: "calendar_days");

            migrationBuilder.DropTable(
                name: "dispatch_decisions");

            migrationBuilder.DropTable(
                name: "follow_ups");

            migrationBuilder.DropTable(
                name: "rotation_pointers");

            migrationBuilder.DropTable(
                name: "technician_profiles");

            migrationBuilder.DropTable(
                name: "work_orders");

            migrationBuilder.DropIndex(
                name: "ix_tickets_related_ticket_id",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "related_ticket_id",
                table: "tickets");
        }
    }
}
