using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workforce.Migrations.SqlServer.Migrations
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
                type: "int",
                nullable: false,
                defaultValue: 0);

            // Sessions planned before this release: their minutes from their times.
            migrationBuilder.Sql("UPDATE [CourseSessions] SET [Minutes] = DATEDIFF(minute, [StartTime], [EndTime]);");

            migrationBuilder.AddColumn<DateTime>(
                name: "SignedInAt",
                table: "Attendances",
                type: "datetime2",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ExternalTrainings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    WorkerId = table.Column<long>(type: "bigint", nullable: false),
                    Title = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Organiser = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Minutes = table.Column<int>(type: "int", nullable: false),
                    CertificateNumber = table.Column<string>(type: "nvarchar(max)", nullable: true)
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
