using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workforce.Migrations.SqlServer.Migrations
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
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ChosenCommunityId",
                table: "Applicants",
                type: "bigint",
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
