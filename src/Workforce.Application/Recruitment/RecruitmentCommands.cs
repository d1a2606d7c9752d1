using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Application.Common.Import;
using Workforce.Application.Payroll;
using Workforce.Data;
using Workforce.Domain.Common;
using Workforce.Domain.Organisation;
using Workforce.Domain.Recruitment;
using Workforce.Domain.Workers;
using Workforce.Payroll.Engine;

namespace Workforce.Application.Recruitment;

/// <summary>
/// Recruitment changes for the pages, the API and the importers. Every change loads the round, applies the
/// domain method and saves; a broken rule (wrong step, score out of range, unknown candidate) is returned as
/// an error and nothing is saved. A round outside the caller's scope is not found (null).
/// </summary>
public sealed class RecruitmentCommands(WorkforceDbContext db, UseCaseContext context, RecruitmentQueries queries, PayRuleSets payRules, RoundTemplates templates)
{
    /// <summary>Announces a round with its posts (communities in scope).</summary>
    public async Task<CommandResult<RecruitmentRound>> CreateAsync(UserScope scope, RoundInput input, CancellationToken ct)
    {
        var unit = await context.UnitAsync(scope, input.OrgUnitId, ct);
        if (unit is null)
        {
            return UseCaseContext.Fail<RecruitmentRound>(nameof(input.OrgUnitId), "Reserve.NotInScope");
        }
        var communityIds = input.Posts.SelectMany(p => p.PoolCommunityIds.Append(p.CommunityId ?? 0)).Distinct().ToList();
        var inScope = await scope.Units(db).Where(u => communityIds.Contains(u.Id) && u.Type == OrgUnitType.Community).CountAsync(ct);
        if (input.Posts.Count == 0 || inScope != communityIds.Count)
        {
            return UseCaseContext.Fail<RecruitmentRound>(nameof(input.Posts), "Recruitment.PostsOutsideScope");
        }
        var rules = input.Rules.ToRules(input.AnnouncedOn!.Value);
        if (input.TemplateId is { } templateId)
        {
            if (await templates.FindAsync(scope, templateId, ct) is not { } template)
            {
                return UseCaseContext.Fail<RecruitmentRound>(nameof(input.TemplateId), "Recruitment.UnknownTemplate");
            }
            rules = template.Rules with { AgeReferenceDate = LocalDate.FromDateOnly(input.AnnouncedOn.Value) };
        }
        return await context.SaveAsync(() =>
        {
            var round = new RecruitmentRound(input.Name!, unit.Id, LocalDate.FromDateOnly(input.AnnouncedOn!.Value), rules);
            var posts = input.Posts.Select(p => (Input: p, Post: round.AddPost(p.Name ?? string.Empty, p.CommunityId!.Value, p.Post, p.Quota, p.PoolCommunityIds))).ToList();
            // 开考比例 once every post exists (a merge names another post of the round).
            foreach (var (p, post) in posts)
            {
                Configure(round, post, p);
            }
            db.RecruitmentRounds.Add(round);
            return round;
        }, ct);
    }

    /// <summary>Adds a post during registration (community in scope).</summary>
    public async Task<CommandResult<RoundPost>?> AddPostAsync(UserScope scope, long id, PostInput input, CancellationToken ct)
    {
        var ids = input.PoolCommunityIds.Append(input.CommunityId ?? 0).Distinct().ToList();
        if (await scope.Units(db).CountAsync(u => ids.Contains(u.Id) && u.Type == OrgUnitType.Community, ct) != ids.Count)
        {
            return await queries.FindAsync(scope, id, ct) is null ? null : UseCaseContext.Fail<RoundPost>(nameof(input.CommunityId), "Recruitment.PostsOutsideScope");
        }
        return await ChangeAsync(scope, id, round =>
        {
            var post = round.AddPost(input.Name ?? string.Empty, input.CommunityId!.Value, input.Post, input.Quota, input.PoolCommunityIds);
            Configure(round, post, input);
            return post;
        }, ct);
    }

    // A post's 开考比例 and reservation, as entered.
    private static void Configure(RecruitmentRound round, RoundPost post, PostInput input)
    {
        if (input.OpeningRatio > 0)
        {
            round.SetOpeningRule(post, input.OpeningRatio, input.ShortfallAction, input.MergeInto);
        }
        if (!string.IsNullOrWhiteSpace(input.ReservedFor))
        {
            round.ReservePost(post, input.ReservedFor);
        }
    }

    /// <summary>Replaces the round's rules while registration is open (audited as a change of the round).</summary>
    public Task<CommandResult<RecruitmentRound>?> ChangeRulesAsync(UserScope scope, long id, RulesInput input, CancellationToken ct) =>
        ChangeAsync(scope, id, round =>
        {
            round.ChangeRules(input.ToRules(input.AgeReferenceDate ?? round.AnnouncedOn.ToDateOnly()));
            return round;
        }, ct);

    /// <summary>复审 of a shortlisted candidate before the interview: passed, or failed with a reason.</summary>
    public Task<CommandResult<Applicant>?> SecondReviewAsync(UserScope scope, long id, long applicantId, ReasonInput input, CancellationToken ct) =>
        ChangeAsync(scope, id, round =>
        {
            var a = round.ApplicantById(applicantId);
            round.SecondReview(a, input.Approved ?? false, input.Reason);
            return a;
        }, ct);

    /// <summary>选岗: the community a selected candidate of a pooled post chooses (in rank order).</summary>
    public Task<CommandResult<Applicant>?> ChooseAsync(UserScope scope, long id, long applicantId, ChoiceInput input, CancellationToken ct) =>
        ChangeAsync(scope, id, round =>
        {
            var a = round.ApplicantById(applicantId);
            round.ChooseCommunity(a, input.CommunityId ?? 0);
            return a;
        }, ct);

    /// <summary>Registers one applicant (报名).</summary>
    public async Task<CommandResult<Applicant>?> RegisterAsync(UserScope scope, long id, ApplicantInput input, CancellationToken ct)
    {
        var result = await ChangeAsync(scope, id, round => Register(round, input), ct);
        return result;
    }

    internal Applicant Register(RecruitmentRound round, ApplicantInput input)
    {
        var post = round.Posts.SingleOrDefault(p => p.Id == input.PostId) ?? throw new DomainException("Recruitment.UnknownPost") { Field = nameof(input.PostId) };
        var idCard = IdCardNumber.Parse(input.IdCardNumber ?? string.Empty);
        var phone = string.IsNullOrWhiteSpace(input.Phone) ? (PhoneNumber?)null : PhoneNumber.Parse(input.Phone);
        var applicant = round.Register(post, input.Name ?? string.Empty, idCard, phone, input.Education ?? Education.HighSchool, input.PoliticalStatus,
            input.HouseholdArea, input.Bonus, context.DateOr(input.RegisteredOn));
        if (input.CommunityMonths is { } months)
        {
            round.RecordWorkHistory(applicant, months, null);
        }
        if (input.ParentHouseholdArea is not null || input.SpouseHouseholdArea is not null || input.PartyJoinedOn is not null)
        {
            round.DeclareFamilyAndParty(applicant, input.ParentHouseholdArea, input.SpouseHouseholdArea, input.PartyJoinedOn is { } joined ? LocalDate.FromDateOnly(joined) : null);
        }
        return applicant;
    }

    /// <summary>Records an applicant's months of community work, declared and from the pension record (registration or review).</summary>
    public Task<CommandResult<Applicant>?> WorkHistoryAsync(UserScope scope, long id, long applicantId, WorkHistoryInput input, CancellationToken ct) =>
        ChangeAsync(scope, id, round =>
        {
            var a = round.ApplicantById(applicantId);
            round.RecordWorkHistory(a, input.DeclaredMonths, input.PensionRecordMonths);
            return a;
        }, ct);

    /// <summary>
    /// Manual qualification decision overriding the automatic one: a reason and the document it rests on (PDF, Word, JPEG or PNG
    /// by its bytes, at most 5 MB), kept with the applicant and named in the audit trail with its SHA-256. Without a decision
    /// (<see cref="ReasonInput.Approved"/> null) the automatic result is restored and the document removed.
    /// </summary>
    public async Task<CommandResult<Applicant>?> DecideAsync(UserScope scope, long id, long applicantId, ReasonInput input, string? evidenceName, byte[]? evidence, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        string? type = null;
        if (input.Approved is not null && (evidence is not { Length: > 0 and <= DocumentFiles.MaxBytes } || (type = DocumentFiles.ContentTypeOf(evidence)) is null))
        {
            return await queries.FindAsync(scope, id, ct) is null ? null
                : UseCaseContext.Fail<Applicant>("Evidence", evidence is null ? "Recruitment.EvidenceRequired" : "Assessment.AttachmentRefused", DocumentFiles.MaxBytes / 1024 / 1024);
        }
        var name = Path.GetFileName(string.IsNullOrWhiteSpace(evidenceName) ? "evidence" : evidenceName.Trim());
        name = name.Length > 100 ? name[^100..] : name;
        var existing = await db.QualificationEvidence.SingleOrDefaultAsync(e => e.ApplicantId == applicantId, ct);
        return await ChangeAsync(scope, id, round =>
        {
            var a = round.ApplicantById(applicantId);
            round.Decide(a, input.Approved, input.Reason, input.Approved is null ? null : name);
            if (existing is not null)
            {
                db.QualificationEvidence.Remove(existing);
            }
            if (input.Approved is not null)
            {
                db.QualificationEvidence.Add(new QualificationEvidence { ApplicantId = a.Id, FileName = name, ContentType = type!, Content = evidence! });
                db.RecordAuditEvent("QualificationOverridden", nameof(Applicant), a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    $"{(input.Approved == true ? "qualified" : "disqualified")}; {name}; sha256={Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(evidence!))}");
            }
            return a;
        }, ct);
    }

    /// <summary>The document of an applicant's qualification override, when the round is in scope.</summary>
    public async Task<QualificationEvidence?> EvidenceAsync(UserScope scope, long id, long applicantId, CancellationToken ct) =>
        await queries.FindAsync(scope, id, ct) is { } round && round.Applicants.Any(a => a.Id == applicantId)
            ? await db.QualificationEvidence.AsNoTracking().SingleOrDefaultAsync(e => e.ApplicantId == applicantId, ct)
            : null;

    /// <summary>Written scores, all or nothing.</summary>
    public Task<CommandResult<int>?> WrittenScoresAsync(UserScope scope, long id, IReadOnlyList<WrittenScoreInput> scores, CancellationToken ct) =>
        ChangeAsync(scope, id, round =>
        {
            var byId = round.Applicants.ToDictionary(a => a.Id);
            round.ScoreWritten(scores.Select(s => (Find(byId, s.ApplicantId), s.Score, s.Absent)).ToList());
            return scores.Count;
        }, ct);

    private static Applicant Find(Dictionary<long, Applicant> byId, long id) =>
        byId.TryGetValue(id, out var a) ? a : throw new DomainException("Recruitment.UnknownApplicant", id) { Field = "ApplicantId" };

    /// <summary>Interview marks, all or nothing.</summary>
    public Task<CommandResult<int>?> InterviewScoresAsync(UserScope scope, long id, IReadOnlyList<InterviewScoreInput> scores, CancellationToken ct) =>
        ChangeAsync(scope, id, round =>
        {
            var byId = round.Applicants.ToDictionary(a => a.Id);
            round.ScoreInterview(scores.Select(s => (Find(byId, s.ApplicantId), (IReadOnlyList<(string, decimal)>)[.. s.Scores.Select(m => (m.Examiner, m.Score))], s.Absent)).ToList());
            return scores.Count;
        }, ct);

    /// <summary>Vetting and medical of a selected candidate.</summary>
    public Task<CommandResult<Applicant>?> VettingAsync(UserScope scope, long id, long applicantId, VettingInput input, CancellationToken ct) =>
        ChangeAsync(scope, id, round =>
        {
            var a = round.ApplicantById(applicantId);
            round.RecordVetting(a, input.VettingPassed, input.MedicalPassed, input.Note ?? string.Empty);
            return a;
        }, ct);

    /// <summary>A candidate withdraws.</summary>
    public Task<CommandResult<Applicant>?> WithdrawAsync(UserScope scope, long id, long applicantId, ReasonInput input, CancellationToken ct) =>
        ChangeAsync(scope, id, round =>
        {
            var a = round.ApplicantById(applicantId);
            round.Withdraw(a, input.Reason ?? string.Empty);
            return a;
        }, ct);

    /// <summary>Raises an objection during the notice.</summary>
    public Task<CommandResult<Objection>?> ObjectAsync(UserScope scope, long id, ObjectionInput input, CancellationToken ct) =>
        ChangeAsync(scope, id, round => round.RaiseObjection(input.ApplicantId is { } a ? round.ApplicantById(a) : null, input.Text ?? string.Empty, context.Today), ct);

    /// <summary>Resolves an objection.</summary>
    public Task<CommandResult<Objection>?> ResolveAsync(UserScope scope, long id, long objectionId, ResolutionInput input, CancellationToken ct) =>
        ChangeAsync(scope, id, round =>
        {
            var o = round.Objections.SingleOrDefault(x => x.Id == objectionId) ?? throw new DomainException("Recruitment.UnknownObjection") { Field = "ObjectionId" };
            round.ResolveObjection(o, input.Upheld, input.Resolution ?? string.Empty, context.Today);
            return o;
        }, ct);

    /// <summary>Moves the round to its next step.</summary>
    public Task<CommandResult<RecruitmentRound>?> AdvanceAsync(UserScope scope, long id, DateOnly? noticeStart, CancellationToken ct) =>
        ChangeAsync(scope, id, round =>
        {
            round.Advance(context.Today, noticeStart is { } d ? LocalDate.FromDateOnly(d) : null);
            return round;
        }, ct);

    /// <summary>Goes back one step with a reason.</summary>
    public Task<CommandResult<RecruitmentRound>?> ReopenAsync(UserScope scope, long id, ReasonInput input, CancellationToken ct) =>
        ChangeAsync(scope, id, round =>
        {
            round.Reopen(input.Reason ?? string.Empty);
            return round;
        }, ct);

    /// <summary>
    /// Hires every selected candidate on <paramref name="hireDate"/>: registers each as a worker in the
    /// post's community with the entry grade of payroll rule R1 (explained), clamped to the registry band,
    /// and the probation end of the round's rules; then records the hires. One transaction: all or none.
    /// </summary>
    public async Task<CommandResult<List<HireRow>>?> HireAsync(UserScope scope, long id, LocalDate hireDate, CancellationToken ct)
    {
        var round = await queries.FindAsync(scope, id, ct);
        if (round is null)
        {
            return null;
        }
        if (round.Step != RoundStep.Hiring)
        {
            return UseCaseContext.Fail<List<HireRow>>("Step", "Recruitment.WrongStep", round.Step);
        }
        var selected = round.Applicants.Where(a => a.Status == ApplicantStatus.Selected && a.WorkerId is null).ToList();
        var bands = await db.GradeBands.AsNoTracking().ToListAsync(ct);
        var placeIds = round.Posts.SelectMany(p => p.Communities).Distinct().ToList();
        var communities = await db.OrgUnits.Where(u => placeIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var snapshot = await payRules.GetAsync(db, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var hires = new List<(Applicant Applicant, Worker Worker, GradeStep Entry)>();
        try
        {
            var rules = snapshot.ForDate(hireDate);
            foreach (var a in selected)
            {
                if (await db.WorkersByIdCard(a.IdCard).AnyAsync(ct))
                {
                    throw new DomainException("Recruitment.AlreadyAWorker", a.Name) { Field = "ApplicantId" };
                }
                var post = round.PostOf(a);
                var entry = GradeCalculator.EntryGrade(rules, post.Post, hireDate, 0, a.Education, []);
                var community = communities[round.PlacementOf(a)];
                var worker = Worker.Register(a.Name, a.IdCard, a.Phone, a.Education, a.PoliticalStatus, hireDate, community);
                worker.PlaceInPost(post.Post, entry.ToGrade, community, hireDate, bands);
                worker.SetProbation(round.ProbationEndFor(hireDate));
                db.Workers.Add(worker);
                hires.Add((a, worker, entry));
            }
            await db.SaveChangesAsync(ct);
            foreach (var (a, w, _) in hires)
            {
                round.RecordHire(a, w.Id, hireDate);
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DomainException ex)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return CommandResult<List<HireRow>>.Fail(FieldError.From(ex));
        }
        var probation = round.ProbationEndFor(hireDate)?.ToDateOnly();
        return CommandResult<List<HireRow>>.Ok([.. hires.Select(h => new HireRow(h.Applicant.Id, h.Worker.Id, h.Applicant.Name, h.Worker.PostAssignments[0].Grade.Value, h.Entry.Reason, hireDate.ToDateOnly(), probation))]);
    }

    private async Task<CommandResult<T>?> ChangeAsync<T>(UserScope scope, long id, Func<RecruitmentRound, T> change, CancellationToken ct)
    {
        var round = await queries.FindAsync(scope, id, ct);
        if (round is null)
        {
            return null;
        }
        try
        {
            return await context.SaveAsync(() => change(round), ct);
        }
        catch (DbUpdateException)
        {
            // The unique (round, person) index caught a registration racing another one.
            db.ChangeTracker.Clear();
            return UseCaseContext.Fail<T>("IdCardNumber", "Recruitment.DuplicateApplicant", "—");
        }
    }
}
