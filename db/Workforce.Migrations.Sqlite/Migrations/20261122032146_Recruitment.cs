using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workforce.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Recruitment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "ProbationEnd",
                table: "Workers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "RecruitmentRounds",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OrgUnitId = table.Column<long>(type: "INTEGER", nullable: false),
                    AnnouncedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RulesJson = table.Column<string>(type: "TEXT", nullable: false),
                    Step = table.Column<int>(type: "INTEGER", nullable: false),
                    NoticeStart = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    NoticeEnd = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    HiredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReopenReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecruitmentRounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RecruitmentRounds_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RoundPosts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    CommunityId = table.Column<long>(type: "INTEGER", nullable: false),
                    Post = table.Column<int>(type: "INTEGER", nullable: false),
                    Quota = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoundPosts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RoundPosts_OrgUnits_CommunityId",
                        column: x => x.CommunityId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RoundPosts_RecruitmentRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "RecruitmentRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Applicants",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    PostId = table.Column<long>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    IdCardEncrypted = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PhoneEncrypted = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Education = table.Column<int>(type: "INTEGER", nullable: false),
                    PoliticalStatus = table.Column<int>(type: "INTEGER", nullable: false),
                    HouseholdArea = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    BonusCodes = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RegisteredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    QualificationDecision = table.Column<bool>(type: "INTEGER", nullable: true),
                    QualificationReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    WrittenScore = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: true),
                    WrittenAbsent = table.Column<bool>(type: "INTEGER", nullable: false),
                    InterviewAbsent = table.Column<bool>(type: "INTEGER", nullable: false),
                    VettingPassed = table.Column<bool>(type: "INTEGER", nullable: true),
                    MedicalPassed = table.Column<bool>(type: "INTEGER", nullable: true),
                    VettingNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    WithdrawalReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    WorkerId = table.Column<long>(type: "INTEGER", nullable: true),
                    ReserveUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    InterviewScore = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: true),
                    Bonus = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    Total = table.Column<decimal>(type: "TEXT", precision: 6, scale: 2, nullable: true),
                    Rank = table.Column<int>(type: "INTEGER", nullable: true),
                    Substitute = table.Column<bool>(type: "INTEGER", nullable: false),
                    IdCardHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Applicants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Applicants_RecruitmentRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "RecruitmentRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Applicants_RoundPosts_PostId",
                        column: x => x.PostId,
                        principalTable: "RoundPosts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ExaminerScores",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicantId = table.Column<long>(type: "INTEGER", nullable: false),
                    Examiner = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Score = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExaminerScores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExaminerScores_Applicants_ApplicantId",
                        column: x => x.ApplicantId,
                        principalTable: "Applicants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Objections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    ApplicantId = table.Column<long>(type: "INTEGER", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    RaisedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ResolvedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Upheld = table.Column<bool>(type: "INTEGER", nullable: true),
                    Resolution = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Objections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Objections_Applicants_ApplicantId",
                        column: x => x.ApplicantId,
                        principalTable: "Applicants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Objections_RecruitmentRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "RecruitmentRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Applicants_PostId",
                table: "Applicants",
                column: "PostId");

            migrationBuilder.CreateIndex(
                name: "IX_Applicants_RoundId_IdCardHash",
                table: "Applicants",
                columns: new[] { "RoundId", "IdCardHash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Applicants_RoundId_PostId_Rank",
                table: "Applicants",
                columns: new[] { "RoundId", "PostId", "Rank" });

            migrationBuilder.CreateIndex(
                name: "IX_Applicants_RoundId_Status",
                table: "Applicants",
                columns: new[] { "RoundId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ExaminerScores_ApplicantId",
                table: "ExaminerScores",
                column: "ApplicantId");

            migrationBuilder.CreateIndex(
                name: "IX_Objections_ApplicantId",
                table: "Objections",
                column: "ApplicantId");

            migrationBuilder.CreateIndex(
                name: "IX_Objections_RoundId",
                table: "Objections",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_RecruitmentRounds_OrgUnitId",
                table: "RecruitmentRounds",
                column: "OrgUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_RoundPosts_CommunityId",
                table: "RoundPosts",
                column: "CommunityId");

            migrationBuilder.CreateIndex(
                name: "IX_RoundPosts_RoundId",
                table: "RoundPosts",
                column: "RoundId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ExaminerScores");

            migrationBuilder.DropTable(
                name: "Objections");

            migrationBuilder.DropTable(
                name: "Applicants");

            migrationBuilder.DropTable(
                name: "RoundPosts");

            migrationBuilder.DropTable(
                name: "RecruitmentRounds");

            migrationBuilder.DropColumn(
                name: "ProbationEnd",
                table: "Workers");
        }
    }
}
