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
        // The rules are one value: stored as a JSON document (schema: RoundRulesJson).
        b.Property(x => x.Rules).HasConversion(new ValueConverter<RoundRules, string>(r => RoundRulesJson.Write(r), s => RoundRulesJson.Read(s)),
            new ValueComparer<RoundRules>((x, y) => RoundRulesJson.Write(x!) == RoundRulesJson.Write(y!), r => RoundRulesJson.Write(r).GetHashCode(StringComparison.Ordinal), r => RoundRulesJson.Read(RoundRulesJson.Write(r))))
            .HasColumnName("RulesJson").IsRequired();
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
        b.Property(x => x.BonusCodes).HasMaxLength(100).IsRequired();
        b.Property(x => x.QualificationReason).HasMaxLength(200);
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

/// <summary>The JSON form of <see cref="RoundRules"/> stored with a round.</summary>
public static class RoundRulesJson
{
    private sealed record Document(int MinAge, int MaxAge, DateOnly AgeReferenceDate, Education MinEducation, string? HouseholdArea,
        PassLineKind WrittenPassLineKind, decimal WrittenPassLine, int ShortlistRatio, int LargePostShortlistRatio, int LargePostThreshold,
        decimal InterviewPassLine, decimal WrittenWeight, decimal InterviewWeight, List<BonusItem> BonusItems, List<TieBreak> TieBreaks,
        int DropExtremesFromExaminers, int NoticeDays, int ProbationMonths, int ReserveValidityMonths,
        // Added with issue 18; rounds stored before read the defaults.
        BonusMode BonusMode = BonusMode.HighestSingle, decimal BonusCap = 0m, List<BonusBand>? BonusBands = null, bool BonusMayExceedMaximum = true,
        List<AgeRelaxation>? AgeRelaxations = null, bool AgeRelaxationsStack = false, bool CommunityYearsFromPensionRecord = false, bool Substitution = true,
        bool PooledPostChoice = false);

    private static readonly JsonSerializerOptions Options = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>Serialises rules.</summary>
    public static string Write(RoundRules r) => JsonSerializer.Serialize(new Document(r.MinAge, r.MaxAge, r.AgeReferenceDate.ToDateOnly(), r.MinEducation, r.HouseholdArea,
        r.WrittenPassLineKind, r.WrittenPassLine, r.ShortlistRatio, r.LargePostShortlistRatio, r.LargePostThreshold, r.InterviewPassLine, r.WrittenWeight,
        r.InterviewWeight, [.. r.BonusItems], [.. r.TieBreaks], r.DropExtremesFromExaminers, r.NoticeDays, r.ProbationMonths, r.ReserveValidityMonths,
        r.BonusMode, r.BonusCap, [.. r.BonusBands], r.BonusMayExceedMaximum, [.. r.AgeRelaxations], r.AgeRelaxationsStack, r.CommunityYearsFromPensionRecord, r.Substitution, r.PooledPostChoice), Options);

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
            Substitution = d.Substitution, PooledPostChoice = d.PooledPostChoice,
        };
    }
}
