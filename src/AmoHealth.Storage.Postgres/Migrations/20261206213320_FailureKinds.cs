using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AmoHealth.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class FailureKinds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "failure_kind",
                table: "health_checks",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "failure_kind",
                table: "check_status",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "failure_kind",
                table: "health_checks");

            migrationBuilder.DropColumn(
                name: "failure_kind",
                table: "check_status");
        }
    }
}
