using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Data;
using Workforce.Domain.Assessment;
using Workforce.Domain.Common;
using Workforce.Domain.Pay;
using Workforce.Domain.Workers;

namespace Workforce.Application.Assessment;

/// <summary>
/// The annual assessment round for officers: the scheme, opening a round for the workers of a unit, review scores, ballot
/// codes, the stages, objections, and the final ratings written as the year's <see cref="AnnualAssessment"/>s (the rows
/// payroll, grade advancement, certificates and the reserve pool read). A round outside the caller's scope is not found (null);
/// a broken rule is returned as an error and nothing is saved.
/// </summary>
public sealed class AssessmentRoundCommands(WorkforceDbContext db, UseCaseContext context, AssessmentRoundQueries queries, IClock clock)
{
    /// <summary>Largest number of codes issued at once (one printed sheet per meeting).</summary>
    public const int MaxCodes = 500;

    /// <summary>Sets (or replaces) the scheme of a unit in scope from a year.</summary>
    public async Task<CommandResult<AssessmentSchemeVersion>> SetSchemeAsync(UserScope scope, SchemeInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var unit = await context.UnitAsync(scope, input.OrgUnitId, ct);
        if (unit is null)
        {
            return UseCaseContext.Fail<AssessmentSchemeVersion>(nameof(input.OrgUnitId), "Reserve.NotInScope");
        }
        var existing = await db.AssessmentSchemes.SingleOrDefaultAsync(s => s.OrgUnitId == unit.Id && s.FromYear == input.FromYear, ct);
        return await context.SaveAsync(() =>
        {
            if (existing is null)
            {
                existing = new AssessmentSchemeVersion(unit.Id, input.ToScheme());
                db.AssessmentSchemes.Add(existing);
            }
            else
            {
                existing.Replace(input.ToScheme());
            }
            return existing;
        }, ct);
    }

    /// <summary>
    /// Opens the round of a unit in scope for a year with the scheme in force (the nearest unit's latest version not after the
    /// year; the defaults when none): every worker in scope counted in the unit's subtree on the last day of the year (or today,
    /// when earlier) and not left by then, each counted in the community they belong to.
    /// </summary>
    public async Task<CommandResult<AssessmentRound>> OpenAsync(UserScope scope, AssessmentRoundInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var unit = await context.UnitAsync(scope, input.OrgUnitId, ct);
        if (unit is null)
        {
            return UseCaseContext.Fail<AssessmentRound>(nameof(input.OrgUnitId), "Reserve.NotInScope");
        }
        if (await db.AssessmentRounds.AnyAsync(r => r.OrgUnitId == unit.Id && r.Year == input.Year, ct))
        {
            return UseCaseContext.Fail<AssessmentRound>(nameof(input.Year), "Assessment.RoundExists", input.Year);
        }
        var scheme = await queries.SchemeForAsync(unit, input.Year, ct);
        var yearEnd = new LocalDate(input.Year, 12, 31);
        var day = context.Today < yearEnd ? context.Today : yearEnd;
        var path = unit.Path;
        var assessed = await scope.Workers(db).UnderPath(db, path).NotLeftBy(day).Where(w => w.HireDate <= yearEnd)
            .OrderBy(w => w.Id).Select(w => new { w.Id, w.OrgUnitId }).ToListAsync(ct);
        var name = string.IsNullOrWhiteSpace(input.Name) ? $"{input.Year}年度{unit.Name}社区工作者年度考核" : input.Name;
        return await context.SaveAsync(() =>
        {
            var round = new AssessmentRound(name.Length > 100 ? name[..100] : name, unit.Id, input.Year, scheme, assessed.Select(a => (a.Id, a.OrgUnitId)), context.Today);
            db.AssessmentRounds.Add(round);
            return round;
        }, ct);
    }

    /// <summary>Records the review scores of many people at once (all or nothing).</summary>
    public Task<CommandResult<int>?> EvaluateAsync(UserScope scope, long id, IReadOnlyList<EvaluationInput> scores, CancellationToken ct) =>
        ChangeAsync(scope, id, round =>
        {
            var count = 0;
            foreach (var s in scores.Where(s => s.ReportScore is not null || s.OrganisationScore is not null))
            {
                if (s.ReportScore is null || s.OrganisationScore is null)
                {
                    throw new DomainException("Assessment.ScoresMissing", 1) { Field = s.ReportScore is null ? "ReportScore" : "OrganisationScore" };
                }
                round.Evaluate(round.EntryById(s.EntryId), s.ReportScore.Value, s.OrganisationScore.Value, s.AbsenceDays);
                count++;
            }
            return count;
        }, ct);

    /// <summary>
    /// Moves the round to its next stage: opens the vote; closes it with the tallies of the ballots; starts the notice with the
    /// proposals (disciplinary records in force during the year cap); or, after the notice, writes the final ratings as the
    /// year's assessments (a rating already recorded for the year is corrected; the audit trail shows both). The notice starts
    /// on <paramref name="noticeStart"/> (the day it was posted, today when empty).
    /// </summary>
    public async Task<CommandResult<AssessmentRound>?> AdvanceAsync(UserScope scope, long id, LocalDate? noticeStart, CancellationToken ct)
    {
        var round = await queries.FindAsync(scope, id, ct);
        if (round is null)
        {
            return null;
        }
        switch (round.Stage)
        {
            case AssessmentStage.SelfReport:
                return await context.SaveAsync(() => { round.OpenVoting(); return round; }, ct);
            case AssessmentStage.Voting:
                var tallies = await queries.TalliesAsync(round.Id, ct);
                return await context.SaveAsync(() => { round.CloseVoting(tallies); return round; }, ct);
            case AssessmentStage.Review:
                var disciplined = await queries.DisciplinedAsync(round, ct);
                return await context.SaveAsync(() => { round.StartNotice(disciplined, noticeStart ?? context.Today, context.Today); return round; }, ct);
            case AssessmentStage.Notice:
                var workerIds = round.Entries.Select(e => e.WorkerId).ToList();
                var existing = await db.AnnualAssessments.Where(a => a.Year == round.Year && workerIds.Contains(a.WorkerId)).ToDictionaryAsync(a => a.WorkerId, ct);
                return await context.SaveAsync(() =>
                {
                    var note = $"{round.Name}（{round.Id}）";
                    note = note.Length > 200 ? note[..200] : note;
                    foreach (var (workerId, rating) in round.Finalise(context.Today))
                    {
                        if (existing.TryGetValue(workerId, out var a))
                        {
                            a.Change(rating, note);
                        }
                        else
                        {
                            db.AnnualAssessments.Add(new AnnualAssessment(workerId, round.Year, rating, context.Today, note));
                        }
                    }
                    return round;
                }, ct);
            default:
                return UseCaseContext.Fail<AssessmentRound>("Stage", "Assessment.WrongStage", round.Stage);
        }
    }

    /// <summary>
    /// Issues single-use ballot codes for a community of the round, while voting is open. The codes are returned once, for the
    /// printed sheet; only their keyed hashes are stored. One audit event records how many, for which community and group.
    /// </summary>
    public async Task<CommandResult<IssuedCodes>?> IssueCodesAsync(UserScope scope, long id, BallotCodesInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        // The round without its entries (a district round holds every worker); the community is checked by a query.
        var round = await queries.Rounds(scope).AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (round is null)
        {
            return null;
        }
        if (!round.VotingOpen)
        {
            return UseCaseContext.Fail<IssuedCodes>("Stage", "Assessment.VotingClosed");
        }
        if (input.Count is < 1 or > MaxCodes)
        {
            return UseCaseContext.Fail<IssuedCodes>(nameof(input.Count), "Assessment.CodeCount", MaxCodes);
        }
        if (round.Scheme.WeightOf(input.Group) is null)
        {
            return UseCaseContext.Fail<IssuedCodes>(nameof(input.Group), "Assessment.GroupNotVoting", input.Group);
        }
        if (!await db.AssessmentEntries.AnyAsync(e => e.RoundId == round.Id && e.UnitId == input.UnitId, ct))
        {
            return UseCaseContext.Fail<IssuedCodes>(nameof(input.UnitId), "Assessment.NobodyInUnit");
        }
        var now = clock.GetCurrentInstant();
        var expires = now.Plus(Duration.FromHours(round.Scheme.BallotHours));
        var unitName = await db.OrgUnits.AsNoTracking().Where(u => u.Id == input.UnitId).Select(u => u.Name).SingleAsync(ct);
        var codes = new List<IssuedCode>(input.Count);
        for (var i = 0; i < input.Count; i++)
        {
            var code = BallotCodes.New();
            db.BallotCodes.Add(new BallotCode(round.Id, input.UnitId, input.Group, BallotCodes.Hash(db, code), now, expires));
            codes.Add(new IssuedCode(code, input.UnitId, unitName, input.Group, expires));
        }
        db.RecordAuditEvent("IssueBallotCodes", nameof(AssessmentRound), round.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{input.Count} × {input.Group} @ {unitName} ({input.UnitId})");
        await db.SaveChangesAsync(ct);
        return CommandResult<IssuedCodes>.Ok(new IssuedCodes(round.Name, codes));
    }

    /// <summary>Records an objection during the notice.</summary>
    public Task<CommandResult<AssessmentObjection>?> RaiseObjectionAsync(UserScope scope, long id, AssessmentObjectionInput input, CancellationToken ct) =>
        ChangeAsync(scope, id, round => round.RaiseObjection(round.EntryById(input.EntryId), input.Text ?? string.Empty, context.Today), ct);

    /// <summary>Decides an objection (an upheld one may change the rating within quota and caps).</summary>
    public async Task<CommandResult<AssessmentObjection>?> DecideObjectionAsync(UserScope scope, long id, long objectionId, ObjectionDecisionInput input, CancellationToken ct)
    {
        var round = await queries.FindAsync(scope, id, ct);
        if (round is null || round.Objections.SingleOrDefault(o => o.Id == objectionId) is not { } objection)
        {
            return null;
        }
        var disciplined = await queries.DisciplinedAsync(round, ct);
        return await context.SaveAsync(() =>
        {
            round.DecideObjection(objection, input.Upheld, input.Upheld ? input.Rating : null, input.Resolution ?? string.Empty, disciplined, context.Today);
            return objection;
        }, ct);
    }

    private async Task<CommandResult<T>?> ChangeAsync<T>(UserScope scope, long id, Func<AssessmentRound, T> change, CancellationToken ct)
    {
        var round = await queries.FindAsync(scope, id, ct);
        return round is null ? null : await context.SaveAsync(() => change(round), ct);
    }
}

/// <summary>Ballot codes: ten characters without look-alikes (0/O, 1/I/L), about 50 bits, printed as XXXXX-XXXXX; stored as a keyed hash.</summary>
public static class BallotCodes
{
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    /// <summary>A new random code.</summary>
    public static string New()
    {
        Span<char> chars = stackalloc char[10];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
        return string.Concat(chars[..5], "-", chars[5..]);
    }

    /// <summary>The code as typed or scanned, upper case without separators; null when it cannot be a code.</summary>
    public static string? Normalise(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 20)
        {
            return null;
        }
        var s = new string([.. code.Where(c => c is not ('-' or ' ')).Select(char.ToUpperInvariant)]);
        return s.Length == 10 && s.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? s : null;
    }

    /// <summary>The stored form: the keyed token of the normalised code (a copy of the table cannot be turned back into codes).</summary>
    public static string Hash(WorkforceDbContext db, string code) => Hashes(db, code)[0];

    /// <summary>The code's stored form under every configured look-up key, the writing one first (codes issued before a key change).</summary>
    public static IReadOnlyList<string> Hashes(WorkforceDbContext db, string code)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Protector.KeyedTokens("ballot:" + (Normalise(code) ?? throw new ArgumentException("Not a ballot code.", nameof(code))));
    }
}
