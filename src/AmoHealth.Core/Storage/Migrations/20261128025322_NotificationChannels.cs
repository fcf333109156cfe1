using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AmoHealth.Core.Storage.Migrations
{
    /// <inheritdoc />
    public partial class NotificationChannels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "channel",
                table: "notifications",
                type: "TEXT",
                nullable: false,
                defaultValue: "mattermost");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "channel",
                table: "notifications");
        }
    }
}
