using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workforce.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class ApplicantWorkHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DeclaredCommunityMonths",
                table: "Applicants",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PensionRecordMonths",
                table: "Applicants",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DeclaredCommunityMonths",
                table: "Applicants");

            migrationBuilder.DropColumn(
                name: "PensionRecordMonths",
                table: "Applicants");
        }
    }
}
