using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AmoHealth.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OnCall : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "acknowledged_at",
                table: "incidents",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "acknowledged_by",
                table: "incidents",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "escalated_at",
                table: "incidents",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "escalation_step",
                table: "incidents",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "maintenance",
                table: "health_checks",
                type: "boolean",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "incident_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    incident_id = table.Column<long>(type: "bigint", nullable: false),
                    at = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    actor = table.Column<string>(type: "text", nullable: true),
                    text = table.Column<string>(type: "text", nullable: true),
                    @public = table.Column<bool>(name: "public", type: "boolean", nullable: false, defaultValue: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incident_events", x => x.id);
                    table.ForeignKey(
                        name: "FK_incident_events_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "maintenance_windows",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    account = table.Column<string>(type: "text", nullable: true),
                    starts_at = table.Column<long>(type: "bigint", nullable: true),
                    ends_at = table.Column<long>(type: "bigint", nullable: true),
                    weekday = table.Column<int>(type: "integer", nullable: true),
                    start_time = table.Column<string>(type: "text", nullable: true),
                    duration_minutes = table.Column<int>(type: "integer", nullable: true),
                    time_zone = table.Column<string>(type: "text", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<long>(type: "bigint", nullable: false),
                    deleted_at = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_maintenance_windows", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "silences",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    account = table.Column<string>(type: "text", nullable: false),
                    check_type = table.Column<string>(type: "text", nullable: true),
                    starts_at = table.Column<long>(type: "bigint", nullable: false),
                    ends_at = table.Column<long>(type: "bigint", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<long>(type: "bigint", nullable: false),
                    ended_at = table.Column<long>(type: "bigint", nullable: true),
                    ended_by = table.Column<string>(type: "text", nullable: true),
                    end_on_recovery = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_silences", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_incident_events_incident",
                table: "incident_events",
                columns: new[] { "incident_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_silences_ends",
                table: "silences",
                column: "ends_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "incident_events");

            migrationBuilder.DropTable(
                name: "maintenance_windows");

            migrationBuilder.DropTable(
                name: "silences");

            migrationBuilder.DropColumn(
                name: "acknowledged_at",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "acknowledged_by",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "escalated_at",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "escalation_step",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "maintenance",
                table: "health_checks");
        }
    }
}
