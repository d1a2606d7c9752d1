using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Data;
using Workforce.Domain.Assessment;
using Workforce.Domain.Common;
using Workforce.Domain.Organisation;
using Workforce.Domain.Workers;

namespace Workforce.Application.Assessment;

/// <summary>Assessment rounds as officers read them, the scheme in force, the live ballot count, and a worker's own part.</summary>
public sealed class AssessmentRoundQueries(WorkforceDbContext db)
{
    /// <summary>Rounds run by units in scope.</summary>
    public IQueryable<AssessmentRound> Rounds(UserScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return db.AssessmentRounds.Where(r => scope.Units(db).Any(u => u.Id == r.OrgUnitId));
    }

    /// <summary>The rounds in scope, newest year first.</summary>
    public Task<List<AssessmentRoundItem>> ListAsync(UserScope scope, CancellationToken ct) =>
        Rounds(scope).AsNoTracking().OrderByDescending(r => r.Year).ThenByDescending(r => r.Id)
            .Select(r => new AssessmentRoundItem(r.Id, r.Name, db.OrgUnits.Where(u => u.Id == r.OrgUnitId).Select(u => u.Name).Single(), r.Year, r.Stage,
                r.Entries.Count, r.Entries.Count(e => e.ReportSubmittedOn != null), db.Ballots.Count(b => b.RoundId == r.Id)))
            .ToListAsync(ct);

    /// <summary>A round in scope with its entries and objections (tracked), or null.</summary>
    public Task<AssessmentRound?> FindAsync(UserScope scope, long id, CancellationToken ct) =>
        Rounds(scope).Include(r => r.Entries).Include(r => r.Objections).AsSplitQuery().SingleOrDefaultAsync(r => r.Id == id, ct);

    /// <summary>The scheme in force for <paramref name="year"/> at <paramref name="unit"/>: the nearest unit up the tree with a version not after the year, its latest; the defaults otherwise.</summary>
    public async Task<AssessmentScheme> SchemeForAsync(OrgUnit unit, int year, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var path = unit.Path;
        var versions = await db.AssessmentSchemes.AsNoTracking().Where(s => s.FromYear <= year)
            .Join(db.OrgUnits, s => s.OrgUnitId, u => u.Id, (s, u) => new { s.Scheme, s.FromYear, u.Path })
            .ToListAsync(ct);
        return versions.Where(v => path.StartsWith(v.Path, StringComparison.Ordinal)).OrderByDescending(v => v.Path.Length).ThenByDescending(v => v.FromYear)
            .Select(v => v.Scheme).FirstOrDefault() ?? new AssessmentScheme { FromYear = year };
    }

    /// <summary>The scheme versions of the units in scope.</summary>
    public Task<List<SchemeRow>> SchemesAsync(UserScope scope, CancellationToken ct) =>
        db.AssessmentSchemes.AsNoTracking().Where(s => scope.Units(db).Any(u => u.Id == s.OrgUnitId))
            .Join(db.OrgUnits, s => s.OrgUnitId, u => u.Id, (s, u) => new { u.Name, u.Id, s.FromYear, s.Scheme }).OrderBy(x => x.Name).ThenByDescending(x => x.FromYear)
            .Select(x => new SchemeRow(x.Name, x.Id, x.FromYear, x.Scheme)).ToListAsync(ct);

    /// <summary>The ballots returned per person and voter group (summed in memory: SQLite cannot sum decimals).</summary>
    public async Task<List<VoteTally>> TalliesAsync(long roundId, CancellationToken ct)
    {
        var ballots = await db.Ballots.AsNoTracking().Where(b => b.RoundId == roundId).Include(b => b.Marks).ToListAsync(ct);
        var marks = ballots.SelectMany(b => b.Marks.Select(m => new { m.EntryId, b.Group, m.Points }));
        return [.. marks.GroupBy(m => (m.EntryId, m.Group)).Select(g => new VoteTally(g.Key.EntryId, g.Key.Group, g.Count(), g.Sum(m => m.Points)))];
    }

    /// <summary>Codes issued and ballots returned per community and group (the live count of a round in scope), or null.</summary>
    public async Task<List<BallotCount>?> CountAsync(UserScope scope, long id, CancellationToken ct)
    {
        return await Rounds(scope).AnyAsync(r => r.Id == id, ct) ? await CountOfAsync(id, ct) : null;
    }

    // The count of a round already known to be in scope.
    private async Task<List<BallotCount>> CountOfAsync(long id, CancellationToken ct)
    {
        var issued = await db.BallotCodes.AsNoTracking().Where(c => c.RoundId == id).GroupBy(c => new { c.UnitId, c.Group })
            .Select(g => new { g.Key.UnitId, g.Key.Group, Count = g.Count() }).ToListAsync(ct);
        var returned = await db.Ballots.AsNoTracking().Where(b => b.RoundId == id).GroupBy(b => new { b.UnitId, b.Group })
            .Select(g => new { g.Key.UnitId, g.Key.Group, Count = g.Count() }).ToListAsync(ct);
        return [.. issued.Select(i => (i.UnitId, i.Group)).Union(returned.Select(r => (r.UnitId, r.Group))).Order()
            .Select(k => new BallotCount(k.UnitId, k.Group, issued.FirstOrDefault(i => i.UnitId == k.UnitId && i.Group == k.Group)?.Count ?? 0,
                returned.FirstOrDefault(r => r.UnitId == k.UnitId && r.Group == k.Group)?.Count ?? 0))];
    }

    /// <summary>A round in scope as its page shows it: every person with parts, composite and its computation, the communities' quota and ratings, the ballots, the objections.</summary>
    public async Task<AssessmentRoundView?> ViewAsync(UserScope scope, long id, CancellationToken ct)
    {
        var round = await Rounds(scope).AsNoTracking().Include(r => r.Entries).Include(r => r.Objections).AsSplitQuery().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (round is null)
        {
            return null;
        }
        var disciplined = await DisciplinedAsync(round, ct);
        var workerIds = round.Entries.Select(e => e.WorkerId).ToList();
        var names = await db.Workers.AsNoTracking().Where(w => EF.Parameter(workerIds).Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Name, ct);
        var unitIds = round.Entries.Select(e => e.UnitId).Append(round.OrgUnitId).Distinct().ToList();
        var units = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var attachments = (await db.AssessmentAttachments.AsNoTracking().Where(a => db.AssessmentEntries.Any(e => e.Id == a.EntryId && e.RoundId == id))
            .Select(a => a.EntryId).ToListAsync(ct)).ToHashSet();
        var count = await CountOfAsync(id, ct);
        var s = round.Scheme;
        var rows = round.Entries.OrderBy(e => units[e.UnitId]).ThenBy(e => e.Rank ?? int.MaxValue).ThenBy(e => names[e.WorkerId], StringComparer.Ordinal)
            .Select(e => new AssessmentEntryRow(e.Id, e.WorkerId, names[e.WorkerId], e.UnitId, units[e.UnitId], e.ReportSubmittedOn, attachments.Contains(e.Id),
                e.ReportScore, e.OrganisationScore, e.AbsenceDays, e.VoteScore, e.Ballots, e.Composite, e.Rank, e.ProposedRating, e.Note, e.Rating,
                e.Composite is { } c ? Computation(e, s, c) : null, disciplined.Contains(e.WorkerId))).ToList();
        var summaries = round.Entries.GroupBy(e => e.UnitId).OrderBy(g => units[g.Key]).Select(g => new AssessmentUnitSummary(g.Key, units[g.Key], g.Count(), s.QuotaScope == QuotaScope.Community ? s.QuotaFor(g.Count()) : null,
            Enum.GetValues<AssessmentRating>().ToDictionary(r => r, r => g.Count(e => e.Rating == r)),
            Enum.GetValues<VoterGroup>().ToDictionary(v => v, v => count.Where(c => c.UnitId == g.Key && c.Group == v).Sum(c => c.Returned)),
            Enum.GetValues<VoterGroup>().ToDictionary(v => v, v => count.Where(c => c.UnitId == g.Key && c.Group == v).Sum(c => c.Issued)))).ToList();
        var byEntry = round.Entries.ToDictionary(e => e.Id);
        var objections = round.Objections.OrderBy(o => o.RaisedOn).ThenBy(o => o.Id)
            .Select(o => new AssessmentObjectionRow(o.Id, o.EntryId, names[byEntry[o.EntryId].WorkerId], o.Text, o.RaisedOn, o.Upheld, o.Resolution, o.ResolvedOn)).ToList();
        return new AssessmentRoundView(round, units[round.OrgUnitId], rows, summaries, objections);
    }

    // 述职 a × w% + 测评 b × w% + 组织评价 c × w% = composite (the vote part 0 without ballots).
    private static Message Computation(AssessmentEntry e, AssessmentScheme s, decimal composite) =>
        new("Assessment.Computation", N(e.ReportScore), P(s.ReportWeight), N(e.VoteScore ?? 0m), P(s.VoteWeight), N(e.OrganisationScore), P(s.OrganisationWeight), N(composite));

    private static string N(decimal? v) => v?.ToString("0.00", CultureInfo.InvariantCulture) ?? "—";

    private static string P(decimal w) => (w * 100).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Workers of the round with a disciplinary record in force on some day of the assessed year.</summary>
    public async Task<IReadOnlySet<long>> DisciplinedAsync(AssessmentRound round, CancellationToken ct)
    {
        var first = new LocalDate(round.Year, 1, 1);
        var last = new LocalDate(round.Year, 12, 31);
        ArgumentNullException.ThrowIfNull(round);
        var ids = round.Entries.Select(e => e.WorkerId).ToList();
        var disciplinary = Enum.GetValues<ConductType>().Where(t => ConductRecord.KindOf(t) == ConductKind.Discipline).ToList();
        var found = await db.ConductRecords.AsNoTracking()
            .Where(c => EF.Parameter(ids).Contains(c.WorkerId) && disciplinary.Contains(c.Type) && c.DecidedOn <= last && (c.EndsOn == null || c.EndsOn >= first))
            .Select(c => c.WorkerId).Distinct().ToListAsync(ct);
        return found.ToHashSet();
    }

    /// <summary>The signed-in worker's entries in rounds (latest year first).</summary>
    public Task<List<MyAssessment>> MineAsync(long workerId, CancellationToken ct) =>
        db.AssessmentEntries.AsNoTracking().Where(e => e.WorkerId == workerId)
            .Join(db.AssessmentRounds, e => e.RoundId, r => r.Id, (e, r) => new { e, r })
            .OrderByDescending(x => x.r.Year)
            .Select(x => new MyAssessment(x.r.Id, x.r.Name, x.r.Year, x.r.Stage, x.e.Id, x.e.ReportText, x.e.ReportAttachment, x.e.ReportSubmittedOn,
                x.r.Stage >= AssessmentStage.Notice ? x.e.Rating : null, x.r.NoticeEnd))
            .ToListAsync(ct);

    /// <summary>The attachment of an entry visible to the caller (an officer over the round, or the worker it belongs to), or null.</summary>
    public async Task<AssessmentAttachment?> AttachmentAsync(UserScope scope, long entryId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var entry = await db.AssessmentEntries.AsNoTracking().Where(e => e.Id == entryId).Select(e => new { e.RoundId, e.WorkerId }).SingleOrDefaultAsync(ct);
        if (entry is null || (scope.WorkerId != entry.WorkerId && !await Rounds(scope).AnyAsync(r => r.Id == entry.RoundId, ct)))
        {
            return null;
        }
        return await db.AssessmentAttachments.AsNoTracking().SingleOrDefaultAsync(a => a.EntryId == entryId, ct);
    }
}
