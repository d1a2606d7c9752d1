using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Workforce.Migrations.PostgreSql.Migrations
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Sessions planned before this release: their minutes from their times.
            migrationBuilder.Sql("UPDATE \"CourseSessions\" SET \"Minutes\" = CAST(EXTRACT(EPOCH FROM (\"EndTime\" - \"StartTime\")) / 60 AS integer);");

            migrationBuilder.AddColumn<DateTime>(
                name: "SignedInAt",
                table: "Attendances",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ExternalTrainings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WorkerId = table.Column<long>(type: "bigint", nullable: false),
                    Title = table.Column<string>(type: "text", nullable: false),
                    Organiser = table.Column<string>(type: "text", nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Minutes = table.Column<int>(type: "integer", nullable: false),
                    CertificateNumber = table.Column<string>(type: "text", nullable: true)
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
