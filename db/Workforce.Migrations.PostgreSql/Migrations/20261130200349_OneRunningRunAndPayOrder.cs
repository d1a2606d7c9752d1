using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workforce.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class OneRunningRunAndPayOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PayrollStarts",
                columns: table => new
                {
                    DistrictId = table.Column<long>(type: "bigint", nullable: false),
                    FirstMonth = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    ChosenBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ChosenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PayrollStarts", x => x.DistrictId);
                    table.ForeignKey(
                        name: "FK_PayrollStarts_OrgUnits_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            // Runs left "running" by the old, non-atomic start (several per period at worst) are ended as interrupted so the
            // index can be created; upgrade with no run in progress (the release notes say so).
            migrationBuilder.Sql("UPDATE \"PayrollRuns\" SET \"Status\" = 5 WHERE \"Status\" = 1");

            migrationBuilder.CreateIndex(
                name: "IX_PayrollRuns_OneRunning",
                table: "PayrollRuns",
                column: "PeriodId",
                unique: true,
                filter: "\"Status\" = 1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PayrollStarts");

            migrationBuilder.DropIndex(
                name: "IX_PayrollRuns_OneRunning",
                table: "PayrollRuns");
        }
    }
}
