using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workforce.Migrations.SqlServer.Migrations
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
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PensionRecordMonths",
                table: "Applicants",
                type: "int",
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
