using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Workforce.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class RoundTemplates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RoundTemplates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Name = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    Source = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    RulesJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    OwnerUnitId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoundTemplates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RoundTemplates_OrgUnits_OwnerUnitId",
                        column: x => x.OwnerUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "RoundTemplates",
                columns: new[] { "Id", "Name", "OwnerUnitId", "RulesJson", "Source" },
                values: new object[,]
                {
                    { -2L, "街道统筹岗位招聘（本地户籍、累计加分、缺额不递补、选岗）", null, "{\"MinAge\":18,\"MaxAge\":40,\"AgeReferenceDate\":\"0001-01-01\",\"MinEducation\":\"College\",\"HouseholdArea\":\"\\u6C5F\\u82CF\\u7701\\u82CF\\u5DDE\\u5E02\",\"WrittenPassLineKind\":\"Absolute\",\"WrittenPassLine\":60,\"ShortlistRatio\":2,\"LargePostShortlistRatio\":2,\"LargePostThreshold\":10,\"InterviewPassLine\":60,\"WrittenWeight\":0.4,\"InterviewWeight\":0.6,\"BonusItems\":[{\"Code\":\"SW\",\"Name\":\"\\u6301\\u793E\\u4F1A\\u5DE5\\u4F5C\\u8005\\u804C\\u4E1A\\u8D44\\u683C\\u8BC1\\u4E66\",\"Points\":2},{\"Code\":\"VET\",\"Name\":\"\\u9000\\u5F79\\u519B\\u4EBA\",\"Points\":3},{\"Code\":\"GRID\",\"Name\":\"\\u5728\\u804C\\u7F51\\u683C\\u5458\\u6EE1 2 \\u5E74\",\"Points\":2}],\"TieBreaks\":[\"WrittenScore\",\"Education\"],\"DropExtremesFromExaminers\":5,\"NoticeDays\":5,\"ProbationMonths\":6,\"ReserveValidityMonths\":12,\"BonusMode\":\"SummedWithCap\",\"BonusCap\":5,\"BonusBands\":[],\"BonusMayExceedMaximum\":true,\"AgeRelaxations\":[],\"AgeRelaxationsStack\":false,\"CommunityYearsFromPensionRecord\":false,\"Substitution\":false,\"PooledPostChoice\":true}", "按街道统一招聘、按岗位统筹分配的公告常见条款整理：40 周岁，本市户籍，加分累计不超过 5 分，笔试 40% 面试 60%，1:2 进入面试，缺额不再递补，按总成绩排名顺序选岗。" },
                    { -1L, "城区社区工作者招聘（持证、社区工作年限放宽年龄）", null, "{\"MinAge\":18,\"MaxAge\":35,\"AgeReferenceDate\":\"0001-01-01\",\"MinEducation\":\"College\",\"HouseholdArea\":null,\"WrittenPassLineKind\":\"Absolute\",\"WrittenPassLine\":60,\"ShortlistRatio\":3,\"LargePostShortlistRatio\":2,\"LargePostThreshold\":10,\"InterviewPassLine\":60,\"WrittenWeight\":0.5,\"InterviewWeight\":0.5,\"BonusItems\":[{\"Code\":\"SW\",\"Name\":\"\\u6301\\u793E\\u4F1A\\u5DE5\\u4F5C\\u8005\\u804C\\u4E1A\\u8D44\\u683C\\u8BC1\\u4E66\",\"Points\":2},{\"Code\":\"VET\",\"Name\":\"\\u9000\\u5F79\\u519B\\u4EBA\",\"Points\":2}],\"TieBreaks\":[\"WrittenScore\",\"Education\"],\"DropExtremesFromExaminers\":5,\"NoticeDays\":7,\"ProbationMonths\":6,\"ReserveValidityMonths\":12,\"BonusMode\":\"HighestSingle\",\"BonusCap\":0,\"BonusBands\":[],\"BonusMayExceedMaximum\":true,\"AgeRelaxations\":[{\"ItemCode\":\"SW\",\"MinCommunityYears\":null,\"ExtraYears\":5},{\"ItemCode\":null,\"MinCommunityYears\":3,\"ExtraYears\":10}],\"AgeRelaxationsStack\":false,\"CommunityYearsFromPensionRecord\":true,\"Substitution\":true,\"PooledPostChoice\":false}", "按苏州城区社区工作者招聘公告的常见条款整理：35 周岁，持社工证放宽至 40 周岁，社区工作满 3 年（以社保缴纳记录为准）放宽至 45 周岁，加分取最高一项，缺额递补。" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_RoundTemplates_OwnerUnitId_Name",
                table: "RoundTemplates",
                columns: new[] { "OwnerUnitId", "Name" },
                unique: true,
                filter: "[OwnerUnitId] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RoundTemplates");
        }
    }
}
