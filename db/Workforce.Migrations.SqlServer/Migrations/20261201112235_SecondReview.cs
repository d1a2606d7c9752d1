using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workforce.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class SecondReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "SecondReviewPassed",
                table: "Applicants",
                type: "bit",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SecondReviewReason",
                table: "Applicants",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.UpdateData(
                table: "RoundTemplates",
                keyColumn: "Id",
                keyValue: -2L,
                column: "RulesJson",
                value: "{\"MinAge\":18,\"MaxAge\":40,\"AgeReferenceDate\":\"0001-01-01\",\"MinEducation\":\"College\",\"HouseholdArea\":\"\\u6C5F\\u82CF\\u7701\\u82CF\\u5DDE\\u5E02\",\"WrittenPassLineKind\":\"Absolute\",\"WrittenPassLine\":60,\"ShortlistRatio\":2,\"LargePostShortlistRatio\":2,\"LargePostThreshold\":10,\"InterviewPassLine\":60,\"WrittenWeight\":0.4,\"InterviewWeight\":0.6,\"BonusItems\":[{\"Code\":\"SW\",\"Name\":\"\\u6301\\u793E\\u4F1A\\u5DE5\\u4F5C\\u8005\\u804C\\u4E1A\\u8D44\\u683C\\u8BC1\\u4E66\",\"Points\":2},{\"Code\":\"VET\",\"Name\":\"\\u9000\\u5F79\\u519B\\u4EBA\",\"Points\":3},{\"Code\":\"GRID\",\"Name\":\"\\u5728\\u804C\\u7F51\\u683C\\u5458\\u6EE1 2 \\u5E74\",\"Points\":2}],\"TieBreaks\":[\"WrittenScore\",\"Education\"],\"DropExtremesFromExaminers\":5,\"NoticeDays\":5,\"ProbationMonths\":6,\"ReserveValidityMonths\":12,\"BonusMode\":\"SummedWithCap\",\"BonusCap\":5,\"BonusBands\":[],\"BonusMayExceedMaximum\":true,\"AgeRelaxations\":[],\"AgeRelaxationsStack\":false,\"CommunityYearsFromPensionRecord\":false,\"Substitution\":false,\"PooledPostChoice\":true,\"HouseholdOf\":\"Self\",\"RequirePartyMember\":false,\"MinPartyYears\":0,\"TwoStageReview\":false}");

            migrationBuilder.UpdateData(
                table: "RoundTemplates",
                keyColumn: "Id",
                keyValue: -1L,
                column: "RulesJson",
                value: "{\"MinAge\":18,\"MaxAge\":35,\"AgeReferenceDate\":\"0001-01-01\",\"MinEducation\":\"College\",\"HouseholdArea\":null,\"WrittenPassLineKind\":\"Absolute\",\"WrittenPassLine\":60,\"ShortlistRatio\":3,\"LargePostShortlistRatio\":2,\"LargePostThreshold\":10,\"InterviewPassLine\":60,\"WrittenWeight\":0.5,\"InterviewWeight\":0.5,\"BonusItems\":[{\"Code\":\"SW\",\"Name\":\"\\u6301\\u793E\\u4F1A\\u5DE5\\u4F5C\\u8005\\u804C\\u4E1A\\u8D44\\u683C\\u8BC1\\u4E66\",\"Points\":2},{\"Code\":\"VET\",\"Name\":\"\\u9000\\u5F79\\u519B\\u4EBA\",\"Points\":2}],\"TieBreaks\":[\"WrittenScore\",\"Education\"],\"DropExtremesFromExaminers\":5,\"NoticeDays\":7,\"ProbationMonths\":6,\"ReserveValidityMonths\":12,\"BonusMode\":\"HighestSingle\",\"BonusCap\":0,\"BonusBands\":[],\"BonusMayExceedMaximum\":true,\"AgeRelaxations\":[{\"ItemCode\":\"SW\",\"MinCommunityYears\":null,\"ExtraYears\":5},{\"ItemCode\":null,\"MinCommunityYears\":3,\"ExtraYears\":10}],\"AgeRelaxationsStack\":false,\"CommunityYearsFromPensionRecord\":true,\"Substitution\":true,\"PooledPostChoice\":false,\"HouseholdOf\":\"Self\",\"RequirePartyMember\":false,\"MinPartyYears\":0,\"TwoStageReview\":false}");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SecondReviewPassed",
                table: "Applicants");

            migrationBuilder.DropColumn(
                name: "SecondReviewReason",
                table: "Applicants");

            migrationBuilder.UpdateData(
                table: "RoundTemplates",
                keyColumn: "Id",
                keyValue: -2L,
                column: "RulesJson",
                value: "{\"MinAge\":18,\"MaxAge\":40,\"AgeReferenceDate\":\"0001-01-01\",\"MinEducation\":\"College\",\"HouseholdArea\":\"\\u6C5F\\u82CF\\u7701\\u82CF\\u5DDE\\u5E02\",\"WrittenPassLineKind\":\"Absolute\",\"WrittenPassLine\":60,\"ShortlistRatio\":2,\"LargePostShortlistRatio\":2,\"LargePostThreshold\":10,\"InterviewPassLine\":60,\"WrittenWeight\":0.4,\"InterviewWeight\":0.6,\"BonusItems\":[{\"Code\":\"SW\",\"Name\":\"\\u6301\\u793E\\u4F1A\\u5DE5\\u4F5C\\u8005\\u804C\\u4E1A\\u8D44\\u683C\\u8BC1\\u4E66\",\"Points\":2},{\"Code\":\"VET\",\"Name\":\"\\u9000\\u5F79\\u519B\\u4EBA\",\"Points\":3},{\"Code\":\"GRID\",\"Name\":\"\\u5728\\u804C\\u7F51\\u683C\\u5458\\u6EE1 2 \\u5E74\",\"Points\":2}],\"TieBreaks\":[\"WrittenScore\",\"Education\"],\"DropExtremesFromExaminers\":5,\"NoticeDays\":5,\"ProbationMonths\":6,\"ReserveValidityMonths\":12,\"BonusMode\":\"SummedWithCap\",\"BonusCap\":5,\"BonusBands\":[],\"BonusMayExceedMaximum\":true,\"AgeRelaxations\":[],\"AgeRelaxationsStack\":false,\"CommunityYearsFromPensionRecord\":false,\"Substitution\":false,\"PooledPostChoice\":true,\"HouseholdOf\":\"Self\",\"RequirePartyMember\":false,\"MinPartyYears\":0}");

            migrationBuilder.UpdateData(
                table: "RoundTemplates",
                keyColumn: "Id",
                keyValue: -1L,
                column: "RulesJson",
                value: "{\"MinAge\":18,\"MaxAge\":35,\"AgeReferenceDate\":\"0001-01-01\",\"MinEducation\":\"College\",\"HouseholdArea\":null,\"WrittenPassLineKind\":\"Absolute\",\"WrittenPassLine\":60,\"ShortlistRatio\":3,\"LargePostShortlistRatio\":2,\"LargePostThreshold\":10,\"InterviewPassLine\":60,\"WrittenWeight\":0.5,\"InterviewWeight\":0.5,\"BonusItems\":[{\"Code\":\"SW\",\"Name\":\"\\u6301\\u793E\\u4F1A\\u5DE5\\u4F5C\\u8005\\u804C\\u4E1A\\u8D44\\u683C\\u8BC1\\u4E66\",\"Points\":2},{\"Code\":\"VET\",\"Name\":\"\\u9000\\u5F79\\u519B\\u4EBA\",\"Points\":2}],\"TieBreaks\":[\"WrittenScore\",\"Education\"],\"DropExtremesFromExaminers\":5,\"NoticeDays\":7,\"ProbationMonths\":6,\"ReserveValidityMonths\":12,\"BonusMode\":\"HighestSingle\",\"BonusCap\":0,\"BonusBands\":[],\"BonusMayExceedMaximum\":true,\"AgeRelaxations\":[{\"ItemCode\":\"SW\",\"MinCommunityYears\":null,\"ExtraYears\":5},{\"ItemCode\":null,\"MinCommunityYears\":3,\"ExtraYears\":10}],\"AgeRelaxationsStack\":false,\"CommunityYearsFromPensionRecord\":true,\"Substitution\":true,\"PooledPostChoice\":false,\"HouseholdOf\":\"Self\",\"RequirePartyMember\":false,\"MinPartyYears\":0}");
        }
    }
}
