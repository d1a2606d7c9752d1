using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Workforce.Domain.Assessment;
using Workforce.Domain.Organisation;
using Workforce.Domain.Workers;

namespace Workforce.Data.Configurations;

internal static class SchemeColumn
{
    // The scheme is one value: stored as a JSON document (schema: AssessmentSchemeJson).
    public static void Map<T>(EntityTypeBuilder<T> b, System.Linq.Expressions.Expression<Func<T, AssessmentScheme>> property) where T : class =>
        b.Property(property).HasConversion(new ValueConverter<AssessmentScheme, string>(s => AssessmentSchemeJson.Write(s), s => AssessmentSchemeJson.Read(s)),
            new ValueComparer<AssessmentScheme>((x, y) => AssessmentSchemeJson.Write(x!) == AssessmentSchemeJson.Write(y!),
                s => AssessmentSchemeJson.Write(s).GetHashCode(StringComparison.Ordinal), s => AssessmentSchemeJson.Read(AssessmentSchemeJson.Write(s))))
            .HasColumnName("SchemeJson").IsRequired();
}

internal sealed class AssessmentSchemeVersionConfiguration : IEntityTypeConfiguration<AssessmentSchemeVersion>
{
    public void Configure(EntityTypeBuilder<AssessmentSchemeVersion> b)
    {
        b.ToTable("AssessmentSchemes");
        SchemeColumn.Map(b, x => x.Scheme);
        b.HasIndex(x => new { x.OrgUnitId, x.FromYear }).IsUnique();
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AssessmentRoundConfiguration : IEntityTypeConfiguration<AssessmentRound>
{
    public void Configure(EntityTypeBuilder<AssessmentRound> b)
    {
        b.ToTable("AssessmentRounds");
        b.Property(x => x.Name).HasMaxLength(100).IsRequired();
        SchemeColumn.Map(b, x => x.Scheme);
        // One round per unit and year.
        b.HasIndex(x => new { x.OrgUnitId, x.Year }).IsUnique();
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Entries).WithOne().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Objections).WithOne().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Entries).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(x => x.Objections).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(x => x.VotingOpen);
    }
}

internal sealed class AssessmentEntryConfiguration : IEntityTypeConfiguration<AssessmentEntry>
{
    public void Configure(EntityTypeBuilder<AssessmentEntry> b)
    {
        b.ToTable("AssessmentEntries");
        b.HasIndex(x => new { x.RoundId, x.WorkerId }).IsUnique();
        b.HasIndex(x => x.WorkerId);
        b.HasOne<Worker>().WithMany().HasForeignKey(x => x.WorkerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.ReportText).HasMaxLength(4000);
        b.Property(x => x.ReportAttachment).HasMaxLength(100);
        b.Property(x => x.ReportScore).HasPrecision(5, 2);
        b.Property(x => x.OrganisationScore).HasPrecision(5, 2);
        b.Property(x => x.VoteScore).HasPrecision(5, 2);
        b.Property(x => x.Composite).HasPrecision(5, 2);
    }
}

internal sealed class AssessmentObjectionConfiguration : IEntityTypeConfiguration<AssessmentObjection>
{
    public void Configure(EntityTypeBuilder<AssessmentObjection> b)
    {
        b.ToTable("AssessmentObjections");
        b.Property(x => x.Text).HasMaxLength(1000).IsRequired();
        b.Property(x => x.Resolution).HasMaxLength(1000);
        b.HasOne(x => x.Entry).WithMany().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(x => x.IsOpen);
    }
}

internal sealed class BallotCodeConfiguration : IEntityTypeConfiguration<BallotCode>
{
    public void Configure(EntityTypeBuilder<BallotCode> b)
    {
        b.ToTable("BallotCodes");
        b.Property(x => x.CodeHash).HasMaxLength(64).IsUnicode(false).IsRequired();
        b.HasIndex(x => x.CodeHash).IsUnique();
        b.HasIndex(x => new { x.RoundId, x.UnitId, x.Used });
        b.HasOne<AssessmentRound>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BallotConfiguration : IEntityTypeConfiguration<Ballot>
{
    public void Configure(EntityTypeBuilder<Ballot> b)
    {
        b.ToTable("Ballots");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.HasIndex(x => new { x.RoundId, x.UnitId });
        b.HasOne<AssessmentRound>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Marks).WithOne().HasForeignKey(x => x.BallotId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Marks).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class BallotMarkConfiguration : IEntityTypeConfiguration<BallotMark>
{
    public void Configure(EntityTypeBuilder<BallotMark> b)
    {
        b.ToTable("BallotMarks");
        b.HasKey(x => new { x.BallotId, x.EntryId });
        b.Property(x => x.Points).HasPrecision(5, 2);
        b.HasIndex(x => x.EntryId);
        b.HasOne<AssessmentEntry>().WithMany().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AssessmentAttachmentConfiguration : IEntityTypeConfiguration<AssessmentAttachment>
{
    public void Configure(EntityTypeBuilder<AssessmentAttachment> b)
    {
        b.ToTable("AssessmentAttachments");
        b.HasKey(x => x.EntryId);
        b.Property(x => x.EntryId).ValueGeneratedNever();
        b.Property(x => x.FileName).HasMaxLength(100).IsRequired();
        b.Property(x => x.ContentType).HasMaxLength(100).IsRequired();
        b.Property(x => x.Content).IsRequired();
        b.HasOne<AssessmentEntry>().WithMany().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The JSON form of <see cref="AssessmentScheme"/> stored with a scheme version and a round.</summary>
public static class AssessmentSchemeJson
{
    private sealed record Document(int FromYear, decimal ReportWeight, decimal VoteWeight, decimal OrganisationWeight, List<VoterWeight> Voters,
        BallotMode BallotMode, decimal ExcellentPoints, decimal QualifiedPoints, decimal BasicallyQualifiedPoints, decimal UnqualifiedPoints,
        decimal ExcellentLine, decimal QualifiedLine, decimal BasicallyQualifiedLine, int ExcellentQuotaPercent, QuotaScope? QuotaScope, AssessmentRating? DisciplineCap,
        int? AbsenceDaysLimit, AssessmentRating AbsenceCap, int NoticeDays, int BallotHours);

    private static readonly JsonSerializerOptions Options = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>Serialises a scheme.</summary>
    public static string Write(AssessmentScheme s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return JsonSerializer.Serialize(new Document(s.FromYear, s.ReportWeight, s.VoteWeight, s.OrganisationWeight, [.. s.Voters], s.BallotMode,
            s.ExcellentPoints, s.QualifiedPoints, s.BasicallyQualifiedPoints, s.UnqualifiedPoints, s.ExcellentLine, s.QualifiedLine, s.BasicallyQualifiedLine,
            s.ExcellentQuotaPercent, s.QuotaScope, s.DisciplineCap, s.AbsenceDaysLimit, s.AbsenceCap, s.NoticeDays, s.BallotHours), Options);
    }

    /// <summary>Reads a scheme.</summary>
    public static AssessmentScheme Read(string json)
    {
        var d = JsonSerializer.Deserialize<Document>(json, Options)!;
        return new AssessmentScheme
        {
            FromYear = d.FromYear, ReportWeight = d.ReportWeight, VoteWeight = d.VoteWeight, OrganisationWeight = d.OrganisationWeight, Voters = d.Voters,
            BallotMode = d.BallotMode, ExcellentPoints = d.ExcellentPoints, QualifiedPoints = d.QualifiedPoints, BasicallyQualifiedPoints = d.BasicallyQualifiedPoints,
            UnqualifiedPoints = d.UnqualifiedPoints, ExcellentLine = d.ExcellentLine, QualifiedLine = d.QualifiedLine, BasicallyQualifiedLine = d.BasicallyQualifiedLine,
            ExcellentQuotaPercent = d.ExcellentQuotaPercent, QuotaScope = d.QuotaScope ?? QuotaScope.Community, DisciplineCap = d.DisciplineCap, AbsenceDaysLimit = d.AbsenceDaysLimit, AbsenceCap = d.AbsenceCap,
            NoticeDays = d.NoticeDays, BallotHours = d.BallotHours,
        };
    }
}
