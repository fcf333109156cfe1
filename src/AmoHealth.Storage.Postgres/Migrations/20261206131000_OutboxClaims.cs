using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AmoHealth.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OutboxClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "claimed_at",
                table: "notifications",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "claimed_fence",
                table: "notifications",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "accounts",
                table: "leases",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "claimed_at",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "claimed_fence",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "accounts",
                table: "leases");
        }
    }
}
