using NodaTime;
using Workforce.Domain.Assessment;
using Workforce.Domain.Common;

namespace Workforce.Domain.Mentorship;

/// <summary>传帮带 pairing kinds.</summary>
public enum MentorshipKind
{
    /// <summary>老书记带新书记.</summary>
    SecretaryToSecretary = 1,
    /// <summary>老社工带新社工.</summary>
    WorkerToWorker = 2,
    /// <summary>其他.</summary>
    Other = 3,
}

/// <summary>Scheduled check-ins.</summary>
public enum CheckInKind
{
    /// <summary>月度谈心.</summary>
    MonthlyTalk = 1,
    /// <summary>季度点评.</summary>
    QuarterlyReview = 2,
}

/// <summary>A check-in that was due in a window and is missing.</summary>
/// <param name="Kind">Kind.</param>
/// <param name="WindowStart">First day of the window.</param>
/// <param name="WindowEnd">Last day (the due date).</param>
public readonly record struct DueCheckIn(CheckInKind Kind, LocalDate WindowStart, LocalDate WindowEnd);

/// <summary>
/// A mentor with one or more mentees for a period (1+N), with goals, check-ins on a schedule
/// (a talk every month and a review every three months, counted from the start date) and an
/// evaluation of mentor and mentees at the end.
/// </summary>
public sealed class Mentorship
{
    private readonly List<MentorshipMentee> _mentees = [];
    private readonly List<MentorshipCheckIn> _checkIns = [];

    private Mentorship() { Goals = string.Empty; }

    /// <summary>Pairs a mentor with mentees for a period.</summary>
    public Mentorship(MentorshipKind kind, long mentorId, IReadOnlyCollection<long> menteeIds, long orgUnitId, LocalDate start, LocalDate end, string goals)
    {
        ArgumentNullException.ThrowIfNull(menteeIds);
        if (!Enum.IsDefined(kind))
        {
            throw new DomainException("Mentorship.UnknownKind") { Field = "Kind" };
        }
        if (end <= start)
        {
            throw new DomainException("Mentorship.EndBeforeStart") { Field = "End" };
        }
        if (menteeIds.Count == 0)
        {
            throw new DomainException("Mentorship.NoMentee") { Field = "MenteeIds" };
        }
        if (menteeIds.Contains(mentorId))
        {
            throw new DomainException("Mentorship.MentorIsMentee") { Field = "MenteeIds" };
        }
        Kind = kind;
        MentorId = mentorId;
        OrgUnitId = orgUnitId;
        Start = start;
        End = end;
        Goals = Text.Required(goals, 1000, "Goals");
        _mentees.AddRange(menteeIds.Distinct().Select(id => new MentorshipMentee(id)));
    }

    /// <summary>Database key.</summary>
    public long Id { get; private set; }
    /// <summary>Kind.</summary>
    public MentorshipKind Kind { get; private set; }
    /// <summary>Mentor (worker).</summary>
    public long MentorId { get; private set; }
    /// <summary>Unit in whose scope the pairing is managed (the mentor's community).</summary>
    public long OrgUnitId { get; private set; }
    /// <summary>First day.</summary>
    public LocalDate Start { get; private set; }
    /// <summary>Last day.</summary>
    public LocalDate End { get; private set; }
    /// <summary>Goals.</summary>
    public string Goals { get; private set; }
    /// <summary>Mentees.</summary>
    public IReadOnlyList<MentorshipMentee> Mentees => _mentees;
    /// <summary>Check-ins, oldest first.</summary>
    public IReadOnlyList<MentorshipCheckIn> CheckIns => _checkIns;
    /// <summary>Evaluation date.</summary>
    public LocalDate? EvaluatedOn { get; private set; }
    /// <summary>Rating of the mentor.</summary>
    public AssessmentRating? MentorRating { get; private set; }
    /// <summary>Rating of the mentees.</summary>
    public AssessmentRating? MenteeRating { get; private set; }
    /// <summary>Evaluation notes.</summary>
    public string? EvaluationNote { get; private set; }
    /// <summary>Missing check-ins found by the nightly job.</summary>
    public int OverdueCheckIns { get; private set; }
    /// <summary>The pairing period.</summary>
    public DateInterval Period => new(Start, End);

    /// <summary>Records a check-in held on a date within the period.</summary>
    public MentorshipCheckIn RecordCheckIn(CheckInKind kind, LocalDate on, string note)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new DomainException("Mentorship.UnknownCheckIn") { Field = "Kind" };
        }
        if (on < Start || on > End)
        {
            throw new DomainException("Mentorship.OutsidePeriod", Start, End) { Field = "Date" };
        }
        var checkIn = new MentorshipCheckIn(kind, on, Text.Required(note, 1000, "Note"));
        _checkIns.Add(checkIn);
        return checkIn;
    }

    /// <summary>Evaluates mentor and mentees, once, from the last month of the period on.</summary>
    public void Evaluate(LocalDate on, AssessmentRating mentorRating, AssessmentRating menteeRating, string note)
    {
        if (EvaluatedOn is not null)
        {
            throw new DomainException("Mentorship.AlreadyEvaluated");
        }
        if (on < End.PlusMonths(-1))
        {
            throw new DomainException("Mentorship.EvaluationTooEarly", End.PlusMonths(-1)) { Field = "Date" };
        }
        EvaluatedOn = on;
        MentorRating = mentorRating;
        MenteeRating = menteeRating;
        EvaluationNote = Text.Required(note, 1000, "Note");
    }

    /// <summary>
    /// Check-ins due and missing as of <paramref name="today"/>: every window (month, or three months,
    /// counted from <see cref="Start"/>) that has ended by yesterday without a check-in of its kind.
    /// </summary>
    public IReadOnlyList<DueCheckIn> MissingCheckIns(LocalDate today)
    {
        var missing = new List<DueCheckIn>();
        foreach (var (kind, months) in new[] { (CheckInKind.MonthlyTalk, 1), (CheckInKind.QuarterlyReview, 3) })
        {
            for (var windowStart = Start; windowStart <= End; windowStart = windowStart.PlusMonths(months))
            {
                var windowEnd = LocalDate.Min(windowStart.PlusMonths(months).PlusDays(-1), End);
                if (windowEnd >= today)
                {
                    break;
                }
                var ws = windowStart;
                if (!_checkIns.Any(c => c.Kind == kind && c.HeldOn >= ws && c.HeldOn <= windowEnd))
                {
                    missing.Add(new DueCheckIn(kind, windowStart, windowEnd));
                }
            }
        }
        return missing;
    }

    /// <summary>Stores the overdue count (the nightly job).</summary>
    public void MarkOverdue(int count) => OverdueCheckIns = count;
}

/// <summary>A mentee of a pairing.</summary>
public sealed class MentorshipMentee
{
    private MentorshipMentee() { }

    internal MentorshipMentee(long workerId) => WorkerId = workerId;

    /// <summary>Database key.</summary>
    public long Id { get; private set; }
    /// <summary>Pairing.</summary>
    public long MentorshipId { get; private set; }
    /// <summary>Mentee (worker).</summary>
    public long WorkerId { get; private set; }
}

/// <summary>A check-in held.</summary>
public sealed class MentorshipCheckIn
{
    private MentorshipCheckIn() { Note = string.Empty; }

    internal MentorshipCheckIn(CheckInKind kind, LocalDate heldOn, string note)
    {
        Kind = kind;
        HeldOn = heldOn;
        Note = note;
    }

    /// <summary>Database key.</summary>
    public long Id { get; private set; }
    /// <summary>Pairing.</summary>
    public long MentorshipId { get; private set; }
    /// <summary>Kind.</summary>
    public CheckInKind Kind { get; private set; }
    /// <summary>Date held.</summary>
    public LocalDate HeldOn { get; private set; }
    /// <summary>Notes.</summary>
    public string Note { get; private set; }
}

/// <summary>A shadowing placement (跟岗学习): who, where, when, and the report afterwards.</summary>
public sealed class ShadowingPlacement
{
    private ShadowingPlacement() { HostOrganisation = string.Empty; City = string.Empty; }

    /// <summary>Records a placement.</summary>
    public ShadowingPlacement(long workerId, long orgUnitId, string hostOrganisation, string city, LocalDate start, LocalDate end)
    {
        if (end < start)
        {
            throw new DomainException("Shadowing.EndBeforeStart") { Field = "End" };
        }
        WorkerId = workerId;
        OrgUnitId = orgUnitId;
        HostOrganisation = Text.Required(hostOrganisation, 100, "HostOrganisation");
        City = Text.Required(city, 30, "City");
        Start = start;
        End = end;
    }

    /// <summary>Database key.</summary>
    public long Id { get; private set; }
    /// <summary>Who.</summary>
    public long WorkerId { get; private set; }
    /// <summary>Sending unit (the worker's community; scope).</summary>
    public long OrgUnitId { get; private set; }
    /// <summary>Host organisation.</summary>
    public string HostOrganisation { get; private set; }
    /// <summary>Host city (e.g. 东莞).</summary>
    public string City { get; private set; }
    /// <summary>First day.</summary>
    public LocalDate Start { get; private set; }
    /// <summary>Last day.</summary>
    public LocalDate End { get; private set; }
    /// <summary>Report.</summary>
    public string? Report { get; private set; }
    /// <summary>Report date.</summary>
    public LocalDate? ReportedOn { get; private set; }

    /// <summary>Files the report, after the placement has started.</summary>
    public void FileReport(string report, LocalDate on)
    {
        if (on < Start)
        {
            throw new DomainException("Shadowing.ReportBeforeStart") { Field = "Date" };
        }
        Report = Text.Required(report, 4000, "Report");
        ReportedOn = on;
    }
}
