using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workforce.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class CurrentPostAndGrade : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CurrentGrade",
                table: "Workers",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CurrentPost",
                table: "Workers",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Reason",
                table: "PostAssignments",
                type: "nvarchar(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Reason",
                table: "GridAssignments",
                type: "nvarchar(max)",
                nullable: true);

            // Kept in step from now on by Worker; existing rows take the post and grade of their latest assignment.
            migrationBuilder.Sql("UPDATE \"Workers\" SET \"CurrentPost\" = (SELECT TOP 1 a.\"Post\" FROM \"PostAssignments\" a WHERE a.\"WorkerId\" = \"Workers\".\"Id\" ORDER BY a.\"Start\" DESC), \"CurrentGrade\" = (SELECT TOP 1 a.\"Grade\" FROM \"PostAssignments\" a WHERE a.\"WorkerId\" = \"Workers\".\"Id\" ORDER BY a.\"Start\" DESC)");

            migrationBuilder.CreateIndex(
                name: "IX_Workers_CurrentPost_CurrentGrade",
                table: "Workers",
                columns: new[] { "CurrentPost", "CurrentGrade" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Workers_CurrentPost_CurrentGrade",
                table: "Workers");

            migrationBuilder.DropColumn(
                name: "CurrentGrade",
                table: "Workers");

            migrationBuilder.DropColumn(
                name: "CurrentPost",
                table: "Workers");

            migrationBuilder.DropColumn(
                name: "Reason",
                table: "PostAssignments");

            migrationBuilder.DropColumn(
                name: "Reason",
                table: "GridAssignments");
        }
    }
}
