using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workforce.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class PayslipLockedFiguresIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Payslips_LockedFigures",
                table: "Payslips",
                columns: new[] { "PeriodId", "WorkerId", "Month", "FactsHash", "HasRetro", "TaxableIncomeFen", "SpecialDeductionsFen", "AdditionalDeductionsFen", "TaxThisMonthFen", "GrossFen", "EmployerFen", "ReserveFen" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Payslips_LockedFigures",
                table: "Payslips");
        }
    }
}
