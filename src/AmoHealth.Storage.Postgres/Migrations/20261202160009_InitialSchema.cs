using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AmoHealth.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "check_status",
                columns: table => new
                {
                    account = table.Column<string>(type: "text", nullable: false),
                    check_type = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    outcome = table.Column<string>(type: "text", nullable: false),
                    response_time = table.Column<int>(type: "integer", nullable: true),
                    last_check = table.Column<long>(type: "bigint", nullable: false),
                    error_message = table.Column<string>(type: "text", nullable: true),
                    http_status = table.Column<int>(type: "integer", nullable: true),
                    state = table.Column<string>(type: "text", nullable: false, defaultValue: "up"),
                    streak = table.Column<int>(type: "integer", nullable: false),
                    failing_since = table.Column<long>(type: "bigint", nullable: true),
                    incident_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_check_status", x => new { x.account, x.check_type });
                });

            migrationBuilder.CreateTable(
                name: "health_checks",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    timestamp = table.Column<long>(type: "bigint", nullable: false),
                    check_type = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    response_time = table.Column<int>(type: "integer", nullable: true),
                    error_message = table.Column<string>(type: "text", nullable: true),
                    account = table.Column<string>(type: "text", nullable: false),
                    outcome = table.Column<string>(type: "text", nullable: false),
                    http_status = table.Column<int>(type: "integer", nullable: true),
                    dns_ms = table.Column<int>(type: "integer", nullable: true),
                    connect_ms = table.Column<int>(type: "integer", nullable: true),
                    tls_ms = table.Column<int>(type: "integer", nullable: true),
                    ttfb_ms = table.Column<int>(type: "integer", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true, computedColumnSql: "to_timestamp(\"timestamp\" / 1000.0)", stored: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_health_checks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "incidents",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    check_type = table.Column<string>(type: "text", nullable: false),
                    start_time = table.Column<long>(type: "bigint", nullable: false),
                    end_time = table.Column<long>(type: "bigint", nullable: true),
                    duration = table.Column<long>(type: "bigint", nullable: true),
                    details = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<long>(type: "bigint", nullable: false),
                    account = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incidents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "probe_state",
                columns: table => new
                {
                    account = table.Column<string>(type: "text", nullable: false),
                    key = table.Column<string>(type: "text", nullable: false),
                    value = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_probe_state", x => new { x.account, x.key });
                });

            migrationBuilder.CreateTable(
                name: "rollup_day",
                columns: table => new
                {
                    account = table.Column<string>(type: "text", nullable: false),
                    check_type = table.Column<string>(type: "text", nullable: false),
                    bucket = table.Column<long>(type: "bigint", nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false),
                    up_count = table.Column<int>(type: "integer", nullable: false),
                    timed_count = table.Column<int>(type: "integer", nullable: false),
                    sum_ms = table.Column<long>(type: "bigint", nullable: false),
                    min_ms = table.Column<int>(type: "integer", nullable: true),
                    max_ms = table.Column<int>(type: "integer", nullable: true),
                    first_id = table.Column<long>(type: "bigint", nullable: false),
                    last_id = table.Column<long>(type: "bigint", nullable: false),
                    histogram = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rollup_day", x => new { x.account, x.check_type, x.bucket });
                });

            migrationBuilder.CreateTable(
                name: "rollup_hour",
                columns: table => new
                {
                    account = table.Column<string>(type: "text", nullable: false),
                    check_type = table.Column<string>(type: "text", nullable: false),
                    bucket = table.Column<long>(type: "bigint", nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false),
                    up_count = table.Column<int>(type: "integer", nullable: false),
                    timed_count = table.Column<int>(type: "integer", nullable: false),
                    sum_ms = table.Column<long>(type: "bigint", nullable: false),
                    min_ms = table.Column<int>(type: "integer", nullable: true),
                    max_ms = table.Column<int>(type: "integer", nullable: true),
                    first_id = table.Column<long>(type: "bigint", nullable: false),
                    last_id = table.Column<long>(type: "bigint", nullable: false),
                    histogram = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rollup_hour", x => new { x.account, x.check_type, x.bucket });
                });

            migrationBuilder.CreateTable(
                name: "rollup_minute",
                columns: table => new
                {
                    account = table.Column<string>(type: "text", nullable: false),
                    check_type = table.Column<string>(type: "text", nullable: false),
                    bucket = table.Column<long>(type: "bigint", nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false),
                    up_count = table.Column<int>(type: "integer", nullable: false),
                    timed_count = table.Column<int>(type: "integer", nullable: false),
                    sum_ms = table.Column<long>(type: "bigint", nullable: false),
                    min_ms = table.Column<int>(type: "integer", nullable: true),
                    max_ms = table.Column<int>(type: "integer", nullable: true),
                    first_id = table.Column<long>(type: "bigint", nullable: false),
                    last_id = table.Column<long>(type: "bigint", nullable: false),
                    histogram = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rollup_minute", x => new { x.account, x.check_type, x.bucket });
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    created_at = table.Column<long>(type: "bigint", nullable: false),
                    account = table.Column<string>(type: "text", nullable: false),
                    check_type = table.Column<string>(type: "text", nullable: false),
                    incident_id = table.Column<long>(type: "bigint", nullable: true),
                    channel = table.Column<string>(type: "text", nullable: false, defaultValue: "mattermost"),
                    kind = table.Column<string>(type: "text", nullable: false),
                    text = table.Column<string>(type: "text", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<long>(type: "bigint", nullable: false),
                    delivered_at = table.Column<long>(type: "bigint", nullable: true),
                    last_error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications", x => x.id);
                    table.ForeignKey(
                        name: "FK_notifications_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id");
                });

            migrationBuilder.CreateIndex(
                name: "ix_incidents_start",
                table: "incidents",
                column: "start_time");

            migrationBuilder.CreateIndex(
                name: "ux_incidents_open",
                table: "incidents",
                columns: new[] { "account", "check_type" },
                unique: true,
                filter: "end_time IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_notifications_incident_id",
                table: "notifications",
                column: "incident_id");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_pending",
                table: "notifications",
                columns: new[] { "delivered_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "check_status");

            migrationBuilder.DropTable(
                name: "health_checks");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "probe_state");

            migrationBuilder.DropTable(
                name: "rollup_day");

            migrationBuilder.DropTable(
                name: "rollup_hour");

            migrationBuilder.DropTable(
                name: "rollup_minute");

            migrationBuilder.DropTable(
                name: "incidents");
        }
    }
}
