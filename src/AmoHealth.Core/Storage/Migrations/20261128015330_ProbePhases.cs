using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AmoHealth.Core.Storage.Migrations
{
    /// <inheritdoc />
    public partial class ProbePhases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "connect_ms",
                table: "health_checks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "dns_ms",
                table: "health_checks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "tls_ms",
                table: "health_checks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ttfb_ms",
                table: "health_checks",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "connect_ms",
                table: "health_checks");

            migrationBuilder.DropColumn(
                name: "dns_ms",
                table: "health_checks");

            migrationBuilder.DropColumn(
                name: "tls_ms",
                table: "health_checks");

            migrationBuilder.DropColumn(
                name: "ttfb_ms",
                table: "health_checks");
        }
    }
}
