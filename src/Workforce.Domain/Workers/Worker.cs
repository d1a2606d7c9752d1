using NodaTime;
using Workforce.Domain.Certification;
using Workforce.Domain.Common;
using Workforce.Domain.Organisation;

namespace Workforce.Domain.Workers;

/// <summary>
/// A community worker (社区工作者). Owns its post and grid assignment history, which never overlaps,
/// and its certificates. <see cref="OrgUnitId"/> is the community of the latest post assignment and
/// anchors organisation-scope checks.
/// </summary>
public sealed class Worker
{
    private readonly List<PostAssignment> _postAssignments = [];
    private readonly List<GridAssignment> _gridAssignments = [];
    private readonly List<Certificate> _certificates = [];

    private Worker() { Name = string.Empty; }

    private Worker(string name, IdCardNumber idCard, PhoneNumber? phone, Education education, PoliticalStatus politicalStatus, LocalDate hireDate, OrgUnit community)
    {
        Name = ValidateName(name);
        SetIdCard(idCard);
        Phone = phone;
        Education = education;
        PoliticalStatus = politicalStatus;
        HireDate = ValidateHireDate(idCard, hireDate);
        OrgUnitId = RequireCommunity(community).Id;
    }

    /// <summary>Database key.</summary>
    public long Id { get; private set; }
    /// <summary>姓名.</summary>
    public string Name { get; private set; }
    /// <summary>身份证号 (encrypted at rest).</summary>
    public IdCardNumber IdCard { get; private set; }
    /// <summary>Birth date, derived from the ID-card number; kept as its own column for age statistics.</summary>
    public LocalDate BirthDate { get; private set; }
    /// <summary>Sex, derived from the ID-card number.</summary>
    public Sex Sex { get; private set; }
    /// <summary>手机号 (encrypted at rest), optional.</summary>
    public PhoneNumber? Phone { get; private set; }
    /// <summary>学历.</summary>
    public Education Education { get; private set; }
    /// <summary>政治面貌.</summary>
    public PoliticalStatus PoliticalStatus { get; private set; }
    /// <summary>入职日期.</summary>
    public LocalDate HireDate { get; private set; }
    /// <summary>离职日期 (last working day), null while employed.</summary>
    public LocalDate? LeaveDate { get; private set; }
    /// <summary>Last day of probation (试用期), if the worker was hired with one.</summary>
    public LocalDate? ProbationEnd { get; private set; }
    /// <summary>The community the worker belongs to (that of the latest post assignment).</summary>
    public long OrgUnitId { get; private set; }
    /// <summary>Post of the latest post assignment (a stored column kept in step, so lists filter on an index).</summary>
    public Post? CurrentPost { get; private set; }
    /// <summary>Grade of the latest post assignment (kept in step with it, like <see cref="CurrentPost"/>).</summary>
    public int? CurrentGrade { get; private set; }

    /// <summary>Post history, oldest first.</summary>
    public IReadOnlyList<PostAssignment> PostAssignments => _postAssignments;
    /// <summary>Grid history.</summary>
    public IReadOnlyList<GridAssignment> GridAssignments => _gridAssignments;
    /// <summary>Certificates held.</summary>
    public IReadOnlyList<Certificate> Certificates => _certificates;

    /// <summary>Registers a new worker in a community.</summary>
    public static Worker Register(string name, IdCardNumber idCard, PhoneNumber? phone, Education education, PoliticalStatus politicalStatus, LocalDate hireDate, OrgUnit community)
        => new(name, idCard, phone, education, politicalStatus, hireDate, community);

    /// <summary>Corrects personal details. The ID-card number may be corrected; it must still be valid.</summary>
    public void UpdateProfile(string name, IdCardNumber idCard, PhoneNumber? phone, Education education, PoliticalStatus politicalStatus, LocalDate hireDate)
    {
        var first = _postAssignments.Count > 0 ? _postAssignments.Min(a => a.Start) : (LocalDate?)null;
        if (first is not null && hireDate > first.Value)
        {
            throw new DomainException("Worker.HireAfterFirstAssignment", first.Value) { Field = "HireDate" };
        }
        var validHire = ValidateHireDate(idCard, hireDate);
        Name = ValidateName(name);
        SetIdCard(idCard);
        Phone = phone;
        Education = education;
        PoliticalStatus = politicalStatus;
        HireDate = validHire;
    }

    /// <summary>Age in whole years on <paramref name="date"/>.</summary>
    public int AgeOn(LocalDate date) => IdCard.AgeOn(date);

    private void SetIdCard(IdCardNumber idCard)
    {
        IdCard = idCard;
        BirthDate = idCard.BirthDate;
        Sex = idCard.Sex;
    }

    /// <summary>
    /// Starts a post assignment on <paramref name="start"/> at the grade an officer decided. The grade band
    /// is the one of <paramref name="post"/> in force on <paramref name="start"/> among <paramref name="bands"/>
    /// (every band version may be passed). The current open assignment, if any and started earlier, ends the
    /// day before. Rejects a post without a band in force, grades outside it, dates before hire or after
    /// leaving, and anything that would overlap.
    /// </summary>
    public PostAssignment AssignPost(Post post, Grade grade, OrgUnit community, LocalDate start, params IEnumerable<GradeBand> bands)
    {
        RequireCommunity(community);
        var band = BandInForce(bands, post, start);
        if (!band.Allows(grade))
        {
            throw new DomainException("Worker.GradeOutsideBand", grade.Value, post, band.MinGrade, band.MaxGrade) { Field = "Grade" };
        }
        return StartAssignment(post, grade, community.Id, start);
    }

    /// <summary>
    /// Starts a post assignment at a grade the pay rules proposed (the entry grade on hiring, the re-slotted
    /// grade on a promotion), kept inside the post's band in force on <paramref name="start"/>.
    /// </summary>
    public PostAssignment PlaceInPost(Post post, int proposedGrade, OrgUnit community, LocalDate start, params IEnumerable<GradeBand> bands)
    {
        RequireCommunity(community);
        var band = BandInForce(bands, post, start);
        return StartAssignment(post, new Grade(Math.Clamp(proposedGrade, band.MinGrade, band.MaxGrade)), community.Id, start);
    }

    /// <summary>The band of <paramref name="post"/> in force on <paramref name="date"/>; a refusal when there is none.</summary>
    private static GradeBand BandInForce(IEnumerable<GradeBand> bands, Post post, LocalDate date)
    {
        ArgumentNullException.ThrowIfNull(bands);
        return bands.Where(b => b.Post == post).InForce(date) ?? throw new DomainException("Worker.NoGradeBand", post, date) { Field = "Post" };
    }

    private PostAssignment StartAssignment(Post post, Grade grade, long communityId, LocalDate start)
    {
        if (start < HireDate)
        {
            throw new DomainException("Worker.AssignmentBeforeHire", start, HireDate) { Field = "Start" };
        }
        if (LeaveDate is not null && start > LeaveDate.Value)
        {
            throw new DomainException("Worker.AssignmentAfterLeave", start, LeaveDate.Value) { Field = "Start" };
        }
        foreach (var existing in _postAssignments)
        {
            var startsLaterOrSame = existing.Start >= start;
            var closedOverlapping = existing.End is not null && existing.End.Value >= start;
            if (startsLaterOrSame || closedOverlapping)
            {
                throw new DomainException("Worker.AssignmentOverlap", start, existing.Start) { Field = "Start" };
            }
        }
        var open = _postAssignments.SingleOrDefault(a => a.End is null);
        open?.Close(start.PlusDays(-1));
        var assignment = new PostAssignment(this, post, grade, communityId, start);
        _postAssignments.Add(assignment);
        OrgUnitId = communityId;
        CurrentPost = post;
        CurrentGrade = grade.Value;
        return assignment;
    }

    /// <summary>
    /// Records the annual advancement (R1) the pay rules derived for <paramref name="on"/> (a 1 January): the open
    /// assignment ends the day before and the same post in the same community continues at <paramref name="grade"/>,
    /// with the rules' explanation as its reason. Refused when an assignment already starts that day (an officer's
    /// decision stands) or the grade is outside the band.
    /// </summary>
    public PostAssignment RecordAdvancement(int grade, LocalDate on, string reason, params IEnumerable<GradeBand> bands)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var open = PostOn(on.PlusDays(-1)) ?? throw new DomainException("Worker.NoPostToAdvance", on) { Field = "Start" };
        var band = BandInForce(bands, open.Post, on);
        if (!band.Allows(new Grade(grade)))
        {
            throw new DomainException("Worker.GradeOutsideBand", grade, open.Post, band.MinGrade, band.MaxGrade) { Field = "Grade" };
        }
        var assignment = StartAssignment(open.Post, new Grade(grade), open.CommunityId, on);
        assignment.Explain(reason);
        return assignment;
    }

    /// <summary>The post assignment covering <paramref name="date"/>, if any.</summary>
    public PostAssignment? PostOn(LocalDate date) => _postAssignments.SingleOrDefault(a => a.Covers(date));

    /// <summary>Makes the worker the grid worker of <paramref name="grid"/> from <paramref name="start"/>.</summary>
    public GridAssignment AssignGrid(OrgUnit grid, LocalDate start)
    {
        if (grid.Type != OrgUnitType.Grid)
        {
            throw new DomainException("Worker.NotAGrid", grid.Name) { Field = "GridId" };
        }
        if (start < HireDate)
        {
            throw new DomainException("Worker.AssignmentBeforeHire", start, HireDate) { Field = "Start" };
        }
        if (_gridAssignments.Any(a => a.GridId == grid.Id && (a.End is null || a.End.Value >= start)))
        {
            throw new DomainException("Worker.GridAssignmentOverlap", grid.Name) { Field = "GridId" };
        }
        var assignment = new GridAssignment(this, grid.Id, start);
        _gridAssignments.Add(assignment);
        return assignment;
    }

    /// <summary>Ends the worker's assignment to a grid on <paramref name="end"/>.</summary>
    public void EndGridAssignment(long gridId, LocalDate end)
    {
        var open = _gridAssignments.SingleOrDefault(a => a.GridId == gridId && a.End is null)
            ?? throw new DomainException("Worker.NoOpenGridAssignment");
        if (end < open.Start)
        {
            throw new DomainException("Worker.EndBeforeStart", end, open.Start) { Field = "End" };
        }
        open.Close(end);
    }

    /// <summary>Records that the worker leaves; open assignments end on <paramref name="lastDay"/>.</summary>
    public void Leave(LocalDate lastDay)
    {
        if (LeaveDate is not null)
        {
            throw new DomainException("Worker.AlreadyLeft", LeaveDate.Value);
        }
        if (lastDay < HireDate || _postAssignments.Any(a => a.Start > lastDay))
        {
            throw new DomainException("Worker.LeaveBeforeAssignments", lastDay) { Field = "LeaveDate" };
        }
        foreach (var a in _postAssignments.Where(a => a.End is null))
        {
            a.Close(lastDay);
        }
        foreach (var g in _gridAssignments.Where(g => g.End is null))
        {
            g.Close(LocalDate.Max(g.Start, lastDay));
        }
        LeaveDate = lastDay;
    }

    /// <summary>Sets the last day of probation; it cannot precede the hire date.</summary>
    public void SetProbation(LocalDate? lastDay)
    {
        if (lastDay is { } end && end < HireDate)
        {
            throw new DomainException("Worker.ProbationBeforeHire") { Field = "ProbationEnd" };
        }
        ProbationEnd = lastDay;
    }

    /// <summary>Records a certificate; the same level and number twice is refused.</summary>
    public Certificate AddCertificate(CertificateLevel level, string number, LocalDate registeredOn)
    {
        if (registeredOn < IdCard.BirthDate)
        {
            throw new DomainException("Certificate.DateBeforeBirth") { Field = "RegisteredOn" };
        }
        if (_certificates.Any(c => c.Level == level && string.Equals(c.Number, number.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            throw new DomainException("Certificate.Duplicate", number) { Field = "Number" };
        }
        var cert = new Certificate(Id, level, number, registeredOn);
        _certificates.Add(cert);
        return cert;
    }

    private static string ValidateName(string name)
    {
        name = (name ?? string.Empty).Trim();
        if (name.Length is < 2 or > 30)
        {
            throw new DomainException("Worker.NameLength") { Field = "Name" };
        }
        foreach (var ch in name)
        {
            var ok = char.IsLetter(ch) || ch is '·' or '•' or ' ';
            if (!ok)
            {
                throw new DomainException("Worker.NameCharacters") { Field = "Name" };
            }
        }
        return name;
    }

    private static LocalDate ValidateHireDate(IdCardNumber idCard, LocalDate hireDate)
    {
        if (idCard.AgeOn(hireDate) < 16)
        {
            throw new DomainException("Worker.HiredTooYoung", hireDate) { Field = "HireDate" };
        }
        return hireDate;
    }

    private static OrgUnit RequireCommunity(OrgUnit unit)
        => unit.Type == OrgUnitType.Community ? unit : throw new DomainException("Worker.NotACommunity", unit.Name) { Field = "CommunityId" };
}
