using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workforce.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Payroll : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

            migrationBuilder.CreateTable(
                name: "AnnualAssessments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    WorkerId = table.Column<long>(type: "bigint", nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    Rating = table.Column<int>(type: "int", nullable: false),
                    RecordedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Note = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnnualAssessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AnnualAssessments_Workers_WorkerId",
                        column: x => x.WorkerId,
                        principalTable: "Workers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BankAccounts",
                columns: table => new
                {
                    WorkerId = table.Column<long>(type: "bigint", nullable: false),
                    BankName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    NumberEncrypted = table.Column<string>(type: "nvarchar(160)", maxLength: 160, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BankAccounts", x => x.WorkerId);
                    table.ForeignKey(
                        name: "FK_BankAccounts_Workers_WorkerId",
                        column: x => x.WorkerId,
                        principalTable: "Workers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LeaderRecognitions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    WorkerId = table.Column<long>(type: "bigint", nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    Document = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    RecognisedOn = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeaderRecognitions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LeaderRecognitions_Workers_WorkerId",
                        column: x => x.WorkerId,
                        principalTable: "Workers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PayPeriods",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    DistrictId = table.Column<long>(type: "bigint", nullable: false),
                    Month = table.Column<string>(type: "nvarchar(7)", maxLength: 7, nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    RunId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    CalculatedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Errors = table.Column<int>(type: "int", nullable: false),
                    Payslips = table.Column<int>(type: "int", nullable: false),
                    GrossFen = table.Column<long>(type: "bigint", nullable: false),
                    DeductionsFen = table.Column<long>(type: "bigint", nullable: false),
                    TaxFen = table.Column<long>(type: "bigint", nullable: false),
                    NetFen = table.Column<long>(type: "bigint", nullable: false),
                    EmployerFen = table.Column<long>(type: "bigint", nullable: false),
                    ApprovedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    ApprovedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LockedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    LockedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    NextPayslipSeq = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PayPeriods", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PayPeriods_OrgUnits_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RuleSetVersions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Code = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    EffectiveTo = table.Column<DateOnly>(type: "date", nullable: true),
                    Json = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DecidedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Note = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RuleSetVersions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SpecialDeductions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    WorkerId = table.Column<long>(type: "bigint", nullable: false),
                    Month = table.Column<string>(type: "nvarchar(7)", maxLength: 7, nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SpecialDeductions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SpecialDeductions_Workers_WorkerId",
                        column: x => x.WorkerId,
                        principalTable: "Workers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PayrollRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PeriodId = table.Column<long>(type: "bigint", nullable: false),
                    Month = table.Column<string>(type: "nvarchar(7)", maxLength: 7, nullable: false),
                    Trigger = table.Column<int>(type: "int", nullable: false),
                    StartedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Instance = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    HeartbeatAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Status = table.Column<int>(type: "int", nullable: false),
                    Total = table.Column<int>(type: "int", nullable: false),
                    Processed = table.Column<int>(type: "int", nullable: false),
                    Errors = table.Column<int>(type: "int", nullable: false),
                    Report = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PayrollRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PayrollRuns_PayPeriods_PeriodId",
                        column: x => x.PeriodId,
                        principalTable: "PayPeriods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Payslips",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    PeriodId = table.Column<long>(type: "bigint", nullable: false),
                    WorkerId = table.Column<long>(type: "bigint", nullable: false),
                    Month = table.Column<string>(type: "nvarchar(7)", maxLength: 7, nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    CommunityId = table.Column<long>(type: "bigint", nullable: false),
                    Post = table.Column<int>(type: "int", nullable: false),
                    Grade = table.Column<int>(type: "int", nullable: false),
                    RuleSetVersionId = table.Column<long>(type: "bigint", nullable: false),
                    FactsHash = table.Column<long>(type: "bigint", nullable: false),
                    GrossFen = table.Column<long>(type: "bigint", nullable: false),
                    DeductionsFen = table.Column<long>(type: "bigint", nullable: false),
                    TaxFen = table.Column<long>(type: "bigint", nullable: false),
                    NetFen = table.Column<long>(type: "bigint", nullable: false),
                    EmployerFen = table.Column<long>(type: "bigint", nullable: false),
                    ReserveFen = table.Column<long>(type: "bigint", nullable: false),
                    ContributionBase = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    SettledAwards = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    TaxableIncomeFen = table.Column<long>(type: "bigint", nullable: false),
                    SpecialDeductionsFen = table.Column<long>(type: "bigint", nullable: false),
                    AdditionalDeductionsFen = table.Column<long>(type: "bigint", nullable: false),
                    TaxMonths = table.Column<int>(type: "int", nullable: false),
                    CumulativeIncomeFen = table.Column<long>(type: "bigint", nullable: false),
                    CumulativeBasicFen = table.Column<long>(type: "bigint", nullable: false),
                    CumulativeSpecialFen = table.Column<long>(type: "bigint", nullable: false),
                    CumulativeAdditionalFen = table.Column<long>(type: "bigint", nullable: false),
                    CumulativeTaxableFen = table.Column<long>(type: "bigint", nullable: false),
                    CumulativeTaxFen = table.Column<long>(type: "bigint", nullable: false),
                    WithheldBeforeFen = table.Column<long>(type: "bigint", nullable: false),
                    TaxThisMonthFen = table.Column<long>(type: "bigint", nullable: false),
                    BonusFen = table.Column<long>(type: "bigint", nullable: false),
                    BonusTaxFen = table.Column<long>(type: "bigint", nullable: false),
                    LinesData = table.Column<byte[]>(type: "varbinary(max)", nullable: false),
                    HasRetro = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Payslips", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Payslips_PayPeriods_PeriodId",
                        column: x => x.PeriodId,
                        principalTable: "PayPeriods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Payslips_Workers_WorkerId",
                        column: x => x.WorkerId,
                        principalTable: "Workers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PeriodComponentTotals",
                columns: table => new
                {
                    PeriodId = table.Column<long>(type: "bigint", nullable: false),
                    CommunityId = table.Column<long>(type: "bigint", nullable: false),
                    Code = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Category = table.Column<int>(type: "int", nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PeriodComponentTotals", x => new { x.PeriodId, x.CommunityId, x.Code });
                    table.ForeignKey(
                        name: "FK_PeriodComponentTotals_PayPeriods_PeriodId",
                        column: x => x.PeriodId,
                        principalTable: "PayPeriods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AnnualAssessments_WorkerId_Year",
                table: "AnnualAssessments",
                columns: new[] { "WorkerId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LeaderRecognitions_WorkerId_Year",
                table: "LeaderRecognitions",
                columns: new[] { "WorkerId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PayPeriods_DistrictId_Month",
                table: "PayPeriods",
                columns: new[] { "DistrictId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PayrollRuns_PeriodId_Status",
                table: "PayrollRuns",
                columns: new[] { "PeriodId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Payslips_PeriodId_CommunityId",
                table: "Payslips",
                columns: new[] { "PeriodId", "CommunityId" });

            migrationBuilder.CreateIndex(
                name: "IX_Payslips_WorkerId_Month_Kind",
                table: "Payslips",
                columns: new[] { "WorkerId", "Month", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RuleSetVersions_Code_Version",
                table: "RuleSetVersions",
                columns: new[] { "Code", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SpecialDeductions_WorkerId_Month",
                table: "SpecialDeductions",
                columns: new[] { "WorkerId", "Month" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

            migrationBuilder.DropTable(
                name: "AnnualAssessments");

            migrationBuilder.DropTable(
                name: "BankAccounts");

            migrationBuilder.DropTable(
                name: "LeaderRecognitions");

            migrationBuilder.DropTable(
                name: "PayrollRuns");

            migrationBuilder.DropTable(
                name: "Payslips");

            migrationBuilder.DropTable(
                name: "PeriodComponentTotals");

            migrationBuilder.DropTable(
                name: "RuleSetVersions");

            migrationBuilder.DropTable(
                name: "SpecialDeductions");

            migrationBuilder.DropTable(
                name: "PayPeriods");
        }
    }
}
