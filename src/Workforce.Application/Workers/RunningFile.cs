using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Application.Training;
using Workforce.Data;
using Workforce.Domain.Assessment;
using Workforce.Domain.Common;
using Workforce.Domain.Training;
using Workforce.Domain.Workers;

namespace Workforce.Application.Workers;

/// <summary>What an event of the running file is about.</summary>
public enum FileEventKind
{
    /// <summary>Recruitment and hiring.</summary>
    Recruitment = 1,
    /// <summary>A post and grade step.</summary>
    Post = 2,
    /// <summary>An annual assessment.</summary>
    Assessment = 3,
    /// <summary>A camp or another training.</summary>
    Training = 4,
    /// <summary>A certificate.</summary>
    Certificate = 5,
    /// <summary>A 传帮带 pairing or a shadowing placement.</summary>
    Mentorship = 6,
    /// <summary>A commendation or disciplinary record.</summary>
    Conduct = 7,
    /// <summary>The reserve pool.</summary>
    Reserve = 8,
    /// <summary>Residents' feedback of a year.</summary>
    Feedback = 9,
}

/// <summary>One event of the running file: when, what about, what (and its detail, e.g. the engine's explanation of a grade step), until when.</summary>
public sealed record FileEvent(LocalDate Date, FileEventKind Kind, Message Title, Message? Detail, LocalDate? Until);

/// <summary>The running file (履职台账, 一人一册) of a worker: who, the timeline (newest first), training hours and residents' feedback per year.</summary>
public sealed record RunningFile(long WorkerId, string Name, string Unit, Post? Post, int? Grade, LocalDate HireDate, LocalDate? LeaveDate, IReadOnlyList<FileEvent> Events,
    IReadOnlyList<WorkerTrainingHours> Hours, IReadOnlyList<FeedbackSummary> Feedback, IReadOnlyList<ExternalTraining> ExternalTrainings);

/// <summary>
/// The worker's running file as one timeline, read from the records each part of the product keeps: recruitment result, posts and
/// grade steps with their explanation, annual assessments with their parts, camps and other trainings with the year's hours,
/// certificates, mentorship roles, 奖惩 and the residents' ratings. Nothing is copied: the file is always what the records say.
/// </summary>
public sealed class RunningFileQueries(UseCaseContext context, TrainingHoursQueries hours, FeedbackBox feedback)
{
    private WorkforceDbContext Db => context.Db;

    /// <summary>The running file of a worker in scope, or null.</summary>
    public async Task<RunningFile?> FileAsync(UserScope scope, long workerId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var worker = await scope.Workers(Db).AsNoTracking().Include(w => w.PostAssignments).AsSplitQuery().SingleOrDefaultAsync(w => w.Id == workerId, ct);
        if (worker is null)
        {
            return null;
        }
        var units = await Db.OrgUnits.AsNoTracking().Where(u => worker.PostAssignments.Select(a => a.CommunityId).Contains(u.Id) || u.Id == worker.OrgUnitId)
            .ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var events = new List<FileEvent>
        {
            new(worker.HireDate, FileEventKind.Recruitment, new Message("File.Hired", units[worker.OrgUnitId]), null, worker.LeaveDate),
        };
        var hired = await (from a in Db.Applicants.AsNoTracking()
                           where a.WorkerId == workerId
                           join r in Db.RecruitmentRounds on a.RoundId equals r.Id
                           select new { r.Name, a.WrittenScore, a.RegisteredOn }).ToListAsync(ct);
        events.AddRange(hired.Select(h => new FileEvent(h.RegisteredOn, FileEventKind.Recruitment, new Message("File.Recruited", h.Name), h.WrittenScore is { } w ? new Message("File.WrittenScore", N(w)) : null, null)));
        events.AddRange(worker.PostAssignments.Select(a => new FileEvent(a.Start, FileEventKind.Post, new Message("File.Post", a.Post, a.Grade.Value, units.GetValueOrDefault(a.CommunityId, string.Empty)),
            a.Reason is { Length: > 0 } reason ? new Message("File.Reason", StoredMessages.Deserialize(reason)) : null, a.End)));
        await AddAssessmentsAsync(events, workerId, ct);
        var external = await AddTrainingAsync(events, workerId, ct);
        var certificates = await Db.Certificates.AsNoTracking().Where(c => c.WorkerId == workerId).ToListAsync(ct);
        events.AddRange(certificates.Select(c => new FileEvent(c.RegisteredOn, FileEventKind.Certificate, new Message("File.Certificate", c.Level, c.Number),
            c.VerifiedOn is { } v ? new Message("File.Verified", v) : new Message("File.NotVerified"), null)));
        await AddMentorshipAsync(events, workerId, ct);
        var conduct = await Db.ConductRecords.AsNoTracking().Where(c => c.WorkerId == workerId).ToListAsync(ct);
        events.AddRange(conduct.Select(c => new FileEvent(c.DecidedOn, FileEventKind.Conduct, new Message("File.Conduct", c.Type, c.IssuedBy, c.Document ?? string.Empty),
            new Message("File.Effect", c.Effect), c.EndsOn)));
        var reserve = await Db.ReserveEntries.AsNoTracking().Where(e => e.WorkerId == workerId).ToListAsync(ct);
        events.AddRange(reserve.Select(e => new FileEvent(e.NominatedOn, FileEventKind.Reserve, new Message("File.Reserve", e.Source, e.Status), null, e.EndDate)));

        // Hours and ratings of the last five years (or since hiring).
        var thisYear = context.Today.Year;
        var firstYear = Math.Max(worker.HireDate.Year, thisYear - 4);
        var yearHours = await hours.ByYearsAsync(workerId, firstYear, thisYear, ct) ?? [];
        var yearFeedback = new List<FeedbackSummary>();
        for (var year = thisYear; year >= firstYear; year--)
        {
            var summary = await feedback.SummaryAsync(workerId, year, ct);
            if (summary.Count > 0)
            {
                yearFeedback.Add(summary);
                events.Add(new FileEvent(new LocalDate(year, 12, 31) < context.Today ? new LocalDate(year, 12, 31) : context.Today, FileEventKind.Feedback,
                    new Message("File.Feedback", year, summary.Count, N(summary.Average ?? 0m)), null, null));
            }
        }
        var ordered = events.OrderByDescending(e => e.Date).ThenBy(e => e.Kind).ToList();
        return new RunningFile(worker.Id, worker.Name, units[worker.OrgUnitId], worker.CurrentPost, worker.CurrentGrade, worker.HireDate, worker.LeaveDate, ordered, yearHours, yearFeedback,
            [.. external.OrderByDescending(e => e.CompletedOn)]);
    }

    private async Task AddAssessmentsAsync(List<FileEvent> events, long workerId, CancellationToken ct)
    {
        var ratings = await Db.AnnualAssessments.AsNoTracking().Where(a => a.WorkerId == workerId).ToListAsync(ct);
        // The parts of a final round's entry, where the rating came from a round.
        var parts = await (from e in Db.AssessmentEntries.AsNoTracking()
                           where e.WorkerId == workerId
                           join r in Db.AssessmentRounds on e.RoundId equals r.Id
                           where r.Stage == AssessmentStage.Final
                           select new { r.Year, e.ReportScore, e.VoteScore, e.OrganisationScore, e.Composite, e.Rank }).ToListAsync(ct);
        events.AddRange(ratings.Select(a =>
        {
            var p = parts.FirstOrDefault(x => x.Year == a.Year);
            var detail = p is null ? (a.Note is { Length: > 0 } note ? new Message("File.Reason", StoredMessages.Deserialize(note)) : null)
                : new Message("File.AssessmentParts", N(p.ReportScore), N(p.VoteScore), N(p.OrganisationScore), N(p.Composite), p.Rank?.ToString(CultureInfo.InvariantCulture) ?? "—");
            return new FileEvent(a.RecordedOn, FileEventKind.Assessment, new Message("File.Assessment", a.Year, a.Rating), detail, null);
        }));
    }

    private async Task<List<ExternalTraining>> AddTrainingAsync(List<FileEvent> events, long workerId, CancellationToken ct)
    {
        var camps = await (from e in Db.Enrolments.AsNoTracking()
                           where e.WorkerId == workerId
                           join c in Db.TrainingCamps on e.CampId equals c.Id
                           select new { c.Name, e.EnrolledOn, e.CompletedOn, e.CompletionNumber, c.End }).ToListAsync(ct);
        events.AddRange(camps.Select(c => new FileEvent(c.EnrolledOn, FileEventKind.Training, new Message("File.Camp", c.Name), null, c.End)));
        events.AddRange(camps.Where(c => c.CompletedOn is not null).Select(c => new FileEvent(c.CompletedOn!.Value, FileEventKind.Training,
            new Message("File.CampCompleted", c.Name, c.CompletionNumber ?? string.Empty), null, null)));
        var external = await Db.ExternalTrainings.AsNoTracking().Where(e => e.WorkerId == workerId).ToListAsync(ct);
        events.AddRange(external.Select(e => new FileEvent(e.CompletedOn, FileEventKind.Training, new Message("File.External", e.Title, e.Organiser, N(TrainingHours.Hours(e.Minutes))),
            e.CertificateNumber is { } n ? new Message("File.CertificateNumber", n) : null, null)));
        return external;
    }

    private async Task AddMentorshipAsync(List<FileEvent> events, long workerId, CancellationToken ct)
    {
        var pairings = await Db.Mentorships.AsNoTracking().Include(m => m.Mentees)
            .Where(m => m.MentorId == workerId || m.Mentees.Any(x => x.WorkerId == workerId)).ToListAsync(ct);
        var people = pairings.SelectMany(m => m.Mentees.Select(x => x.WorkerId).Append(m.MentorId)).Distinct().ToList();
        var names = await Db.Workers.AsNoTracking().Where(w => people.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Name, ct);
        events.AddRange(pairings.Select(m => m.MentorId == workerId
            ? new FileEvent(m.Start, FileEventKind.Mentorship, new Message("File.Mentor", m.Kind, m.Mentees.Select(x => names.GetValueOrDefault(x.WorkerId, "—")).ToList()),
                m.MentorRating is { } r ? new Message("File.MentorRating", r) : null, m.End)
            : new FileEvent(m.Start, FileEventKind.Mentorship, new Message("File.Mentee", m.Kind, names.GetValueOrDefault(m.MentorId, "—")),
                m.MenteeRating is { } r2 ? new Message("File.MentorRating", r2) : null, m.End)));
        var placements = await Db.ShadowingPlacements.AsNoTracking().Where(p => p.WorkerId == workerId).ToListAsync(ct);
        events.AddRange(placements.Select(p => new FileEvent(p.Start, FileEventKind.Mentorship, new Message("File.Shadowing", p.HostOrganisation, p.City), null, p.End)));
    }

    private static string N(decimal? v) => v?.ToString("0.##", CultureInfo.InvariantCulture) ?? "—";
}
