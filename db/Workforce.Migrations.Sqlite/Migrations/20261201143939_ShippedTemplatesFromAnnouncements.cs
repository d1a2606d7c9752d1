using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workforce.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ShippedTemplatesFromAnnouncements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.UpdateData(
                table: "RoundTemplates",
                keyColumn: "Id",
                keyValue: -2L,
                columns: new[] { "Name", "RulesJson", "Source" },
                values: new object[] { "嵊州市剡湖、鹿山街道2021年联合招聘专职社区工作者（本市户籍，持证放宽至40周岁，养老保险满12个月）", "{\"MinAge\":18,\"MaxAge\":35,\"AgeReferenceDate\":\"0001-01-01\",\"MinEducation\":\"College\",\"HouseholdArea\":\"\\u6D59\\u6C5F\\u7701\\u7ECD\\u5174\\u5E02\\u5D4A\\u5DDE\\u5E02\",\"WrittenPassLineKind\":\"Absolute\",\"WrittenPassLine\":60,\"ShortlistRatio\":3,\"LargePostShortlistRatio\":2,\"LargePostThreshold\":10,\"InterviewPassLine\":60,\"WrittenWeight\":0.5,\"InterviewWeight\":0.5,\"BonusItems\":[{\"Code\":\"SW\",\"Name\":\"\\u6301\\u793E\\u4F1A\\u5DE5\\u4F5C\\u8005\\u804C\\u4E1A\\u6C34\\u5E73\\uFF08\\u8D44\\u683C\\uFF09\\u8BC1\\u4E66\",\"Points\":0}],\"TieBreaks\":[\"WrittenScore\",\"Education\"],\"DropExtremesFromExaminers\":5,\"NoticeDays\":5,\"ProbationMonths\":6,\"ReserveValidityMonths\":12,\"BonusMode\":\"HighestSingle\",\"BonusCap\":0,\"BonusBands\":[],\"BonusMayExceedMaximum\":true,\"AgeRelaxations\":[{\"ItemCode\":\"SW\",\"MinCommunityYears\":null,\"ExtraYears\":5}],\"AgeRelaxationsStack\":false,\"CommunityYearsFromPensionRecord\":true,\"Substitution\":true,\"PooledPostChoice\":false,\"HouseholdOf\":\"Self\",\"RequirePartyMember\":false,\"MinPartyYears\":0,\"TwoStageReview\":false,\"AgeCapReading\":\"Below\",\"MinWorkMonths\":12}", "嵊州市剡湖街道、鹿山街道2021年10月联合招聘公告“招聘条件”（转载：honglian.org/newsview.aspx?Aid=6682）；考试、递补与公示条款不在所读部分，为本系统默认值。" });

            migrationBuilder.UpdateData(
                table: "RoundTemplates",
                keyColumn: "Id",
                keyValue: -1L,
                columns: new[] { "Name", "RulesJson", "Source" },
                values: new object[] { "绩溪县2025年公开招聘社区专职工作者（本人或配偶、父母户籍，社区工作满3年放宽至45周岁，资格初审与复审）", "{\"MinAge\":18,\"MaxAge\":40,\"AgeReferenceDate\":\"0001-01-01\",\"MinEducation\":\"College\",\"HouseholdArea\":\"\\u5B89\\u5FBD\\u7701\\u5BA3\\u57CE\\u5E02\\u7EE9\\u6EAA\\u53BF\",\"WrittenPassLineKind\":\"Absolute\",\"WrittenPassLine\":60,\"ShortlistRatio\":3,\"LargePostShortlistRatio\":2,\"LargePostThreshold\":10,\"InterviewPassLine\":60,\"WrittenWeight\":0.5,\"InterviewWeight\":0.5,\"BonusItems\":[],\"TieBreaks\":[\"WrittenScore\",\"Education\"],\"DropExtremesFromExaminers\":5,\"NoticeDays\":5,\"ProbationMonths\":6,\"ReserveValidityMonths\":12,\"BonusMode\":\"HighestSingle\",\"BonusCap\":0,\"BonusBands\":[],\"BonusMayExceedMaximum\":true,\"AgeRelaxations\":[{\"ItemCode\":null,\"MinCommunityYears\":3,\"ExtraYears\":5}],\"AgeRelaxationsStack\":false,\"CommunityYearsFromPensionRecord\":false,\"Substitution\":true,\"PooledPostChoice\":false,\"HouseholdOf\":\"SelfParentOrSpouse\",\"RequirePartyMember\":false,\"MinPartyYears\":0,\"TwoStageReview\":true,\"AgeCapReading\":\"AtMostBirthdayIncluded\",\"MinWorkMonths\":0}", "绩溪县2025年9月1日招聘公告“报名条件”“招聘程序”（转载：m.ahgkw.org/2025/0902/67696.html）；加分、面试比例、成绩权重、递补与公示天数不在所读部分，为本系统默认值。" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.UpdateData(
                table: "RoundTemplates",
                keyColumn: "Id",
                keyValue: -2L,
                columns: new[] { "Name", "RulesJson", "Source" },
                values: new object[] { "街道统筹岗位招聘（本地户籍、累计加分、缺额不递补、选岗）", "{\"MinAge\":18,\"MaxAge\":40,\"AgeReferenceDate\":\"0001-01-01\",\"MinEducation\":\"College\",\"HouseholdArea\":\"\\u6C5F\\u82CF\\u7701\\u82CF\\u5DDE\\u5E02\",\"WrittenPassLineKind\":\"Absolute\",\"WrittenPassLine\":60,\"ShortlistRatio\":2,\"LargePostShortlistRatio\":2,\"LargePostThreshold\":10,\"InterviewPassLine\":60,\"WrittenWeight\":0.4,\"InterviewWeight\":0.6,\"BonusItems\":[{\"Code\":\"SW\",\"Name\":\"\\u6301\\u793E\\u4F1A\\u5DE5\\u4F5C\\u8005\\u804C\\u4E1A\\u8D44\\u683C\\u8BC1\\u4E66\",\"Points\":2},{\"Code\":\"VET\",\"Name\":\"\\u9000\\u5F79\\u519B\\u4EBA\",\"Points\":3},{\"Code\":\"GRID\",\"Name\":\"\\u5728\\u804C\\u7F51\\u683C\\u5458\\u6EE1 2 \\u5E74\",\"Points\":2}],\"TieBreaks\":[\"WrittenScore\",\"Education\"],\"DropExtremesFromExaminers\":5,\"NoticeDays\":5,\"ProbationMonths\":6,\"ReserveValidityMonths\":12,\"BonusMode\":\"SummedWithCap\",\"BonusCap\":5,\"BonusBands\":[],\"BonusMayExceedMaximum\":true,\"AgeRelaxations\":[],\"AgeRelaxationsStack\":false,\"CommunityYearsFromPensionRecord\":false,\"Substitution\":false,\"PooledPostChoice\":true,\"HouseholdOf\":\"Self\",\"RequirePartyMember\":false,\"MinPartyYears\":0,\"TwoStageReview\":false}", "按街道统一招聘、按岗位统筹分配的公告常见条款整理：40 周岁，本市户籍，加分累计不超过 5 分，笔试 40% 面试 60%，1:2 进入面试，缺额不再递补，按总成绩排名顺序选岗。" });

            migrationBuilder.UpdateData(
                table: "RoundTemplates",
                keyColumn: "Id",
                keyValue: -1L,
                columns: new[] { "Name", "RulesJson", "Source" },
                values: new object[] { "城区社区工作者招聘（持证、社区工作年限放宽年龄）", "{\"MinAge\":18,\"MaxAge\":35,\"AgeReferenceDate\":\"0001-01-01\",\"MinEducation\":\"College\",\"HouseholdArea\":null,\"WrittenPassLineKind\":\"Absolute\",\"WrittenPassLine\":60,\"ShortlistRatio\":3,\"LargePostShortlistRatio\":2,\"LargePostThreshold\":10,\"InterviewPassLine\":60,\"WrittenWeight\":0.5,\"InterviewWeight\":0.5,\"BonusItems\":[{\"Code\":\"SW\",\"Name\":\"\\u6301\\u793E\\u4F1A\\u5DE5\\u4F5C\\u8005\\u804C\\u4E1A\\u8D44\\u683C\\u8BC1\\u4E66\",\"Points\":2},{\"Code\":\"VET\",\"Name\":\"\\u9000\\u5F79\\u519B\\u4EBA\",\"Points\":2}],\"TieBreaks\":[\"WrittenScore\",\"Education\"],\"DropExtremesFromExaminers\":5,\"NoticeDays\":7,\"ProbationMonths\":6,\"ReserveValidityMonths\":12,\"BonusMode\":\"HighestSingle\",\"BonusCap\":0,\"BonusBands\":[],\"BonusMayExceedMaximum\":true,\"AgeRelaxations\":[{\"ItemCode\":\"SW\",\"MinCommunityYears\":null,\"ExtraYears\":5},{\"ItemCode\":null,\"MinCommunityYears\":3,\"ExtraYears\":10}],\"AgeRelaxationsStack\":false,\"CommunityYearsFromPensionRecord\":true,\"Substitution\":true,\"PooledPostChoice\":false,\"HouseholdOf\":\"Self\",\"RequirePartyMember\":false,\"MinPartyYears\":0,\"TwoStageReview\":false}", "按苏州城区社区工作者招聘公告的常见条款整理：35 周岁，持社工证放宽至 40 周岁，社区工作满 3 年（以社保缴纳记录为准）放宽至 45 周岁，加分取最高一项，缺额递补。" });
        }
    }
}
