using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workforce.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TrainingHoursAndSignIn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Minutes",
                table: "CourseSessions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Sessions planned before this release: their minutes from their times.
            migrationBuilder.Sql("UPDATE \"CourseSessions\" SET \"Minutes\" = (CAST(strftime('%s', \"EndTime\") AS INTEGER) - CAST(strftime('%s', \"StartTime\") AS INTEGER)) / 60;");

            migrationBuilder.AddColumn<DateTime>(
                name: "SignedInAt",
                table: "Attendances",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ExternalTrainings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkerId = table.Column<long>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", nullable: false),
                    Organiser = table.Column<string>(type: "TEXT", nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    CertificateNumber = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExternalTrainings", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CourseSessions_Date",
                table: "CourseSessions",
                column: "Date");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ExternalTrainings");

            migrationBuilder.DropIndex(
                name: "IX_CourseSessions_Date",
                table: "CourseSessions");

            migrationBuilder.DropColumn(
                name: "Minutes",
                table: "CourseSessions");

            migrationBuilder.DropColumn(
                name: "SignedInAt",
                table: "Attendances");
        }
    }
}
