using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AmoHealth.Core.Storage.Migrations
{
    /// <inheritdoc />
    public partial class CompactResultsAndRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_health_checks_series",
                table: "health_checks");

            migrationBuilder.AlterColumn<string>(
                name: "created_at",
                table: "health_checks",
                type: "DATETIME",
                nullable: true,
                computedColumnSql: "datetime(\"timestamp\" / 1000, 'unixepoch')",
                stored: false,
                oldClrType: typeof(long),
                oldType: "DATETIME");

            migrationBuilder.CreateTable(
                name: "rollup_day",
                columns: table => new
                {
                    account = table.Column<string>(type: "TEXT", nullable: false),
                    check_type = table.Column<string>(type: "TEXT", nullable: false),
                    bucket = table.Column<long>(type: "INTEGER", nullable: false),
                    count = table.Column<int>(type: "INTEGER", nullable: false),
                    up_count = table.Column<int>(type: "INTEGER", nullable: false),
                    timed_count = table.Column<int>(type: "INTEGER", nullable: false),
                    sum_ms = table.Column<long>(type: "INTEGER", nullable: false),
                    min_ms = table.Column<int>(type: "INTEGER", nullable: true),
                    max_ms = table.Column<int>(type: "INTEGER", nullable: true),
                    first_id = table.Column<long>(type: "INTEGER", nullable: false),
                    last_id = table.Column<long>(type: "INTEGER", nullable: false),
                    histogram = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rollup_day", x => new { x.account, x.check_type, x.bucket });
                });

            migrationBuilder.CreateTable(
                name: "rollup_hour",
                columns: table => new
                {
                    account = table.Column<string>(type: "TEXT", nullable: false),
                    check_type = table.Column<string>(type: "TEXT", nullable: false),
                    bucket = table.Column<long>(type: "INTEGER", nullable: false),
                    count = table.Column<int>(type: "INTEGER", nullable: false),
                    up_count = table.Column<int>(type: "INTEGER", nullable: false),
                    timed_count = table.Column<int>(type: "INTEGER", nullable: false),
                    sum_ms = table.Column<long>(type: "INTEGER", nullable: false),
                    min_ms = table.Column<int>(type: "INTEGER", nullable: true),
                    max_ms = table.Column<int>(type: "INTEGER", nullable: true),
                    first_id = table.Column<long>(type: "INTEGER", nullable: false),
                    last_id = table.Column<long>(type: "INTEGER", nullable: false),
                    histogram = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rollup_hour", x => new { x.account, x.check_type, x.bucket });
                });

            migrationBuilder.CreateTable(
                name: "rollup_minute",
                columns: table => new
                {
                    account = table.Column<string>(type: "TEXT", nullable: false),
                    check_type = table.Column<string>(type: "TEXT", nullable: false),
                    bucket = table.Column<long>(type: "INTEGER", nullable: false),
                    count = table.Column<int>(type: "INTEGER", nullable: false),
                    up_count = table.Column<int>(type: "INTEGER", nullable: false),
                    timed_count = table.Column<int>(type: "INTEGER", nullable: false),
                    sum_ms = table.Column<long>(type: "INTEGER", nullable: false),
                    min_ms = table.Column<int>(type: "INTEGER", nullable: true),
                    max_ms = table.Column<int>(type: "INTEGER", nullable: true),
                    first_id = table.Column<long>(type: "INTEGER", nullable: false),
                    last_id = table.Column<long>(type: "INTEGER", nullable: false),
                    histogram = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rollup_minute", x => new { x.account, x.check_type, x.bucket });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "rollup_day");

            migrationBuilder.DropTable(
                name: "rollup_hour");

            migrationBuilder.DropTable(
                name: "rollup_minute");

            migrationBuilder.AlterColumn<long>(
                name: "created_at",
                table: "health_checks",
                type: "DATETIME",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(string),
                oldType: "DATETIME",
                oldNullable: true,
                oldComputedColumnSql: "datetime(\"timestamp\" / 1000, 'unixepoch')");

            migrationBuilder.CreateIndex(
                name: "ix_health_checks_series",
                table: "health_checks",
                columns: new[] { "account", "check_type", "timestamp" });
        }
    }
}
