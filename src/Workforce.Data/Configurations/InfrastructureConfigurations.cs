using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workforce.Data.Auditing;
using Workforce.Data.Identity;

namespace Workforce.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditEntries");
        b.Property(x => x.UserId).HasMaxLength(64);
        b.Property(x => x.UserName).HasMaxLength(256).IsRequired();
        b.Property(x => x.Action).HasMaxLength(40).IsRequired();
        b.Property(x => x.EntityType).HasMaxLength(60).IsRequired();
        b.Property(x => x.EntityId).HasMaxLength(200).IsRequired();
        b.Property(x => x.PreviousHash).HasMaxLength(72).IsRequired();
        b.Property(x => x.Hash).HasMaxLength(72).IsRequired();
        b.HasIndex(x => x.Sequence).IsUnique();
        b.HasIndex(x => new { x.EntityType, x.EntityId });
        b.HasIndex(x => x.Timestamp);
    }
}

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> b)
    {
        b.ToTable("AuditChainHead");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.LastHash).HasMaxLength(72).IsRequired();
        b.HasData(new AuditChainHead { Id = 1, Sequence = 0, LastHash = AuditHasher.Genesis });
    }
}

internal sealed class DataStampConfiguration : IEntityTypeConfiguration<DataStamp>
{
    public void Configure(EntityTypeBuilder<DataStamp> b)
    {
        b.ToTable("DataStamps");
        b.HasKey(x => x.Name);
        b.Property(x => x.Name).HasMaxLength(40);
        b.HasData(new DataStamp { Name = DataStamp.Registry, Value = 0 }, new DataStamp { Name = DataStamp.Payslips, Value = 0 }, new DataStamp { Name = DataStamp.Data, Value = 0 });
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> b)
    {
        b.ToTable("DataProtectionKeys");
        b.Property(x => x.FriendlyName).HasMaxLength(100).IsRequired();
    }
}

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> b)
    {
        b.Property(x => x.DisplayName).HasMaxLength(60).IsRequired();
        b.HasIndex(x => x.OrgUnitId);
        b.HasOne<Workforce.Domain.Organisation.OrgUnit>().WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Workforce.Domain.Workers.Worker>().WithMany().HasForeignKey(x => x.WorkerId).OnDelete(DeleteBehavior.Restrict);
    }
}
