using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workforce.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PeriodCalculatedBy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CalculatedBy",
                table: "PayPeriods",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            // Periods computed before: who started the run they hold.
            migrationBuilder.Sql("UPDATE \"PayPeriods\" SET \"CalculatedBy\" = (SELECT r.\"StartedBy\" FROM \"PayrollRuns\" r WHERE r.\"Id\" = \"PayPeriods\".\"RunId\") WHERE \"RunId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CalculatedBy",
                table: "PayPeriods");
        }
    }
}
