using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workforce.Domain.Mentorship;
using Workforce.Domain.Organisation;
using Workforce.Domain.ReservePool;
using Workforce.Domain.Training;
using Workforce.Domain.Workers;

namespace Workforce.Data.Configurations;

internal sealed class ReserveEntryConfiguration : IEntityTypeConfiguration<ReserveEntry>
{
    public void Configure(EntityTypeBuilder<ReserveEntry> b)
    {
        b.ToTable("ReserveEntries");
        b.Property(x => x.NominationNote).HasMaxLength(500);
        b.Property(x => x.VettingNote).HasMaxLength(500);
        b.Property(x => x.EndReason).HasMaxLength(500);
        // One open entry per person: OpenWorkerId is the worker while nominated/active, null after.
        // (SQL Server gets the "IS NOT NULL" filter by convention, PostgreSQL and SQLite allow many nulls.)
        b.HasIndex(x => x.OpenWorkerId).IsUnique();
        b.HasIndex(x => new { x.CommunityId, x.Status });
        b.HasIndex(x => x.WorkerId);
        b.HasOne<Worker>().WithMany().HasForeignKey(x => x.WorkerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.CommunityId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Reviews).WithOne().HasForeignKey(x => x.ReserveEntryId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Reviews).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(x => x.IsOpen);
        b.Ignore(x => x.LastReviewedOn);
    }
}

internal sealed class ReserveReviewConfiguration : IEntityTypeConfiguration<ReserveReview>
{
    public void Configure(EntityTypeBuilder<ReserveReview> b)
    {
        b.ToTable("ReserveReviews");
        b.Property(x => x.Note).HasMaxLength(1000).IsRequired();
        b.Property(x => x.Reviewer).HasMaxLength(64).IsRequired();
    }
}

internal sealed class TrainingCampConfiguration : IEntityTypeConfiguration<TrainingCamp>
{
    public void Configure(EntityTypeBuilder<TrainingCamp> b)
    {
        b.ToTable("TrainingCamps");
        b.Property(x => x.Name).HasMaxLength(100).IsRequired();
        b.HasIndex(x => x.OrgUnitId);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Modules).WithOne().HasForeignKey(x => x.CampId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Modules).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(x => x.Period);
        b.Ignore(x => x.Sessions);
    }
}

internal sealed class CampModuleConfiguration : IEntityTypeConfiguration<CampModule>
{
    public void Configure(EntityTypeBuilder<CampModule> b)
    {
        b.ToTable("CampModules");
        b.Property(x => x.Name).HasMaxLength(100).IsRequired();
        b.HasMany(x => x.Courses).WithOne().HasForeignKey(x => x.ModuleId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Courses).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class CourseConfiguration : IEntityTypeConfiguration<Course>
{
    public void Configure(EntityTypeBuilder<Course> b)
    {
        b.ToTable("Courses");
        b.Property(x => x.Title).HasMaxLength(100).IsRequired();
        b.Property(x => x.PassScore).HasPrecision(5, 2);
        b.HasMany(x => x.Sessions).WithOne().HasForeignKey(x => x.CourseId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Sessions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class CourseSessionConfiguration : IEntityTypeConfiguration<CourseSession>
{
    public void Configure(EntityTypeBuilder<CourseSession> b)
    {
        b.ToTable("CourseSessions");
        b.Property(x => x.Place).HasMaxLength(100).IsRequired();
        b.Property(x => x.Teacher).HasMaxLength(50).IsRequired();
        b.HasIndex(x => new { x.CourseId, x.Date });
        b.HasIndex(x => x.Date);
    }
}

internal sealed class EnrolmentConfiguration : IEntityTypeConfiguration<Enrolment>
{
    public void Configure(EntityTypeBuilder<Enrolment> b)
    {
        b.ToTable("Enrolments");
        b.Property(x => x.CompletionNumber).HasMaxLength(40);
        b.HasIndex(x => new { x.CampId, x.WorkerId }).IsUnique();
        b.HasIndex(x => x.WorkerId);
        b.HasOne<TrainingCamp>().WithMany().HasForeignKey(x => x.CampId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Worker>().WithMany().HasForeignKey(x => x.WorkerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AttendanceConfiguration : IEntityTypeConfiguration<Attendance>
{
    public void Configure(EntityTypeBuilder<Attendance> b)
    {
        b.ToTable("Attendances");
        b.HasIndex(x => new { x.SessionId, x.WorkerId }).IsUnique();
        b.HasIndex(x => x.WorkerId);
        b.HasOne<CourseSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Worker>().WithMany().HasForeignKey(x => x.WorkerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ExternalTrainingConfiguration : IEntityTypeConfiguration<ExternalTraining>
{
    public void Configure(EntityTypeBuilder<ExternalTraining> b)
    {
        b.ToTable("ExternalTrainings");
        b.Property(x => x.Title).HasMaxLength(100).IsRequired();
        b.Property(x => x.Organiser).HasMaxLength(100).IsRequired();
        b.Property(x => x.CertificateNumber).HasMaxLength(40);
        b.HasIndex(x => new { x.WorkerId, x.CompletedOn });
        b.HasIndex(x => x.CompletedOn);
        b.HasOne<Worker>().WithMany().HasForeignKey(x => x.WorkerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CourseResultConfiguration : IEntityTypeConfiguration<CourseResult>
{
    public void Configure(EntityTypeBuilder<CourseResult> b)
    {
        b.ToTable("CourseResults");
        b.Property(x => x.Score).HasPrecision(5, 2);
        b.HasIndex(x => new { x.CourseId, x.WorkerId }).IsUnique();
        b.HasIndex(x => x.WorkerId);
        b.HasOne<Course>().WithMany().HasForeignKey(x => x.CourseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Worker>().WithMany().HasForeignKey(x => x.WorkerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MentorshipConfiguration : IEntityTypeConfiguration<Mentorship>
{
    public void Configure(EntityTypeBuilder<Mentorship> b)
    {
        b.ToTable("Mentorships");
        b.Property(x => x.Goals).HasMaxLength(1000).IsRequired();
        b.Property(x => x.EvaluationNote).HasMaxLength(1000);
        b.HasIndex(x => new { x.OrgUnitId, x.End });
        b.HasIndex(x => x.MentorId);
        b.HasOne<Worker>().WithMany().HasForeignKey(x => x.MentorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Mentees).WithOne().HasForeignKey(x => x.MentorshipId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.CheckIns).WithOne().HasForeignKey(x => x.MentorshipId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Mentees).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(x => x.CheckIns).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(x => x.Period);
    }
}

internal sealed class MentorshipMenteeConfiguration : IEntityTypeConfiguration<MentorshipMentee>
{
    public void Configure(EntityTypeBuilder<MentorshipMentee> b)
    {
        b.ToTable("MentorshipMentees");
        b.HasIndex(x => new { x.MentorshipId, x.WorkerId }).IsUnique();
        b.HasIndex(x => x.WorkerId);
        b.HasOne<Worker>().WithMany().HasForeignKey(x => x.WorkerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MentorshipCheckInConfiguration : IEntityTypeConfiguration<MentorshipCheckIn>
{
    public void Configure(EntityTypeBuilder<MentorshipCheckIn> b)
    {
        b.ToTable("MentorshipCheckIns");
        b.Property(x => x.Note).HasMaxLength(1000).IsRequired();
    }
}

internal sealed class ShadowingPlacementConfiguration : IEntityTypeConfiguration<ShadowingPlacement>
{
    public void Configure(EntityTypeBuilder<ShadowingPlacement> b)
    {
        b.ToTable("ShadowingPlacements");
        b.Property(x => x.HostOrganisation).HasMaxLength(100).IsRequired();
        b.Property(x => x.City).HasMaxLength(30).IsRequired();
        b.Property(x => x.Report).HasMaxLength(4000);
        b.HasIndex(x => new { x.OrgUnitId, x.Start });
        b.HasIndex(x => x.WorkerId);
        b.HasOne<Worker>().WithMany().HasForeignKey(x => x.WorkerId).OnDelete(DeleteBehavior.Restrict);
    }
}
