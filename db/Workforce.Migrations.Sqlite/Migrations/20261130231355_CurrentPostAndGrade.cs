using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workforce.Migrations.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CurrentPost",
                table: "Workers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Reason",
                table: "PostAssignments",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ContributionBases",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkerId = table.Column<long>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    BaseFen = table.Column<long>(type: "INTEGER", nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContributionBases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContributionBases_Workers_WorkerId",
                        column: x => x.WorkerId,
                        principalTable: "Workers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            // Kept in step from now on by Worker; existing rows take the post and grade of their latest assignment.
            migrationBuilder.Sql("UPDATE \"Workers\" SET \"CurrentPost\" = (SELECT a.\"Post\" FROM \"PostAssignments\" a WHERE a.\"WorkerId\" = \"Workers\".\"Id\" ORDER BY a.\"Start\" DESC LIMIT 1), \"CurrentGrade\" = (SELECT a.\"Grade\" FROM \"PostAssignments\" a WHERE a.\"WorkerId\" = \"Workers\".\"Id\" ORDER BY a.\"Start\" DESC LIMIT 1)");

            migrationBuilder.CreateIndex(
                name: "IX_Workers_CurrentPost_CurrentGrade",
                table: "Workers",
                columns: new[] { "CurrentPost", "CurrentGrade" });

            migrationBuilder.CreateIndex(
                name: "IX_ContributionBases_WorkerId_Year",
                table: "ContributionBases",
                columns: new[] { "WorkerId", "Year" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContributionBases");

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
        }
    }
}
