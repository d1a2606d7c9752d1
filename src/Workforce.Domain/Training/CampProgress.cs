using System.Globalization;
using NodaTime;
using Workforce.Domain.Common;

namespace Workforce.Domain.Training;

/// <summary>Progress in one course.</summary>
/// <param name="CourseId">Course.</param>
/// <param name="Title">Title.</param>
/// <param name="Track">Track.</param>
/// <param name="Required">Required to complete.</param>
/// <param name="Attended">Sessions attended.</param>
/// <param name="Total">Sessions planned.</param>
/// <param name="Score">Score, if recorded.</param>
/// <param name="Passed">Passed.</param>
/// <param name="AssignmentSubmitted">Assignment handed in.</param>
public sealed record CourseProgress(long CourseId, string Title, CourseTrack Track, bool Required, int Attended, int Total, decimal? Score, bool Passed, bool AssignmentSubmitted)
{
    /// <summary>Attended ÷ total, in whole percent.</summary>
    public int Percent => CampProgress.PercentOf(Attended, Total);
}

/// <summary>Progress in one module.</summary>
/// <param name="ModuleId">Module.</param>
/// <param name="Kind">Which part.</param>
/// <param name="Name">Name.</param>
/// <param name="Courses">Its courses.</param>
public sealed record ModuleProgress(long ModuleId, ModuleKind Kind, string Name, IReadOnlyList<CourseProgress> Courses)
{
    /// <summary>Sessions attended.</summary>
    public int Attended => Courses.Sum(c => c.Attended);
    /// <summary>Sessions planned.</summary>
    public int Total => Courses.Sum(c => c.Total);
    /// <summary>Required courses passed.</summary>
    public int Passed => Courses.Count(c => c.Required && c.Passed);
    /// <summary>Required courses.</summary>
    public int Required => Courses.Count(c => c.Required);
    /// <summary>Attended ÷ total, in whole percent.</summary>
    public int Percent => CampProgress.PercentOf(Attended, Total);
}

/// <summary>A session still to come.</summary>
/// <param name="SessionId">Session.</param>
/// <param name="CourseTitle">Its course.</param>
/// <param name="Date">Date.</param>
/// <param name="StartTime">Start.</param>
/// <param name="EndTime">End.</param>
/// <param name="Place">Place.</param>
/// <param name="Teacher">Teacher.</param>
public sealed record UpcomingSession(long SessionId, string CourseTitle, LocalDate Date, LocalTime StartTime, LocalTime EndTime, string Place, string Teacher);

/// <summary>
/// A trainee's progress in a camp, computed from the camp plan, their attendance and results:
/// attended/total sessions per course, module and camp; required courses passed; whether the
/// completion rules are met and, if not, what is still missing.
/// </summary>
public sealed class CampProgress
{
    private CampProgress(TrainingCamp camp, IReadOnlyList<ModuleProgress> modules, IReadOnlyList<UpcomingSession> upcoming, IReadOnlyList<Message> missing)
    {
        Camp = camp;
        Modules = modules;
        Upcoming = upcoming;
        Missing = missing;
    }

    /// <summary>The camp.</summary>
    public TrainingCamp Camp { get; }
    /// <summary>Per module.</summary>
    public IReadOnlyList<ModuleProgress> Modules { get; }
    /// <summary>Sessions from today on, by date.</summary>
    public IReadOnlyList<UpcomingSession> Upcoming { get; }
    /// <summary>What is still missing to complete (empty when complete), in Chinese.</summary>
    public IReadOnlyList<Message> Missing { get; }
    /// <summary>Sessions attended.</summary>
    public int Attended => Modules.Sum(m => m.Attended);
    /// <summary>Sessions planned.</summary>
    public int Total => Modules.Sum(m => m.Total);
    /// <summary>Required courses passed.</summary>
    public int Passed => Modules.Sum(m => m.Passed);
    /// <summary>Required courses.</summary>
    public int Required => Modules.Sum(m => m.Required);
    /// <summary>Attended ÷ total, in whole percent.</summary>
    public int Percent => PercentOf(Attended, Total);
    /// <summary>The completion rules are met.</summary>
    public bool Complete => Missing.Count == 0;

    /// <summary>Computes the progress of one trainee.</summary>
    /// <param name="camp">The camp with its modules, courses and sessions.</param>
    /// <param name="presentSessionIds">Sessions the trainee attended.</param>
    /// <param name="results">The trainee's course results by course id.</param>
    /// <param name="today">Today, for upcoming sessions.</param>
    public static CampProgress Compute(TrainingCamp camp, IReadOnlySet<long> presentSessionIds,
        IReadOnlyDictionary<long, CourseResult> results, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(camp);
        var modules = camp.Modules.Select(m => new ModuleProgress(m.Id, m.Kind, m.Name, [.. m.Courses.Select(c =>
        {
            results.TryGetValue(c.Id, out var result);
            return new CourseProgress(c.Id, c.Title, c.Track, c.Required, c.Sessions.Count(s => presentSessionIds.Contains(s.Id)),
                c.Sessions.Count, result?.Score, c.Passes(result?.Score), result?.AssignmentSubmitted ?? false);
        })])).ToList();
        var missing = new List<Message>();
        var attended = modules.Sum(m => m.Attended);
        var total = modules.Sum(m => m.Total);
        // Attendance needed: ⌈min% × total⌉ sessions.
        var needed = (int)Math.Ceiling(camp.MinAttendancePercent * total / 100m);
        if (attended < needed)
        {
            missing.Add(new Message("Training.Missing.Attendance", attended, total, camp.MinAttendancePercent, needed - attended));
        }
        if (camp.RequireRequiredCoursesPassed)
        {
            foreach (var c in modules.SelectMany(m => m.Courses).Where(c => c.Required && !c.Passed))
            {
                missing.Add(new Message(c.Score is null ? "Training.Missing.NoScore" : "Training.Missing.NotPassed", c.Title));
            }
        }
        var upcoming = camp.Modules.SelectMany(m => m.Courses).SelectMany(c => c.Sessions.Select(s => (c, s)))
            .Where(x => x.s.Date >= today).OrderBy(x => x.s.Date).ThenBy(x => x.s.StartTime)
            .Select(x => new UpcomingSession(x.s.Id, x.c.Title, x.s.Date, x.s.StartTime, x.s.EndTime, x.s.Place, x.s.Teacher)).ToList();
        return new CampProgress(camp, modules, upcoming, missing);
    }

    internal static int PercentOf(int part, int whole) => whole == 0 ? 0 : (int)Math.Floor(part * 100m / whole);
}
