using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workforce.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ApprovedBankAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ApprovedBankAccounts",
                columns: table => new
                {
                    PeriodId = table.Column<long>(type: "bigint", nullable: false),
                    WorkerId = table.Column<long>(type: "bigint", nullable: false),
                    BankName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    NumberEncrypted = table.Column<string>(type: "nvarchar(160)", maxLength: 160, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApprovedBankAccounts", x => new { x.PeriodId, x.WorkerId });
                    table.ForeignKey(
                        name: "FK_ApprovedBankAccounts_PayPeriods_PeriodId",
                        column: x => x.PeriodId,
                        principalTable: "PayPeriods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ApprovedBankAccounts_Workers_WorkerId",
                        column: x => x.WorkerId,
                        principalTable: "Workers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApprovedBankAccounts_WorkerId",
                table: "ApprovedBankAccounts",
                column: "WorkerId");

            // Periods approved before this release: their accounts as they stand now (the best record there is).
            migrationBuilder.Sql("INSERT INTO \"ApprovedBankAccounts\" (\"PeriodId\", \"WorkerId\", \"BankName\", \"NumberEncrypted\") " +
                "SELECT p.\"Id\", b.\"WorkerId\", b.\"BankName\", b.\"NumberEncrypted\" FROM \"PayPeriods\" p JOIN \"BankAccounts\" b " +
                "ON b.\"WorkerId\" IN (SELECT s.\"WorkerId\" FROM \"Payslips\" s WHERE s.\"PeriodId\" = p.\"Id\") WHERE p.\"Status\" IN (3, 4)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApprovedBankAccounts");
        }
    }
}
