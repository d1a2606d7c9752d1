using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workforce.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AssessmentRounds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AssessmentRounds",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OrgUnitId = table.Column<long>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    SchemeJson = table.Column<string>(type: "TEXT", nullable: false),
                    Stage = table.Column<int>(type: "INTEGER", nullable: false),
                    OpenedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    NoticeStart = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    NoticeEnd = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    FinalisedOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentRounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssessmentRounds_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AssessmentSchemes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrgUnitId = table.Column<long>(type: "INTEGER", nullable: false),
                    FromYear = table.Column<int>(type: "INTEGER", nullable: false),
                    SchemeJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentSchemes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssessmentSchemes_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AssessmentEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    WorkerId = table.Column<long>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<long>(type: "INTEGER", nullable: false),
                    ReportText = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ReportAttachment = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ReportSubmittedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReportScore = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: true),
                    OrganisationScore = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: true),
                    AbsenceDays = table.Column<int>(type: "INTEGER", nullable: false),
                    VoteScore = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: true),
                    Ballots = table.Column<int>(type: "INTEGER", nullable: false),
                    Composite = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: true),
                    Rank = table.Column<int>(type: "INTEGER", nullable: true),
                    ProposedRating = table.Column<int>(type: "INTEGER", nullable: true),
                    Note = table.Column<int>(type: "INTEGER", nullable: false),
                    Rating = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssessmentEntries_AssessmentRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "AssessmentRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AssessmentEntries_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AssessmentEntries_Workers_WorkerId",
                        column: x => x.WorkerId,
                        principalTable: "Workers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BallotCodes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<long>(type: "INTEGER", nullable: false),
                    Group = table.Column<int>(type: "INTEGER", nullable: false),
                    CodeHash = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Used = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BallotCodes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BallotCodes_AssessmentRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "AssessmentRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Ballots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<long>(type: "INTEGER", nullable: false),
                    Group = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Ballots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Ballots_AssessmentRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "AssessmentRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AssessmentAttachments",
                columns: table => new
                {
                    EntryId = table.Column<long>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentAttachments", x => x.EntryId);
                    table.ForeignKey(
                        name: "FK_AssessmentAttachments_AssessmentEntries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "AssessmentEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AssessmentObjections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    EntryId = table.Column<long>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    RaisedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ResolvedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Upheld = table.Column<bool>(type: "INTEGER", nullable: true),
                    Resolution = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentObjections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssessmentObjections_AssessmentEntries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "AssessmentEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AssessmentObjections_AssessmentRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "AssessmentRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BallotMarks",
                columns: table => new
                {
                    BallotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EntryId = table.Column<long>(type: "INTEGER", nullable: false),
                    Rating = table.Column<int>(type: "INTEGER", nullable: true),
                    Points = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BallotMarks", x => new { x.BallotId, x.EntryId });
                    table.ForeignKey(
                        name: "FK_BallotMarks_AssessmentEntries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "AssessmentEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_BallotMarks_Ballots_BallotId",
                        column: x => x.BallotId,
                        principalTable: "Ballots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentEntries_RoundId_WorkerId",
                table: "AssessmentEntries",
                columns: new[] { "RoundId", "WorkerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentEntries_UnitId",
                table: "AssessmentEntries",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentEntries_WorkerId",
                table: "AssessmentEntries",
                column: "WorkerId");

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentObjections_EntryId",
                table: "AssessmentObjections",
                column: "EntryId");

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentObjections_RoundId",
                table: "AssessmentObjections",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentRounds_OrgUnitId_Year",
                table: "AssessmentRounds",
                columns: new[] { "OrgUnitId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentSchemes_OrgUnitId_FromYear",
                table: "AssessmentSchemes",
                columns: new[] { "OrgUnitId", "FromYear" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BallotCodes_CodeHash",
                table: "BallotCodes",
                column: "CodeHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BallotCodes_RoundId_UnitId_Used",
                table: "BallotCodes",
                columns: new[] { "RoundId", "UnitId", "Used" });

            migrationBuilder.CreateIndex(
                name: "IX_BallotMarks_EntryId",
                table: "BallotMarks",
                column: "EntryId");

            migrationBuilder.CreateIndex(
                name: "IX_Ballots_RoundId_UnitId",
                table: "Ballots",
                columns: new[] { "RoundId", "UnitId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AssessmentAttachments");

            migrationBuilder.DropTable(
                name: "AssessmentObjections");

            migrationBuilder.DropTable(
                name: "AssessmentSchemes");

            migrationBuilder.DropTable(
                name: "BallotCodes");

            migrationBuilder.DropTable(
                name: "BallotMarks");

            migrationBuilder.DropTable(
                name: "AssessmentEntries");

            migrationBuilder.DropTable(
                name: "Ballots");

            migrationBuilder.DropTable(
                name: "AssessmentRounds");
        }
    }
}
