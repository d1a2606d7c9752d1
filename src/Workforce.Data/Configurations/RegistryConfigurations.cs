using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Workforce.Data.Security;
using Workforce.Domain.Certification;
using Workforce.Domain.Organisation;
using Workforce.Domain.Policy;
using Workforce.Domain.Workers;

namespace Workforce.Data.Configurations;

internal sealed class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnit>
{
    public void Configure(EntityTypeBuilder<OrgUnit> b)
    {
        b.ToTable("OrgUnits");
        b.Property(x => x.Code).HasMaxLength(24).IsRequired();
        b.Property(x => x.Name).HasMaxLength(60).IsRequired();
        b.Property(x => x.Path).HasMaxLength(200).IsRequired();
        b.HasIndex(x => x.Code).IsUnique();
        b.HasIndex(x => x.Path);
        b.HasIndex(x => new { x.ParentId, x.Type });
        b.HasOne(x => x.Parent).WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WorkerConfiguration(IPersonalDataCipher protector) : IEntityTypeConfiguration<Worker>
{
    public void Configure(EntityTypeBuilder<Worker> b)
    {
        b.ToTable("Workers");
        b.Property(x => x.Name).HasMaxLength(30).IsRequired();
        PersonalDataMapping.MapIdCardAndPhone(b, protector, x => x.IdCard, x => x.Phone);
        b.HasIndex(WorkforceDbContext.IdCardHashProperty).IsUnique();
        // Covers the scoped count and the sorted page of ids (see docs/benchmarks.md).
        b.HasIndex(x => new { x.OrgUnitId, x.LeaveDate, x.Name });
        b.HasIndex(x => new { x.CurrentPost, x.CurrentGrade });
        b.HasIndex(x => x.Name);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.PostAssignments).WithOne(x => x.Worker).HasForeignKey(x => x.WorkerId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.GridAssignments).WithOne(x => x.Worker).HasForeignKey(x => x.WorkerId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Certificates).WithOne().HasForeignKey(x => x.WorkerId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.PostAssignments).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(x => x.GridAssignments).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(x => x.Certificates).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class PostAssignmentConfiguration : IEntityTypeConfiguration<PostAssignment>
{
    public void Configure(EntityTypeBuilder<PostAssignment> b)
    {
        b.ToTable("PostAssignments");
        b.Property(x => x.Grade).HasConversion(g => g.Value, v => new Grade(v));
        b.Property(x => x.Reason).HasMaxLength(4000);
        b.HasIndex(x => new { x.WorkerId, x.Start }).IsUnique();
        // Covers "the assignment in force today" look-ups and the post/grade filters (docs/benchmarks.md).
        b.HasIndex(x => new { x.WorkerId, x.Start, x.End, x.Post, x.Grade }).HasDatabaseName("IX_PostAssignments_Current");
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.CommunityId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GridAssignmentConfiguration : IEntityTypeConfiguration<GridAssignment>
{
    public void Configure(EntityTypeBuilder<GridAssignment> b)
    {
        b.ToTable("GridAssignments");
        b.HasIndex(x => new { x.GridId, x.End });
        b.HasIndex(x => new { x.WorkerId, x.GridId, x.Start }).IsUnique();
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.GridId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> b)
    {
        b.ToTable("Certificates");
        b.Property(x => x.Number).HasMaxLength(40).IsRequired();
        b.Property(x => x.VerifiedBy).HasMaxLength(64);
        b.HasIndex(x => new { x.Level, x.Number }).IsUnique();
        b.Ignore(x => x.IsVerified);
    }
}

internal sealed class GradeBandConfiguration : IEntityTypeConfiguration<GradeBand>
{
    public void Configure(EntityTypeBuilder<GradeBand> b)
    {
        b.ToTable("GradeBands");
        b.HasIndex(x => new { x.Post, x.EffectiveFrom }).IsUnique();
    }
}

internal sealed class PolicyParameterConfiguration : IEntityTypeConfiguration<PolicyParameter>
{
    public void Configure(EntityTypeBuilder<PolicyParameter> b)
    {
        b.ToTable("PolicyParameters");
        b.Property(x => x.Code).HasMaxLength(80).IsRequired();
        b.Property(x => x.Value).HasPrecision(18, 4);
        b.Property(x => x.Note).HasMaxLength(400);
        b.HasIndex(x => new { x.Code, x.EffectiveFrom }).IsUnique();
    }
}

/// <summary>The one mapping of ID-card and phone numbers, for every entity that holds them.</summary>
internal static class PersonalDataMapping
{
    /// <summary>
    /// Encrypted columns (random nonce: never compare them in SQL) plus the keyed-hash shadow column
    /// <see cref="WorkforceDbContext.IdCardHashProperty"/> used for look-ups and uniqueness.
    /// </summary>
    public static void MapIdCardAndPhone<T>(EntityTypeBuilder<T> b, IPersonalDataCipher protector,
        System.Linq.Expressions.Expression<Func<T, IdCardNumber>> idCard, System.Linq.Expressions.Expression<Func<T, PhoneNumber?>> phone) where T : class
    {
        b.Property(idCard)
            .HasConversion(new ValueConverter<IdCardNumber, string>(v => protector.Protect(v.Value), s => IdCardNumber.Parse(protector.Unprotect(s))))
            .HasColumnName("IdCardEncrypted").HasMaxLength(128).IsRequired();
        b.Property(phone)
            .HasConversion(new ValueConverter<PhoneNumber?, string?>(v => v == null ? null : protector.Protect(v.Value.Value), s => s == null ? null : PhoneNumber.Parse(protector.Unprotect(s))))
            .HasColumnName("PhoneEncrypted").HasMaxLength(128);
        // "{A|S}:{key id}:{64 hex}" (79 characters); the first release's bare 64 hex digits until rotated.
        b.Property<string>(WorkforceDbContext.IdCardHashProperty).HasMaxLength(80).IsRequired();
    }
}

internal sealed class ResidentFeedbackConfiguration : IEntityTypeConfiguration<ResidentFeedback>
{
    public void Configure(EntityTypeBuilder<ResidentFeedback> b)
    {
        b.ToTable("ResidentFeedback");
        b.Property(x => x.Comment).HasMaxLength(ResidentFeedback.MaxComment);
        b.Property(x => x.SourceHash).HasMaxLength(64).IsRequired();
        b.HasIndex(x => x.SourceHash).IsUnique();
        b.HasIndex(x => new { x.WorkerId, x.ReceivedOn });
        b.HasOne<Worker>().WithMany().HasForeignKey(x => x.WorkerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConductRecordConfiguration : IEntityTypeConfiguration<ConductRecord>
{
    public void Configure(EntityTypeBuilder<ConductRecord> b)
    {
        b.ToTable("ConductRecords");
        b.Property(x => x.IssuedBy).HasMaxLength(100).IsRequired();
        b.Property(x => x.Effect).HasMaxLength(400).IsRequired();
        b.Property(x => x.Document).HasMaxLength(100);
        b.Ignore(x => x.Kind);
        b.HasIndex(x => new { x.WorkerId, x.DecidedOn });
        b.HasOne<Worker>().WithMany().HasForeignKey(x => x.WorkerId).OnDelete(DeleteBehavior.Restrict);
    }
}
