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

/// <summary>A round in the list.</summary>
public sealed record RoundListItem(long Id, string Name, string Unit, LocalDate AnnouncedOn, RoundStep Step, int Places, int Applicants);


/// <summary>Recruitment rounds as officers read them: the list, a round, its ranking with the computation of each total.</summary>
public sealed class RecruitmentQueries(WorkforceDbContext db)
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

    /// <summary>The ranking of a post (or every post), with the computation of each total.</summary>
    public static List<RankingRow> Ranking(RecruitmentRound round, long? postId)
    {
        ArgumentNullException.ThrowIfNull(round);
        var rules = round.Rules;
        return [.. round.Posts.Where(p => postId is null || p.Id == postId).SelectMany(round.RankingOf).Select(a =>
        {
            var marks = a.InterviewScores.Select(s => s.Score).ToList();
            var computation = a.Total is { } total ? Computation(a, rules, marks, total) : null;
            return new RankingRow(a.Id, a.Name, a.IdCard.Masked, a.Education, a.WrittenScore, a.InterviewScore, marks, a.Bonus, a.Total, a.Rank, a.Status, a.Substitute, computation);
        })];
    }

    // 笔试 × 权重 + 面试 × 权重 + 加分 = 总成绩, and how the interview score came from the examiners' marks.
    private static Message Computation(Applicant a, RoundRules rules, List<decimal> marks, decimal total)
    {
        var list = string.Join("/", marks.Select(m => m.ToString("0.##", CultureInfo.InvariantCulture)));
        var interview = new Message(marks.Count >= rules.DropExtremesFromExaminers ? "Recruitment.InterviewTrimmedMean" : "Recruitment.InterviewMean", list, Score(a.InterviewScore));
        return new Message("Recruitment.TotalComputation", Score(a.WrittenScore), Weight(rules.WrittenWeight), Score(a.InterviewScore), Weight(rules.InterviewWeight),
            Score(a.Bonus), Score(total), interview);
    }

    private static string Score(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Weight(decimal weight) => (weight * 100).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Names of the communities a round's posts place people in.</summary>
    public Task<Dictionary<long, string>> CommunityNamesAsync(RecruitmentRound round, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        var ids = round.Posts.SelectMany(p => p.Communities).Distinct().ToList();
        return db.OrgUnits.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
    }

    /// <summary>The name of the unit that organises a round.</summary>
    public Task<string> UnitNameAsync(RecruitmentRound round, CancellationToken ct) =>
        db.OrgUnits.AsNoTracking().Where(u => u.Id == round.OrgUnitId).Select(u => u.Name).SingleAsync(ct);
}
