using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AmoHealth.Core.Storage.Migrations
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
                    account = table.Column<string>(type: "TEXT", nullable: false),
                    check_type = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", nullable: false),
                    outcome = table.Column<string>(type: "TEXT", nullable: false),
                    response_time = table.Column<int>(type: "INTEGER", nullable: true),
                    last_check = table.Column<long>(type: "INTEGER", nullable: false),
                    error_message = table.Column<string>(type: "TEXT", nullable: true),
                    http_status = table.Column<int>(type: "INTEGER", nullable: true),
                    state = table.Column<string>(type: "TEXT", nullable: false, defaultValue: "up"),
                    streak = table.Column<int>(type: "INTEGER", nullable: false),
                    failing_since = table.Column<long>(type: "INTEGER", nullable: true),
                    incident_id = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_check_status", x => new { x.account, x.check_type });
                });

            migrationBuilder.CreateTable(
                name: "health_checks",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    timestamp = table.Column<long>(type: "INTEGER", nullable: false),
                    check_type = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", nullable: false),
                    response_time = table.Column<int>(type: "INTEGER", nullable: true),
                    error_message = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "DATETIME", nullable: false),
                    account = table.Column<string>(type: "TEXT", nullable: false),
                    outcome = table.Column<string>(type: "TEXT", nullable: false),
                    http_status = table.Column<int>(type: "INTEGER", nullable: true),
                    dns_ms = table.Column<int>(type: "INTEGER", nullable: true),
                    connect_ms = table.Column<int>(type: "INTEGER", nullable: true),
                    tls_ms = table.Column<int>(type: "INTEGER", nullable: true),
                    ttfb_ms = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_health_checks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "incidents",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    check_type = table.Column<string>(type: "TEXT", nullable: false),
                    start_time = table.Column<long>(type: "INTEGER", nullable: false),
                    end_time = table.Column<long>(type: "INTEGER", nullable: true),
                    duration = table.Column<long>(type: "INTEGER", nullable: true),
                    details = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "DATETIME", nullable: false),
                    account = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incidents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "probe_state",
                columns: table => new
                {
                    account = table.Column<string>(type: "TEXT", nullable: false),
                    key = table.Column<string>(type: "TEXT", nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_probe_state", x => new { x.account, x.key });
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    account = table.Column<string>(type: "TEXT", nullable: false),
                    check_type = table.Column<string>(type: "TEXT", nullable: false),
                    incident_id = table.Column<long>(type: "INTEGER", nullable: true),
                    channel = table.Column<string>(type: "TEXT", nullable: false, defaultValue: "mattermost"),
                    kind = table.Column<string>(type: "TEXT", nullable: false),
                    text = table.Column<string>(type: "TEXT", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    next_attempt_at = table.Column<long>(type: "INTEGER", nullable: false),
                    delivered_at = table.Column<long>(type: "INTEGER", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", nullable: true)
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
                name: "ix_health_checks_series",
                table: "health_checks",
                columns: new[] { "account", "check_type", "timestamp" });

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
                name: "incidents");
        }
    }
}
