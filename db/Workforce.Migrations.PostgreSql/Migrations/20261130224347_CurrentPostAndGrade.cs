using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workforce.Migrations.PostgreSql.Migrations
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
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CurrentPost",
                table: "Workers",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Reason",
                table: "PostAssignments",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Reason",
                table: "GridAssignments",
                type: "text",
                nullable: true);

            // Kept in step from now on by Worker; existing rows take the post and grade of their latest assignment.
            migrationBuilder.Sql("UPDATE \"Workers\" SET \"CurrentPost\" = (SELECT a.\"Post\" FROM \"PostAssignments\" a WHERE a.\"WorkerId\" = \"Workers\".\"Id\" ORDER BY a.\"Start\" DESC LIMIT 1), \"CurrentGrade\" = (SELECT a.\"Grade\" FROM \"PostAssignments\" a WHERE a.\"WorkerId\" = \"Workers\".\"Id\" ORDER BY a.\"Start\" DESC LIMIT 1)");

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
