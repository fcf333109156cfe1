using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AmoHealth.Core.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Promises : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "bad_minutes",
                table: "rollup_minute",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "excluded_minutes",
                table: "rollup_minute",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "good_minutes",
                table: "rollup_minute",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "maintenance_minutes",
                table: "rollup_minute",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "bad_minutes",
                table: "rollup_hour",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "excluded_minutes",
                table: "rollup_hour",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "good_minutes",
                table: "rollup_hour",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "maintenance_minutes",
                table: "rollup_hour",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "bad_minutes",
                table: "rollup_day",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "excluded_minutes",
                table: "rollup_day",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "good_minutes",
                table: "rollup_day",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "maintenance_minutes",
                table: "rollup_day",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "slo_alerts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    account = table.Column<string>(type: "TEXT", nullable: false),
                    check_type = table.Column<string>(type: "TEXT", nullable: false),
                    rule = table.Column<string>(type: "TEXT", nullable: false),
                    severity = table.Column<string>(type: "TEXT", nullable: false),
                    target = table.Column<double>(type: "REAL", nullable: false),
                    long_burn = table.Column<double>(type: "REAL", nullable: false),
                    short_burn = table.Column<double>(type: "REAL", nullable: false),
                    opened_at = table.Column<long>(type: "INTEGER", nullable: false),
                    closed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    acknowledged_by = table.Column<string>(type: "TEXT", nullable: true),
                    acknowledged_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_slo_alerts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "status_pages",
                columns: table => new
                {
                    slug = table.Column<string>(type: "TEXT", nullable: false),
                    account = table.Column<string>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", nullable: true),
                    min_incident_minutes = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 0),
                    indexing = table.Column<bool>(type: "INTEGER", nullable: false, defaultValue: false),
                    created_by = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_status_pages", x => x.slug);
                });

            migrationBuilder.CreateIndex(
                name: "ix_slo_alerts_opened",
                table: "slo_alerts",
                column: "opened_at");

            migrationBuilder.CreateIndex(
                name: "ux_slo_alerts_open",
                table: "slo_alerts",
                columns: new[] { "account", "check_type", "rule" },
                unique: true,
                filter: "closed_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "slo_alerts");

            migrationBuilder.DropTable(
                name: "status_pages");

            migrationBuilder.DropColumn(
                name: "bad_minutes",
                table: "rollup_minute");

            migrationBuilder.DropColumn(
                name: "excluded_minutes",
                table: "rollup_minute");

            migrationBuilder.DropColumn(
                name: "good_minutes",
                table: "rollup_minute");

            migrationBuilder.DropColumn(
                name: "maintenance_minutes",
                table: "rollup_minute");

            migrationBuilder.DropColumn(
                name: "bad_minutes",
                table: "rollup_hour");

            migrationBuilder.DropColumn(
                name: "excluded_minutes",
                table: "rollup_hour");

            migrationBuilder.DropColumn(
                name: "good_minutes",
                table: "rollup_hour");

            migrationBuilder.DropColumn(
                name: "maintenance_minutes",
                table: "rollup_hour");

            migrationBuilder.DropColumn(
                name: "bad_minutes",
                table: "rollup_day");

            migrationBuilder.DropColumn(
                name: "excluded_minutes",
                table: "rollup_day");

            migrationBuilder.DropColumn(
                name: "good_minutes",
                table: "rollup_day");

            migrationBuilder.DropColumn(
                name: "maintenance_minutes",
                table: "rollup_day");
        }
    }
}
