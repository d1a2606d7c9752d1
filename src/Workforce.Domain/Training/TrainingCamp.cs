using NodaTime;
using Workforce.Domain.Common;

namespace Workforce.Domain.Training;

/// <summary>The four parts of a learning camp (后备人才学习成长营).</summary>
public enum ModuleKind
{
    /// <summary>小班施教.</summary>
    SmallClass = 1,
    /// <summary>周末课堂.</summary>
    WeekendClass = 2,
    /// <summary>实战深耕.</summary>
    Practice = 3,
    /// <summary>跟踪培养.</summary>
    FollowUp = 4,
}

/// <summary>Curriculum track: 政治 + 业务.</summary>
public enum CourseTrack
{
    /// <summary>政治理论.</summary>
    Political = 1,
    /// <summary>业务技能.</summary>
    Professional = 2,
}

/// <summary>
/// A training camp: a period, completion rules (data), and modules of courses of sessions. The
/// cohort (enrolments), attendance and scores are their own rows; <see cref="CampProgress"/> turns
/// them into each trainee's progress.
/// </summary>
public sealed class TrainingCamp
{
    private readonly List<CampModule> _modules = [];

    private TrainingCamp() { Name = string.Empty; }

    /// <summary>Creates a camp for the units under <paramref name="orgUnitId"/>.</summary>
    public TrainingCamp(string name, long orgUnitId, LocalDate start, LocalDate end, int minAttendancePercent, bool requireRequiredCoursesPassed)
    {
        Name = Text.Required(name, 100, "Name");
        if (end < start)
        {
            throw new DomainException("Training.EndBeforeStart") { Field = "End" };
        }
        if (minAttendancePercent is < 0 or > 100)
        {
            throw new DomainException("Training.InvalidAttendanceRule") { Field = "MinAttendancePercent" };
        }
        OrgUnitId = orgUnitId;
        Start = start;
        End = end;
        MinAttendancePercent = minAttendancePercent;
        RequireRequiredCoursesPassed = requireRequiredCoursesPassed;
    }

    /// <summary>Database key.</summary>
    public long Id { get; private set; }
    /// <summary>Name, e.g. 2026年社区后备人才学习成长营（第一期）.</summary>
    public string Name { get; private set; }
    /// <summary>Organising unit (scope).</summary>
    public long OrgUnitId { get; private set; }
    /// <summary>First day.</summary>
    public LocalDate Start { get; private set; }
    /// <summary>Last day.</summary>
    public LocalDate End { get; private set; }
    /// <summary>Completion rule: attendance of at least this share of all sessions, in percent.</summary>
    public int MinAttendancePercent { get; private set; }
    /// <summary>Completion rule: every required course passed.</summary>
    public bool RequireRequiredCoursesPassed { get; private set; }
    /// <summary>Modules.</summary>
    public IReadOnlyList<CampModule> Modules => _modules;
    /// <summary>The camp period.</summary>
    public DateInterval Period => new(Start, End);

    /// <summary>Adds a module.</summary>
    public CampModule AddModule(ModuleKind kind, string name)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new DomainException("Training.UnknownModuleKind") { Field = "Kind" };
        }
        var module = new CampModule(kind, Text.Required(name, 100, "Name"));
        _modules.Add(module);
        return module;
    }

    /// <summary>All sessions of the camp.</summary>
    public IEnumerable<CourseSession> Sessions => _modules.SelectMany(m => m.Courses).SelectMany(c => c.Sessions);

    /// <summary>Adds a session to a course of this camp; its date must lie in the camp period.</summary>
    public CourseSession AddSession(Course course, LocalDate date, LocalTime startTime, LocalTime endTime, string place, string teacher)
    {
        ArgumentNullException.ThrowIfNull(course);
        if (!_modules.Any(m => m.Courses.Contains(course)))
        {
            throw new DomainException("Training.CourseNotInCamp") { Field = "CourseId" };
        }
        if (date < Start || date > End)
        {
            throw new DomainException("Training.SessionOutsideCamp", Start, End) { Field = "Date" };
        }
        if (endTime <= startTime)
        {
            throw new DomainException("Training.SessionEndsBeforeStart") { Field = "EndTime" };
        }
        return course.AddSession(date, startTime, endTime, Text.Required(place, 100, "Place"), Text.Required(teacher, 50, "Teacher"));
    }
}

/// <summary>A module of a camp (one of the four parts).</summary>
public sealed class CampModule
{
    private readonly List<Course> _courses = [];

    private CampModule() { Name = string.Empty; }

    internal CampModule(ModuleKind kind, string name)
    {
        Kind = kind;
        Name = name;
    }

    /// <summary>Database key.</summary>
    public long Id { get; private set; }
    /// <summary>Owning camp.</summary>
    public long CampId { get; private set; }
    /// <summary>Which part.</summary>
    public ModuleKind Kind { get; private set; }
    /// <summary>Name.</summary>
    public string Name { get; private set; }
    /// <summary>Courses.</summary>
    public IReadOnlyList<Course> Courses => _courses;

    /// <summary>Adds a course; a required course needs a pass score.</summary>
    public Course AddCourse(string title, CourseTrack track, bool required, decimal? passScore)
    {
        if (!Enum.IsDefined(track))
        {
            throw new DomainException("Training.UnknownTrack") { Field = "Track" };
        }
        if (passScore is < 0 or > 100 || (required && passScore is null))
        {
            throw new DomainException("Training.InvalidPassScore") { Field = "PassScore" };
        }
        var course = new Course(Text.Required(title, 100, "Title"), track, required, passScore);
        _courses.Add(course);
        return course;
    }
}

/// <summary>A course: 政治 or 业务, required or elective, with its sessions.</summary>
public sealed class Course
{
    private readonly List<CourseSession> _sessions = [];

    private Course() { Title = string.Empty; }

    internal Course(string title, CourseTrack track, bool required, decimal? passScore)
    {
        Title = title;
        Track = track;
        Required = required;
        PassScore = passScore;
    }

    /// <summary>Database key.</summary>
    public long Id { get; private set; }
    /// <summary>Owning module.</summary>
    public long ModuleId { get; private set; }
    /// <summary>Title.</summary>
    public string Title { get; private set; }
    /// <summary>Track.</summary>
    public CourseTrack Track { get; private set; }
    /// <summary>Must be passed to complete the camp.</summary>
    public bool Required { get; private set; }
    /// <summary>Score needed to pass (0–100), if the course is scored.</summary>
    public decimal? PassScore { get; private set; }
    /// <summary>Sessions, in date order of creation.</summary>
    public IReadOnlyList<CourseSession> Sessions => _sessions;

    /// <summary>True when <paramref name="score"/> passes.</summary>
    public bool Passes(decimal? score) => PassScore is null ? score is not null : score >= PassScore;

    internal CourseSession AddSession(LocalDate date, LocalTime start, LocalTime end, string place, string teacher)
    {
        var session = new CourseSession(date, start, end, place, teacher);
        _sessions.Add(session);
        return session;
    }
}

/// <summary>A session of a course (date, time, place, teacher).</summary>
public sealed class CourseSession
{
    private CourseSession() { Place = string.Empty; Teacher = string.Empty; }

    internal CourseSession(LocalDate date, LocalTime startTime, LocalTime endTime, string place, string teacher)
    {
        Date = date;
        StartTime = startTime;
        EndTime = endTime;
        Minutes = (int)Period.Between(startTime, endTime, PeriodUnits.Minutes).Minutes;
        Place = place;
        Teacher = teacher;
    }

    /// <summary>Minutes from start to end: the training time a trainee present at the session earns (学时).</summary>
    public int Minutes { get; private set; }

    /// <summary>The first moment a trainee may sign in: <paramref name="minutesBefore"/> minutes before the start.</summary>
    public LocalDateTime SignInOpensAt(int minutesBefore) => Date.At(StartTime).PlusMinutes(-minutesBefore);

    /// <summary>The last moment a trainee may sign in: the session's end.</summary>
    public LocalDateTime SignInClosesAt => Date.At(EndTime);

    /// <summary>Whether <paramref name="now"/> (local time) lies in the sign-in window, both ends included.</summary>
    public bool IsSignInOpen(LocalDateTime now, int minutesBefore) => now >= SignInOpensAt(minutesBefore) && now <= SignInClosesAt;

    /// <summary>
    /// Requires that a trainee may sign in at <paramref name="now"/> (local time): from <paramref name="minutesBefore"/> minutes before
    /// the start to the end, both included. Outside: refused with the window in the message.
    /// </summary>
    public void RequireSignInOpen(LocalDateTime now, int minutesBefore)
    {
        if (!IsSignInOpen(now, minutesBefore))
        {
            throw new DomainException("Training.SignInClosed", SignInOpensAt(minutesBefore), SignInClosesAt) { Field = "Code" };
        }
    }

    /// <summary>Database key.</summary>
    public long Id { get; private set; }
    /// <summary>Owning course.</summary>
    public long CourseId { get; private set; }
    /// <summary>Date.</summary>
    public LocalDate Date { get; private set; }
    /// <summary>Start time.</summary>
    public LocalTime StartTime { get; private set; }
    /// <summary>End time.</summary>
    public LocalTime EndTime { get; private set; }
    /// <summary>Place.</summary>
    public string Place { get; private set; }
    /// <summary>Teacher.</summary>
    public string Teacher { get; private set; }
}

/// <summary>A trainee in a camp's cohort; completion issues a numbered record.</summary>
public sealed class Enrolment
{
    private Enrolment() { }

    /// <summary>Enrols a worker.</summary>
    public Enrolment(long campId, long workerId, LocalDate enrolledOn)
    {
        CampId = campId;
        WorkerId = workerId;
        EnrolledOn = enrolledOn;
    }

    /// <summary>Database key.</summary>
    public long Id { get; private set; }
    /// <summary>Camp.</summary>
    public long CampId { get; private set; }
    /// <summary>Trainee.</summary>
    public long WorkerId { get; private set; }
    /// <summary>Enrolment date.</summary>
    public LocalDate EnrolledOn { get; private set; }
    /// <summary>Completion date, once complete.</summary>
    public LocalDate? CompletedOn { get; private set; }
    /// <summary>Completion record number (结业证书编号).</summary>
    public string? CompletionNumber { get; private set; }

    /// <summary>Issues the completion record when <paramref name="progress"/> meets the camp's rules.</summary>
    public void Complete(CampProgress progress, LocalDate on, string number)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (CompletedOn is not null)
        {
            throw new DomainException("Training.AlreadyCompleted");
        }
        if (!progress.Complete)
        {
            throw new DomainException("Training.NotComplete", string.Join("；", progress.Missing));
        }
        CompletedOn = on;
        CompletionNumber = Text.Required(number, 40, "Number");
    }
}

/// <summary>Whether a trainee attended a session.</summary>
public sealed class Attendance
{
    private Attendance() { }

    /// <summary>Records attendance.</summary>
    public Attendance(long sessionId, long workerId, bool present)
    {
        SessionId = sessionId;
        WorkerId = workerId;
        Present = present;
    }

    /// <summary>Database key.</summary>
    public long Id { get; private set; }
    /// <summary>Session.</summary>
    public long SessionId { get; private set; }
    /// <summary>Trainee.</summary>
    public long WorkerId { get; private set; }
    /// <summary>Present or absent.</summary>
    public bool Present { get; private set; }

    /// <summary>When the trainee signed in with the session's QR code (null: marked by an officer).</summary>
    public Instant? SignedInAt { get; private set; }

    /// <summary>Corrects the record.</summary>
    public void Mark(bool present) => Present = present;

    /// <summary>The trainee signed in themself at <paramref name="at"/>: present; a second sign-in keeps the first time.</summary>
    public void SignIn(Instant at)
    {
        Present = true;
        SignedInAt ??= at;
    }
}

/// <summary>A trainee's assignment and score in a course.</summary>
public sealed class CourseResult
{
    private CourseResult() { }

    /// <summary>Records a result.</summary>
    public CourseResult(long courseId, long workerId)
    {
        CourseId = courseId;
        WorkerId = workerId;
    }

    /// <summary>Database key.</summary>
    public long Id { get; private set; }
    /// <summary>Course.</summary>
    public long CourseId { get; private set; }
    /// <summary>Trainee.</summary>
    public long WorkerId { get; private set; }
    /// <summary>Assignment handed in.</summary>
    public bool AssignmentSubmitted { get; private set; }
    /// <summary>Score 0–100.</summary>
    public decimal? Score { get; private set; }

    /// <summary>Sets the assignment status and score.</summary>
    public void Record(bool assignmentSubmitted, decimal? score)
    {
        if (score is < 0 or > 100)
        {
            throw new DomainException("Training.InvalidScore") { Field = "Score" };
        }
        AssignmentSubmitted = assignmentSubmitted;
        Score = score;
    }
}
