using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;
using Workforce.Data.Security;
using Workforce.Domain.Organisation;
using Workforce.Domain.Recruitment;
using Workforce.Domain.Workers;

namespace Workforce.Data.Configurations;

internal sealed class RecruitmentRoundConfiguration : IEntityTypeConfiguration<RecruitmentRound>
{
    public void Configure(EntityTypeBuilder<RecruitmentRound> b)
    {
        b.ToTable("RecruitmentRounds");
        b.Property(x => x.Name).HasMaxLength(100).IsRequired();
        b.Property(x => x.ReopenReason).HasMaxLength(200);
        RoundRulesJson.Map(b.Property(x => x.Rules));
        b.HasIndex(x => x.OrgUnitId);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Posts).WithOne().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Applicants).WithOne().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Objections).WithOne().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Posts).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(x => x.Applicants).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(x => x.Objections).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class RoundPostConfiguration : IEntityTypeConfiguration<RoundPost>
{
    public void Configure(EntityTypeBuilder<RoundPost> b)
    {
        b.ToTable("RoundPosts");
        b.Property(x => x.Name).HasMaxLength(60).IsRequired();
        b.Property(x => x.PoolCommunityIds).HasMaxLength(400);
        b.Property(x => x.MergeInto).HasMaxLength(60);
        b.Property(x => x.ReservedFor).HasMaxLength(20);
        b.Ignore(x => x.PlacesByCommunity);
        b.Ignore(x => x.Communities);
        b.Ignore(x => x.IsRunning);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.CommunityId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ApplicantConfiguration(IPersonalDataCipher protector) : IEntityTypeConfiguration<Applicant>
{
    public void Configure(EntityTypeBuilder<Applicant> b)
    {
        b.ToTable("Applicants");
        b.Property(x => x.Name).HasMaxLength(30).IsRequired();
        PersonalDataMapping.MapIdCardAndPhone(b, protector, x => x.IdCard, x => x.Phone);
        // The same person applies once per round, whoever enters them and however fast.
        b.HasIndex(nameof(Applicant.RoundId), WorkforceDbContext.IdCardHashProperty).IsUnique();
        b.HasIndex(x => new { x.RoundId, x.PostId, x.Rank });
        b.HasIndex(x => new { x.RoundId, x.Status });
        b.Property(x => x.HouseholdArea).HasMaxLength(60);
        b.Property(x => x.ParentHouseholdArea).HasMaxLength(60);
        b.Property(x => x.SecondReviewReason).HasMaxLength(200);
        b.Property(x => x.SpouseHouseholdArea).HasMaxLength(60);
        b.Property(x => x.BonusCodes).HasMaxLength(100).IsRequired();
        b.Property(x => x.QualificationReason).HasMaxLength(200);
        b.Property(x => x.QualificationEvidence).HasMaxLength(100);
        b.Property(x => x.VettingNote).HasMaxLength(500);
        b.Property(x => x.WithdrawalReason).HasMaxLength(200);
        b.Property(x => x.WrittenScore).HasPrecision(5, 2);
        b.Property(x => x.InterviewScore).HasPrecision(5, 2);
        b.Property(x => x.Bonus).HasPrecision(5, 2);
        b.Property(x => x.Total).HasPrecision(6, 2);
        b.HasOne(x => x.Post).WithMany().HasForeignKey(x => x.PostId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.InterviewScores).WithOne().HasForeignKey(x => x.ApplicantId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.InterviewScores).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(x => x.Bonuses);
    }
}

internal sealed class ExaminerScoreConfiguration : IEntityTypeConfiguration<ExaminerScore>
{
    public void Configure(EntityTypeBuilder<ExaminerScore> b)
    {
        b.ToTable("ExaminerScores");
        b.Property(x => x.Examiner).HasMaxLength(30).IsRequired();
        b.Property(x => x.Score).HasPrecision(5, 2);
    }
}

internal sealed class ObjectionConfiguration : IEntityTypeConfiguration<Objection>
{
    public void Configure(EntityTypeBuilder<Objection> b)
    {
        b.ToTable("Objections");
        b.Property(x => x.Text).HasMaxLength(1000).IsRequired();
        b.Property(x => x.Resolution).HasMaxLength(1000);
        b.HasOne(x => x.Applicant).WithMany().HasForeignKey(x => x.ApplicantId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(x => x.IsOpen);
    }
}

internal sealed class QualificationEvidenceConfiguration : IEntityTypeConfiguration<QualificationEvidence>
{
    public void Configure(EntityTypeBuilder<QualificationEvidence> b)
    {
        b.ToTable("QualificationEvidence");
        b.HasKey(x => x.ApplicantId);
        b.Property(x => x.ApplicantId).ValueGeneratedNever();
        b.Property(x => x.FileName).HasMaxLength(100).IsRequired();
        b.Property(x => x.ContentType).HasMaxLength(100).IsRequired();
        b.Property(x => x.Content).IsRequired();
        b.HasOne<Applicant>().WithMany().HasForeignKey(x => x.ApplicantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RoundTemplateConfiguration : IEntityTypeConfiguration<RoundTemplate>
{
    public void Configure(EntityTypeBuilder<RoundTemplate> b)
    {
        b.ToTable("RoundTemplates");
        b.Property(x => x.Name).HasMaxLength(60).IsRequired();
        b.Property(x => x.Source).HasMaxLength(200);
        RoundRulesJson.Map(b.Property(x => x.Rules));
        b.HasIndex(x => new { x.OwnerUnitId, x.Name }).IsUnique();
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.OwnerUnitId).OnDelete(DeleteBehavior.Restrict);
        // Shipped with the product (docs/recruitment-templates.md); negative ids never meet the providers' own.
        b.HasData(
            new { Id = -1L, Name = ShippedTemplates.JixiName, Source = ShippedTemplates.JixiSource, Rules = ShippedTemplates.Jixi },
            new { Id = -2L, Name = ShippedTemplates.ShengzhouName, Source = ShippedTemplates.ShengzhouSource, Rules = ShippedTemplates.Shengzhou });
    }
}

/// <summary>
/// The two round templates shipped with the product: the eligibility clauses and procedure of two published announcements, as
/// far as their text was available to the project (docs/recruitment-templates.md says clause by clause what is taken and what is
/// the product's default).
/// </summary>
public static class ShippedTemplates
{
    /// <summary>Name of the first.</summary>
    public const string JixiName = "绩溪县2025年公开招聘社区专职工作者（本人或配偶、父母户籍，社区工作满3年放宽至45周岁，资格初审与复审）";
    /// <summary>Its source.</summary>
    public const string JixiSource = "绩溪县2025年9月1日招聘公告“报名条件”“招聘程序”（转载：m.ahgkw.org/2025/0902/67696.html）；加分、面试比例、成绩权重、递补与公示天数不在所读部分，为本系统默认值。";
    /// <summary>Name of the second.</summary>
    public const string ShengzhouName = "嵊州市剡湖、鹿山街道2021年联合招聘专职社区工作者（本市户籍，持证放宽至40周岁，养老保险满12个月）";
    /// <summary>Its source.</summary>
    public const string ShengzhouSource = "嵊州市剡湖街道、鹿山街道2021年10月联合招聘公告“招聘条件”（转载：honglian.org/newsview.aspx?Aid=6682）；考试、递补与公示条款不在所读部分，为本系统默认值。";

    /// <summary>
    /// 绩溪县 2025: own, the spouse's or a parent's household registration in 绩溪; 40 or younger on the announcement date, born on or after
    /// the date 41 years before (含); 45 with three years of community work; college; 资格初审 and 资格复审.
    /// </summary>
    public static readonly RoundRules Jixi = new()
    {
        MinAge = 18, MaxAge = 40, AgeCapReading = AgeCapReading.AtMostBirthdayIncluded, MinEducation = Education.College,
        HouseholdArea = "安徽省宣城市绩溪县", HouseholdOf = HouseholdOf.SelfParentOrSpouse,
        AgeRelaxations = [new AgeRelaxation(null, 3, 5)],
        TwoStageReview = true,
    };

    /// <summary>
    /// 嵊州 2021: household registration in 嵊州; younger than 35 on the announcement date (born after the date 35 years before); 40 with a
    /// social-work certificate; college; at least 12 months of work on the pension record.
    /// </summary>
    public static readonly RoundRules Shengzhou = new()
    {
        MinAge = 18, MaxAge = 35, AgeCapReading = AgeCapReading.Below, MinEducation = Education.College,
        HouseholdArea = "浙江省绍兴市嵊州市", HouseholdOf = HouseholdOf.Self,
        BonusItems = [new BonusItem("SW", "持社会工作者职业水平（资格）证书", 0m)],
        AgeRelaxations = [new AgeRelaxation("SW", null, 5)],
        MinWorkMonths = 12, CommunityYearsFromPensionRecord = true,
    };
}

/// <summary>The JSON form of <see cref="RoundRules"/> stored with a round.</summary>
public static class RoundRulesJson
{
    /// <summary>Maps a rules property as one JSON column <c>RulesJson</c>.</summary>
    public static void Map(PropertyBuilder<RoundRules> property)
    {
        ArgumentNullException.ThrowIfNull(property);
        property.HasConversion(new ValueConverter<RoundRules, string>(r => Write(r), s => Read(s)),
            new ValueComparer<RoundRules>((x, y) => Write(x!) == Write(y!), r => Write(r).GetHashCode(StringComparison.Ordinal), r => Read(Write(r))))
            .HasColumnName("RulesJson").IsRequired();
    }

    private sealed record Document(int MinAge, int MaxAge, DateOnly AgeReferenceDate, Education MinEducation, string? HouseholdArea,
        PassLineKind WrittenPassLineKind, decimal WrittenPassLine, int ShortlistRatio, int LargePostShortlistRatio, int LargePostThreshold,
        decimal InterviewPassLine, decimal WrittenWeight, decimal InterviewWeight, List<BonusItem> BonusItems, List<TieBreak> TieBreaks,
        int DropExtremesFromExaminers, int NoticeDays, int ProbationMonths, int ReserveValidityMonths,
        // Added with issue 18; rounds stored before read the defaults.
        BonusMode BonusMode = BonusMode.HighestSingle, decimal BonusCap = 0m, List<BonusBand>? BonusBands = null, bool BonusMayExceedMaximum = true,
        List<AgeRelaxation>? AgeRelaxations = null, bool AgeRelaxationsStack = false, bool CommunityYearsFromPensionRecord = false, bool Substitution = true,
        bool PooledPostChoice = false, HouseholdOf HouseholdOf = HouseholdOf.Self, bool RequirePartyMember = false, int MinPartyYears = 0, bool TwoStageReview = false,
        AgeCapReading AgeCapReading = AgeCapReading.AtMost, int MinWorkMonths = 0);

    private static readonly JsonSerializerOptions Options = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>Serialises rules.</summary>
    public static string Write(RoundRules r) => JsonSerializer.Serialize(new Document(r.MinAge, r.MaxAge, r.AgeReferenceDate.ToDateOnly(), r.MinEducation, r.HouseholdArea,
        r.WrittenPassLineKind, r.WrittenPassLine, r.ShortlistRatio, r.LargePostShortlistRatio, r.LargePostThreshold, r.InterviewPassLine, r.WrittenWeight,
        r.InterviewWeight, [.. r.BonusItems], [.. r.TieBreaks], r.DropExtremesFromExaminers, r.NoticeDays, r.ProbationMonths, r.ReserveValidityMonths,
        r.BonusMode, r.BonusCap, [.. r.BonusBands], r.BonusMayExceedMaximum, [.. r.AgeRelaxations], r.AgeRelaxationsStack, r.CommunityYearsFromPensionRecord, r.Substitution, r.PooledPostChoice, r.HouseholdOf, r.RequirePartyMember, r.MinPartyYears, r.TwoStageReview,
        r.AgeCapReading, r.MinWorkMonths), Options);

    /// <summary>Reads rules.</summary>
    public static RoundRules Read(string json)
    {
        var d = JsonSerializer.Deserialize<Document>(json, Options)!;
        return new RoundRules
        {
            MinAge = d.MinAge, MaxAge = d.MaxAge, AgeReferenceDate = LocalDate.FromDateOnly(d.AgeReferenceDate), MinEducation = d.MinEducation,
            HouseholdArea = d.HouseholdArea, WrittenPassLineKind = d.WrittenPassLineKind, WrittenPassLine = d.WrittenPassLine, ShortlistRatio = d.ShortlistRatio,
            LargePostShortlistRatio = d.LargePostShortlistRatio, LargePostThreshold = d.LargePostThreshold, InterviewPassLine = d.InterviewPassLine,
            WrittenWeight = d.WrittenWeight, InterviewWeight = d.InterviewWeight, BonusItems = d.BonusItems, TieBreaks = d.TieBreaks,
            DropExtremesFromExaminers = d.DropExtremesFromExaminers, NoticeDays = d.NoticeDays, ProbationMonths = d.ProbationMonths, ReserveValidityMonths = d.ReserveValidityMonths,
            BonusMode = d.BonusMode, BonusCap = d.BonusCap, BonusBands = d.BonusBands ?? [], BonusMayExceedMaximum = d.BonusMayExceedMaximum,
            AgeRelaxations = d.AgeRelaxations ?? [], AgeRelaxationsStack = d.AgeRelaxationsStack, CommunityYearsFromPensionRecord = d.CommunityYearsFromPensionRecord,
            Substitution = d.Substitution, PooledPostChoice = d.PooledPostChoice, HouseholdOf = d.HouseholdOf, RequirePartyMember = d.RequirePartyMember,
            MinPartyYears = d.MinPartyYears, TwoStageReview = d.TwoStageReview, AgeCapReading = d.AgeCapReading, MinWorkMonths = d.MinWorkMonths,
        };
    }
}
