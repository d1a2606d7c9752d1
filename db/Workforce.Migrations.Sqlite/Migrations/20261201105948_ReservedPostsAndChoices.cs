using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workforce.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReservedPostsAndChoices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReservedFor",
                table: "RoundPosts",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ChosenCommunityId",
                table: "Applicants",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReservedFor",
                table: "RoundPosts");

            migrationBuilder.DropColumn(
                name: "ChosenCommunityId",
                table: "Applicants");
        }
    }
}
