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
            new { Id = -1L, Name = ShippedTemplates.RelaxedAgeName, Source = ShippedTemplates.RelaxedAgeSource, Rules = ShippedTemplates.RelaxedAge },
            new { Id = -2L, Name = ShippedTemplates.LocalPooledName, Source = ShippedTemplates.LocalPooledSource, Rules = ShippedTemplates.LocalPooled });
    }
}

/// <summary>The two round templates shipped with the product (docs/recruitment-templates.md).</summary>
public static class ShippedTemplates
{
    /// <summary>Name of the first.</summary>
    public const string RelaxedAgeName = "城区社区工作者招聘（持证、社区工作年限放宽年龄）";
    /// <summary>Its source.</summary>
    public const string RelaxedAgeSource = "按苏州城区社区工作者招聘公告的常见条款整理：35 周岁，持社工证放宽至 40 周岁，社区工作满 3 年（以社保缴纳记录为准）放宽至 45 周岁，加分取最高一项，缺额递补。";
    /// <summary>Name of the second.</summary>
    public const string LocalPooledName = "街道统筹岗位招聘（本地户籍、累计加分、缺额不递补、选岗）";
    /// <summary>Its source.</summary>
    public const string LocalPooledSource = "按街道统一招聘、按岗位统筹分配的公告常见条款整理：40 周岁，本市户籍，加分累计不超过 5 分，笔试 40% 面试 60%，1:2 进入面试，缺额不再递补，按总成绩排名顺序选岗。";

    /// <summary>35, relaxed to 40 with a social-work certificate and to 45 with three years of community work on the pension record.</summary>
    public static readonly RoundRules RelaxedAge = new()
    {
        MinAge = 18, MaxAge = 35, MinEducation = Education.College,
        BonusItems = [new BonusItem("SW", "持社会工作者职业资格证书", 2m), new BonusItem("VET", "退役军人", 2m)],
        BonusMode = BonusMode.HighestSingle,
        AgeRelaxations = [new AgeRelaxation("SW", null, 5), new AgeRelaxation(null, 3, 10)],
        AgeRelaxationsStack = false, CommunityYearsFromPensionRecord = true,
        ShortlistRatio = 3, WrittenWeight = 0.5m, InterviewWeight = 0.5m, Substitution = true, NoticeDays = 7,
    };

    /// <summary>40, local household registration, bonus summed up to 5, 40/60 weights, 1:2, no substitution, candidates choose their community.</summary>
    public static readonly RoundRules LocalPooled = new()
    {
        MinAge = 18, MaxAge = 40, MinEducation = Education.College, HouseholdArea = "江苏省苏州市",
        BonusItems = [new BonusItem("SW", "持社会工作者职业资格证书", 2m), new BonusItem("VET", "退役军人", 3m), new BonusItem("GRID", "在职网格员满 2 年", 2m)],
        BonusMode = BonusMode.SummedWithCap, BonusCap = 5m,
        ShortlistRatio = 2, LargePostShortlistRatio = 2, WrittenWeight = 0.4m, InterviewWeight = 0.6m, Substitution = false, PooledPostChoice = true, NoticeDays = 5,
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
        bool PooledPostChoice = false, HouseholdOf HouseholdOf = HouseholdOf.Self, bool RequirePartyMember = false, int MinPartyYears = 0, bool TwoStageReview = false);

    private static readonly JsonSerializerOptions Options = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>Serialises rules.</summary>
    public static string Write(RoundRules r) => JsonSerializer.Serialize(new Document(r.MinAge, r.MaxAge, r.AgeReferenceDate.ToDateOnly(), r.MinEducation, r.HouseholdArea,
        r.WrittenPassLineKind, r.WrittenPassLine, r.ShortlistRatio, r.LargePostShortlistRatio, r.LargePostThreshold, r.InterviewPassLine, r.WrittenWeight,
        r.InterviewWeight, [.. r.BonusItems], [.. r.TieBreaks], r.DropExtremesFromExaminers, r.NoticeDays, r.ProbationMonths, r.ReserveValidityMonths,
        r.BonusMode, r.BonusCap, [.. r.BonusBands], r.BonusMayExceedMaximum, [.. r.AgeRelaxations], r.AgeRelaxationsStack, r.CommunityYearsFromPensionRecord, r.Substitution, r.PooledPostChoice, r.HouseholdOf, r.RequirePartyMember, r.MinPartyYears, r.TwoStageReview), Options);

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
            MinPartyYears = d.MinPartyYears, TwoStageReview = d.TwoStageReview,
        };
    }
}
