using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Data;
using Workforce.Domain.Assessment;
using Workforce.Domain.Common;

namespace Workforce.Application.Assessment;

/// <summary>
/// The 民主测评 ballot box, used without signing in: a code opens the ballot of its community and group; casting consumes the
/// code and stores the ballot in one transaction. The code is consumed by a conditional update (unused, unexpired), so of any
/// number of simultaneous submissions of one code exactly one stores a ballot. The ballot row has no reference to the code,
/// no time and a random key; nothing here is audited or logged per code (anonymity, ADR 0017).
/// </summary>
public sealed class BallotBox(WorkforceDbContext db, IClock clock)
{
    /// <summary>The ballot a code opens, or the refusal (unknown, used, expired, voting closed).</summary>
    public async Task<CommandResult<BallotForm>> OpenAsync(string? code, CancellationToken ct)
    {
        var (found, refusal) = await ValidAsync(code, ct);
        if (found is null)
        {
            return CommandResult<BallotForm>.Fail("Code", refusal!);
        }
        var round = await db.AssessmentRounds.AsNoTracking().Where(r => r.Id == found.RoundId).Select(r => new { r.Name, r.Year, r.Scheme }).SingleAsync(ct);
        var unit = await db.OrgUnits.AsNoTracking().Where(u => u.Id == found.UnitId).Select(u => u.Name).SingleAsync(ct);
        var people = await db.AssessmentEntries.AsNoTracking().Where(e => e.RoundId == found.RoundId && e.UnitId == found.UnitId)
            .Join(db.Workers, e => e.WorkerId, w => w.Id, (e, w) => new BallotPerson(w.Id, w.Name)).ToListAsync(ct);
        return CommandResult<BallotForm>.Ok(new BallotForm(round.Name, round.Year, unit, found.Group, round.Scheme.BallotMode,
            [.. people.OrderBy(p => p.Name, StringComparer.Ordinal)]));
    }

    /// <summary>Casts the ballot of a code: every person of the community marked (by worker id), once per code.</summary>
    public async Task<CommandResult<bool>> CastAsync(string? code, IReadOnlyDictionary<long, (AssessmentRating? Rating, decimal? Score)> marks, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(marks);
        var (found, refusal) = await ValidAsync(code, ct);
        if (found is null)
        {
            return CommandResult<bool>.Fail("Code", refusal!);
        }
        // Only the ballot's community: a district round holds every worker, a ballot rates a community's few.
        var round = await db.AssessmentRounds.Include(r => r.Entries.Where(e => e.UnitId == found.UnitId)).AsNoTracking().SingleAsync(r => r.Id == found.RoundId, ct);
        Ballot ballot;
        try
        {
            ballot = round.Cast(Guid.NewGuid(), found.UnitId, found.Group, marks);
        }
        catch (DomainException ex)
        {
            return CommandResult<bool>.Fail(FieldError.From(ex));
        }
        var now = clock.GetCurrentInstant();
        var stage = AssessmentStage.Voting;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The code is consumed only if it is still unused and valid and the vote still open, checked by the database in the
        // update itself: a second submission of the same code, however close, updates nothing.
        var consumed = await db.BallotCodes.Where(c => c.Id == found.Id && !c.Used && c.ExpiresAt > now
                && db.AssessmentRounds.Any(r => r.Id == c.RoundId && r.Stage == stage))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Used, true), ct);
        if (consumed != 1)
        {
            await tx.RollbackAsync(ct);
            return CommandResult<bool>.Fail("Code", "Domain.Assessment.CodeUsed");
        }
        db.Ballots.Add(ballot);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return CommandResult<bool>.Ok(true);
    }

    private async Task<(BallotCode? Code, string? Refusal)> ValidAsync(string? code, CancellationToken ct)
    {
        if (BallotCodes.Normalise(code) is not { } normal)
        {
            return (null, "Domain.Assessment.CodeUnknown");
        }
        var hashes = BallotCodes.Hashes(db, normal);
        var found = await db.BallotCodes.AsNoTracking().FirstOrDefaultAsync(c => hashes.Contains(c.CodeHash), ct);
        if (found is null)
        {
            return (null, "Domain.Assessment.CodeUnknown");
        }
        if (found.Used)
        {
            return (null, "Domain.Assessment.CodeUsed");
        }
        if (found.ExpiresAt <= clock.GetCurrentInstant())
        {
            return (null, "Domain.Assessment.CodeExpired");
        }
        var open = await db.AssessmentRounds.AnyAsync(r => r.Id == found.RoundId && r.Stage == AssessmentStage.Voting, ct);
        return open ? (found, null) : (null, "Domain.Assessment.VotingClosed");
    }
}
