using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workforce.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class PostOpeningRatio : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AnnouncedQuota",
                table: "RoundPosts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "MergeInto",
                table: "RoundPosts",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Opening",
                table: "RoundPosts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "OpeningRatio",
                table: "RoundPosts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "RegisteredAtClose",
                table: "RoundPosts",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ShortfallAction",
                table: "RoundPosts",
                type: "integer",
                nullable: false,
                defaultValue: 0);
            // Posts announced before: their places as announced, and the default action (核减).
            migrationBuilder.Sql("UPDATE \"RoundPosts\" SET \"AnnouncedQuota\" = \"Quota\", \"ShortfallAction\" = 1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AnnouncedQuota",
                table: "RoundPosts");

            migrationBuilder.DropColumn(
                name: "MergeInto",
                table: "RoundPosts");

            migrationBuilder.DropColumn(
                name: "Opening",
                table: "RoundPosts");

            migrationBuilder.DropColumn(
                name: "OpeningRatio",
                table: "RoundPosts");

            migrationBuilder.DropColumn(
                name: "RegisteredAtClose",
                table: "RoundPosts");

            migrationBuilder.DropColumn(
                name: "ShortfallAction",
                table: "RoundPosts");
        }
    }
}
