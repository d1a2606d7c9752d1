using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Workforce.Data.Security;
using Workforce.Domain.Organisation;
using Workforce.Domain.Pay;
using Workforce.Domain.Workers;

namespace Workforce.Data.Configurations;

internal sealed class PayPeriodConfiguration : IEntityTypeConfiguration<PayPeriod>
{
    public void Configure(EntityTypeBuilder<PayPeriod> b)
    {
        b.ToTable("PayPeriods");
        b.HasIndex(x => new { x.DistrictId, x.Month }).IsUnique();
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.CalculatedBy).HasMaxLength(64);
        b.Property(x => x.ApprovedBy).HasMaxLength(64);
        b.Property(x => x.LockedBy).HasMaxLength(64);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.Totals);
        b.Ignore(x => x.AcceptsRuns);
    }
}

internal sealed class PayrollRunConfiguration : IEntityTypeConfiguration<PayrollRun>
{
    public void Configure(EntityTypeBuilder<PayrollRun> b)
    {
        b.ToTable("PayrollRuns");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.StartedBy).HasMaxLength(64);
        b.Property(x => x.Instance).HasMaxLength(200).IsRequired();
        b.Property(x => x.Report).HasMaxLength(PayrollRun.MaxReportLength);
        b.HasIndex(x => new { x.PeriodId, x.Status });
        // One live run per period, enforced by the database itself (a partial unique index; SQLite, PostgreSQL and SQL Server
        // all accept this filter): of simultaneous starts exactly one insert succeeds.
        b.HasIndex(x => x.PeriodId).IsUnique().HasFilter($"\"Status\" = {(int)RunStatus.Running}").HasDatabaseName("IX_PayrollRuns_OneRunning");
        b.HasOne<PayPeriod>().WithMany().HasForeignKey(x => x.PeriodId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PayrollStartConfiguration : IEntityTypeConfiguration<PayrollStart>
{
    public void Configure(EntityTypeBuilder<PayrollStart> b)
    {
        b.ToTable("PayrollStarts");
        b.HasKey(x => x.DistrictId);
        b.Property(x => x.DistrictId).ValueGeneratedNever();
        b.Property(x => x.ChosenBy).HasMaxLength(64).IsRequired();
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PayslipRecordConfiguration : IEntityTypeConfiguration<PayslipRecord>
{
    public void Configure(EntityTypeBuilder<PayslipRecord> b)
    {
        b.ToTable("Payslips");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ContributionBase).HasPrecision(18, 2);
        b.Property(x => x.SettledAwards).HasMaxLength(1000);
        // The database itself refuses a second payslip for the same worker, month and kind.
        b.HasIndex(x => new { x.WorkerId, x.Month, x.Kind }).IsUnique();
        b.HasIndex(x => new { x.PeriodId, x.CommunityId });
        // Covers the reads of locked months (year-to-date sums, fingerprints, corrections) so a run never scans the payslips'
        // rows with their lines: about 100 bytes an entry against 2 KB a row.
        b.HasIndex(x => new
        {
            x.PeriodId, x.WorkerId, x.Month, x.FactsHash, x.HasRetro, x.TaxableIncomeFen, x.SpecialDeductionsFen, x.AdditionalDeductionsFen,
            x.TaxThisMonthFen, x.GrossFen, x.EmployerFen, x.ReserveFen,
        }).HasDatabaseName("IX_Payslips_LockedFigures");
        b.HasOne<PayPeriod>().WithMany().HasForeignKey(x => x.PeriodId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Worker>().WithMany().HasForeignKey(x => x.WorkerId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.LinesData).IsRequired();
        b.Ignore(x => x.Lines);
    }
}

internal sealed class PeriodComponentTotalConfiguration : IEntityTypeConfiguration<PeriodComponentTotal>
{
    public void Configure(EntityTypeBuilder<PeriodComponentTotal> b)
    {
        b.ToTable("PeriodComponentTotals");
        b.HasKey(x => new { x.PeriodId, x.CommunityId, x.Code });
        b.Property(x => x.Code).HasMaxLength(64).IsRequired();
        b.HasOne<PayPeriod>().WithMany().HasForeignKey(x => x.PeriodId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RuleSetVersionConfiguration : IEntityTypeConfiguration<RuleSetVersion>
{
    public void Configure(EntityTypeBuilder<RuleSetVersion> b)
    {
        b.ToTable("RuleSetVersions");
        b.Property(x => x.Code).HasMaxLength(64).IsRequired();
        b.Property(x => x.Name).HasMaxLength(200).IsRequired();
        b.Property(x => x.Json).IsRequired();
        b.Property(x => x.CreatedBy).HasMaxLength(64).IsRequired();
        b.Property(x => x.DecidedBy).HasMaxLength(64);
        b.Property(x => x.Note).HasMaxLength(500);
        b.HasIndex(x => new { x.Code, x.Version }).IsUnique();
    }
}

internal sealed class AnnualAssessmentConfiguration : IEntityTypeConfiguration<AnnualAssessment>
{
    public void Configure(EntityTypeBuilder<AnnualAssessment> b)
    {
        b.ToTable("AnnualAssessments");
        b.Property(x => x.Note).HasMaxLength(200);
        b.HasIndex(x => new { x.WorkerId, x.Year }).IsUnique();
        b.HasOne<Worker>().WithMany().HasForeignKey(x => x.WorkerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LeaderRecognitionConfiguration : IEntityTypeConfiguration<LeaderRecognition>
{
    public void Configure(EntityTypeBuilder<LeaderRecognition> b)
    {
        b.ToTable("LeaderRecognitions");
        b.Property(x => x.Document).HasMaxLength(100).IsRequired();
        b.HasIndex(x => new { x.WorkerId, x.Year }).IsUnique();
        b.HasOne<Worker>().WithMany().HasForeignKey(x => x.WorkerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OpeningBalanceConfiguration : IEntityTypeConfiguration<OpeningBalance>
{
    public void Configure(EntityTypeBuilder<OpeningBalance> b)
    {
        b.ToTable("OpeningBalances");
        b.HasIndex(x => new { x.WorkerId, x.AsOf }).IsUnique();
        b.Ignore(x => x.Amounts);
        b.HasOne<Worker>().WithMany().HasForeignKey(x => x.WorkerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ContributionBaseConfiguration : IEntityTypeConfiguration<ContributionBase>
{
    public void Configure(EntityTypeBuilder<ContributionBase> b)
    {
        b.ToTable("ContributionBases");
        b.HasIndex(x => new { x.WorkerId, x.Year }).IsUnique();
        b.HasOne<Worker>().WithMany().HasForeignKey(x => x.WorkerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SpecialDeductionConfiguration : IEntityTypeConfiguration<SpecialDeduction>
{
    public void Configure(EntityTypeBuilder<SpecialDeduction> b)
    {
        b.ToTable("SpecialDeductions");
        b.HasIndex(x => new { x.WorkerId, x.Month }).IsUnique();
        b.HasOne<Worker>().WithMany().HasForeignKey(x => x.WorkerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ApprovedBankAccountConfiguration(IPersonalDataCipher protector) : IEntityTypeConfiguration<ApprovedBankAccount>
{
    public void Configure(EntityTypeBuilder<ApprovedBankAccount> b)
    {
        b.ToTable("ApprovedBankAccounts");
        b.HasKey(x => new { x.PeriodId, x.WorkerId });
        b.Property(x => x.BankName).HasMaxLength(100).IsRequired();
        // The same cipher text as BankAccounts.NumberEncrypted: recorded by copying the column, read like it.
        b.Property(x => x.Number)
            .HasConversion(new ValueConverter<BankAccountNumber, string>(v => protector.Protect(v.Value), s => BankAccountNumber.Parse(protector.Unprotect(s))))
            .HasColumnName("NumberEncrypted").HasMaxLength(160).IsRequired();
        b.HasOne<PayPeriod>().WithMany().HasForeignKey(x => x.PeriodId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Worker>().WithMany().HasForeignKey(x => x.WorkerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BankAccountConfiguration(IPersonalDataCipher protector) : IEntityTypeConfiguration<BankAccount>
{
    public void Configure(EntityTypeBuilder<BankAccount> b)
    {
        b.ToTable("BankAccounts");
        b.HasKey(x => x.WorkerId);
        b.Property(x => x.WorkerId).ValueGeneratedNever();
        b.Property(x => x.BankName).HasMaxLength(100).IsRequired();
        b.Property(x => x.Number)
            .HasConversion(new ValueConverter<BankAccountNumber, string>(v => protector.Protect(v.Value), s => BankAccountNumber.Parse(protector.Unprotect(s))))
            .HasColumnName("NumberEncrypted").HasMaxLength(160).IsRequired();
        b.HasOne<Worker>().WithMany().HasForeignKey(x => x.WorkerId).OnDelete(DeleteBehavior.Restrict);
    }
}
