using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Data;
using Workforce.Domain.Common;
using Workforce.Domain.Organisation;
using Workforce.Domain.Recruitment;
using Workforce.Domain.Workers;
using Workforce.Payroll.Engine;
using Workforce.Payroll.Facts;
using Workforce.Web.Features.Payroll;
using Workforce.Web.Features.Talent;
using Workforce.Web.Features.Workers;
using Workforce.Web.Infrastructure;
using Workforce.Web.Infrastructure.Xlsx;

namespace Workforce.Web.Features.Recruitment;

/// <summary>A round in the list.</summary>
public sealed record RoundListItem(long Id, string Name, string Unit, LocalDate AnnouncedOn, RoundStep Step, int Places, int Applicants);

/// <summary>
/// Recruitment use cases for the pages, the API and the importers. Every change loads the round,
/// applies the domain method and saves; a broken rule (wrong step, score out of range, unknown
/// candidate) is returned as an error and nothing is saved.
/// </summary>
public sealed class RecruitmentService(WorkforceDbContext db, TalentContext context, PayRuleSets payRules, UiText text)
{
    /// <summary>Rounds organised by units in scope.</summary>
    public IQueryable<RecruitmentRound> Rounds(UserScope scope) => db.RecruitmentRounds.Where(r => scope.Units(db).Any(u => u.Id == r.OrgUnitId));

    /// <summary>The rounds in scope.</summary>
    public Task<List<RoundListItem>> ListAsync(UserScope scope, CancellationToken ct) =>
        Rounds(scope).AsNoTracking().OrderByDescending(r => r.AnnouncedOn).ThenByDescending(r => r.Id)
            .Select(r => new RoundListItem(r.Id, r.Name, db.OrgUnits.Where(u => u.Id == r.OrgUnitId).Select(u => u.Name).Single(), r.AnnouncedOn, r.Step,
                r.Posts.Sum(p => p.Quota), r.Applicants.Count))
            .ToListAsync(ct);

    /// <summary>A round in scope with posts, applicants and objections (tracked), or null.</summary>
    public Task<RecruitmentRound?> FindAsync(UserScope scope, long id, CancellationToken ct) =>
        Rounds(scope).Include(r => r.Posts).Include(r => r.Applicants).ThenInclude(a => a.InterviewScores).Include(r => r.Objections)
            .AsSplitQuery().SingleOrDefaultAsync(r => r.Id == id, ct);

    /// <summary>Announces a round with its posts (communities in scope).</summary>
    public async Task<CommandResult<RecruitmentRound>> CreateAsync(UserScope scope, RoundInput input, CancellationToken ct)
    {
        var unit = await context.UnitAsync(scope, input.OrgUnitId, ct);
        if (unit is null)
        {
            return context.Fail<RecruitmentRound>(nameof(input.OrgUnitId), "Reserve.NotInScope");
        }
        var communityIds = input.Posts.SelectMany(p => p.PoolCommunityIds.Append(p.CommunityId ?? 0)).Distinct().ToList();
        var inScope = await scope.Units(db).Where(u => communityIds.Contains(u.Id) && u.Type == OrgUnitType.Community).CountAsync(ct);
        if (input.Posts.Count == 0 || inScope != communityIds.Count)
        {
            return context.Fail<RecruitmentRound>(nameof(input.Posts), "Recruitment.PostsOutsideScope");
        }
        return await context.SaveAsync(() =>
        {
            var round = new RecruitmentRound(input.Name!, unit.Id, LocalDate.FromDateOnly(input.AnnouncedOn!.Value), input.Rules.ToRules(input.AnnouncedOn.Value));
            foreach (var p in input.Posts)
            {
                round.AddPost(p.Name ?? string.Empty, p.CommunityId!.Value, p.Post, p.Quota, p.PoolCommunityIds);
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
            return await FindAsync(scope, id, ct) is null ? null : context.Fail<RoundPost>(nameof(input.CommunityId), "Recruitment.PostsOutsideScope");
        }
        return await ChangeAsync(scope, id, round => round.AddPost(input.Name ?? string.Empty, input.CommunityId!.Value, input.Post, input.Quota, input.PoolCommunityIds), ct);
    }

    /// <summary>Registers one applicant (报名).</summary>
    public async Task<CommandResult<Applicant>?> RegisterAsync(UserScope scope, long id, ApplicantInput input, CancellationToken ct)
    {
        var result = await ChangeAsync(scope, id, round => Register(round, input), ct);
        return result;
    }

    private Applicant Register(RecruitmentRound round, ApplicantInput input)
    {
        var post = round.Posts.SingleOrDefault(p => p.Id == input.PostId) ?? throw new DomainException("Recruitment.UnknownPost") { Field = nameof(input.PostId) };
        var idCard = IdCardNumber.Parse(input.IdCardNumber ?? string.Empty);
        var phone = string.IsNullOrWhiteSpace(input.Phone) ? (PhoneNumber?)null : PhoneNumber.Parse(input.Phone);
        return round.Register(post, input.Name ?? string.Empty, idCard, phone, input.Education ?? Education.HighSchool, input.PoliticalStatus,
            input.HouseholdArea, input.Bonus, context.DateOr(input.RegisteredOn));
    }

    /// <summary>Checks (dry run) or imports applicants from xlsx; nothing is written unless every row is valid.</summary>
    public async Task<ImportReport?> ImportAsync(UserScope scope, long id, Stream file, bool dryRun, CancellationToken ct)
    {
        var round = await FindAsync(scope, id, ct);
        if (round is null)
        {
            return null;
        }
        var rows = XlsxTable.Read(file, 8);
        var errors = new List<ImportRowError>();
        var headers = ApplicantColumns();
        var cells = new ImportCells(text);
        var vocabulary = cells.Vocabulary(typeof(Education), typeof(PoliticalStatus));
        var valid = 0;
        if (rows.Count - 1 > WorkerSpreadsheet.MaxImportRows)
        {
            errors.Add(new ImportRowError(0, "-", text.Format("Import.TooManyRows", WorkerSpreadsheet.MaxImportRows)));
        }
        for (var r = 1; r < rows.Count && errors.Count < 1000; r++)
        {
            var row = rows[r];
            var rowNumber = r + 1;
            var bad = false;
            void Bad(int column, string reason)
            {
                errors.Add(new ImportRowError(rowNumber, XlsxTable.ColumnName(column) + " " + headers[column], reason));
                bad = true;
            }
            string? Cell(int i) => i < row.Length && !string.IsNullOrWhiteSpace(row[i]) ? row[i]!.Trim() : null;
            var post = round.Posts.SingleOrDefault(p => p.Name == Cell(0) || p.Id.ToString(CultureInfo.InvariantCulture) == Cell(0));
            if (post is null)
            {
                Bad(0, text.Format("Import.UnknownValue", Cell(0) ?? string.Empty, string.Join("、", round.Posts.Select(p => p.Name))));
            }
            var input = new ApplicantInput
            {
                PostId = post?.Id,
                Name = Cell(1),
                IdCardNumber = Cell(2),
                Phone = Cell(3),
                Education = cells.Enum<Education>(Cell(4), vocabulary, 4, Bad),
                PoliticalStatus = Cell(5) is null ? PoliticalStatus.Masses : cells.Enum<PoliticalStatus>(Cell(5), vocabulary, 5, Bad) ?? PoliticalStatus.Masses,
                HouseholdArea = Cell(6),
                Bonus = [.. (Cell(7) ?? string.Empty).Split([',', '，', '、', ' '], StringSplitOptions.RemoveEmptyEntries)],
            };
            if (bad)
            {
                continue;
            }
            try
            {
                Register(round, input);
                valid++;
            }
            catch (DomainException ex)
            {
                var column = ex.Field switch { "Name" => 1, "IdCardNumber" => 2, "Phone" => 3, "Bonus" => 7, _ => 2 };
                Bad(column, text.Domain(ex));
            }
        }
        var write = !dryRun && errors.Count == 0 && valid > 0;
        if (write)
        {
            await db.SaveChangesAsync(ct);
        }
        else
        {
            db.ChangeTracker.Clear();
        }
        return new ImportReport(rows.Count - 1, valid, errors, dryRun, write);
    }

    /// <summary>Headers of the applicant import template.</summary>
    public IReadOnlyList<string> ApplicantColumns() =>
        [text["Recruitment.Post"], text["Field.Name"], text["Field.IdCardNumber"], text["Field.Phone"], text["Field.Education"], text["Field.PoliticalStatus"],
            text["Recruitment.HouseholdArea"], text["Recruitment.BonusCodes"]];

    /// <summary>Manual qualification decision.</summary>
    public Task<CommandResult<Applicant>?> DecideAsync(UserScope scope, long id, long applicantId, ReasonInput input, CancellationToken ct) =>
        ChangeAsync(scope, id, round =>
        {
            var a = round.ApplicantById(applicantId);
            round.Decide(a, input.Approved, input.Reason);
            return a;
        }, ct);

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

    /// <summary>Reads written scores from xlsx: candidate number, score (or 缺考).</summary>
    public List<WrittenScoreInput> ReadWrittenScores(Stream file, List<ImportRowError> errors)
    {
        var rows = XlsxTable.Read(file, 2);
        var result = new List<WrittenScoreInput>();
        for (var r = 1; r < rows.Count; r++)
        {
            var idText = rows[r].ElementAtOrDefault(0)?.Trim();
            var scoreText = rows[r].ElementAtOrDefault(1)?.Trim();
            if (!long.TryParse(idText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var applicantId))
            {
                errors.Add(new ImportRowError(r + 1, "A " + text["Recruitment.CandidateNo"], text.Format("Import.BadNumber", idText ?? string.Empty)));
                continue;
            }
            if (scoreText is "缺考" or "absent" or "Absent")
            {
                result.Add(new WrittenScoreInput(applicantId, null, true));
            }
            else if (decimal.TryParse(scoreText, NumberStyles.Number, CultureInfo.InvariantCulture, out var score))
            {
                result.Add(new WrittenScoreInput(applicantId, score, false));
            }
            else
            {
                errors.Add(new ImportRowError(r + 1, "B " + text["Recruitment.WrittenScore"], text.Format("Import.BadNumber", scoreText ?? string.Empty)));
            }
        }
        return result;
    }

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

    /// <summary>The ranking of a post (or every post), with the computation of each total.</summary>
    public static List<RankingRow> Ranking(RecruitmentRound round, long? postId)
    {
        ArgumentNullException.ThrowIfNull(round);
        var rules = round.Rules;
        return [.. round.Posts.Where(p => postId is null || p.Id == postId).SelectMany(round.RankingOf).Select(a =>
        {
            var marks = a.InterviewScores.Select(s => s.Score).ToList();
            var computation = a.Total is { } total
                ? string.Format(CultureInfo.InvariantCulture, "笔试 {0:0.00} × {1:0.##}% + 面试 {2:0.00} × {3:0.##}% + 加分 {4:0.00} = {5:0.00}；面试 = {6}",
                    a.WrittenScore, rules.WrittenWeight * 100, a.InterviewScore, rules.InterviewWeight * 100, a.Bonus, total,
                    marks.Count >= rules.DropExtremesFromExaminers
                        ? $"{string.Join("/", marks.Select(m => m.ToString("0.##", CultureInfo.InvariantCulture)))} 去掉一个最高分和一个最低分后平均 {a.InterviewScore:0.00}"
                        : $"{string.Join("/", marks.Select(m => m.ToString("0.##", CultureInfo.InvariantCulture)))} 平均 {a.InterviewScore:0.00}")
                : string.Empty;
            return new RankingRow(a.Id, a.Name, a.IdCard.Masked, a.Education, a.WrittenScore, a.InterviewScore, marks, a.Bonus, a.Total, a.Rank, a.Status, a.Substitute, computation);
        })];
    }

    /// <summary>
    /// Hires every selected candidate on <paramref name="hireDate"/>: registers each as a worker in the
    /// post's community with the entry grade of payroll rule R1 (explained), clamped to the registry band,
    /// and the probation end of the round's rules; then records the hires. One transaction: all or none.
    /// </summary>
    public async Task<CommandResult<List<HireRow>>?> HireAsync(UserScope scope, long id, LocalDate hireDate, CancellationToken ct)
    {
        var round = await FindAsync(scope, id, ct);
        if (round is null)
        {
            return null;
        }
        if (round.Step != RoundStep.Hiring)
        {
            return context.Fail<List<HireRow>>("Step", "Recruitment.WrongStep", round.Step);
        }
        var selected = round.Applicants.Where(a => a.Status == ApplicantStatus.Selected && a.WorkerId is null).ToList();
        var bands = await db.GradeBands.AsNoTracking().ToListAsync(ct);
        var placeIds = round.Posts.SelectMany(p => p.Communities).Distinct().ToList();
        var communities = await db.OrgUnits.Where(u => placeIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var hires = new List<(Applicant Applicant, Worker Worker, string Why)>();
        try
        {
            var rules = await payRules.ForDateAsync(db, hireDate, ct);
            foreach (var a in selected)
            {
                if (await db.WorkersByIdCard(a.IdCard).AnyAsync(ct))
                {
                    throw new DomainException("Recruitment.AlreadyAWorker", a.Name) { Field = "ApplicantId" };
                }
                var post = round.PostOf(a);
                var band = bands.Where(b => b.Post == post.Post && b.EffectiveFrom <= hireDate).OrderByDescending(b => b.EffectiveFrom).FirstOrDefault()
                    ?? throw new DomainException("Recruitment.NoGradeBand") { Field = "Step" };
                var entry = GradeCalculator.EntryGrade(rules, post.Post, hireDate, 0, a.Education, []);
                var grade = Math.Clamp(entry.ToGrade, band.MinGrade, band.MaxGrade);
                var community = communities[round.PlacementOf(a)];
                var worker = Worker.Register(a.Name, a.IdCard, a.Phone, a.Education, a.PoliticalStatus, hireDate, community);
                worker.AssignPost(post.Post, new Grade(grade), community, hireDate, band);
                worker.SetProbation(round.ProbationEndFor(hireDate));
                db.Workers.Add(worker);
                hires.Add((a, worker, entry.Reason));
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
            return CommandResult<List<HireRow>>.Fail(new FieldError(ex.Field, text.Domain(ex)));
        }
        var probation = round.ProbationEndFor(hireDate)?.ToDateOnly();
        return CommandResult<List<HireRow>>.Ok([.. hires.Select(h => new HireRow(h.Applicant.Id, h.Worker.Id, h.Applicant.Name, h.Worker.PostAssignments[0].Grade.Value, h.Why, hireDate.ToDateOnly(), probation))]);
    }

    private async Task<CommandResult<T>?> ChangeAsync<T>(UserScope scope, long id, Func<RecruitmentRound, T> change, CancellationToken ct)
    {
        var round = await FindAsync(scope, id, ct);
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
            return context.Fail<T>("IdCardNumber", "Recruitment.DuplicateApplicant", "—");
        }
    }
}
