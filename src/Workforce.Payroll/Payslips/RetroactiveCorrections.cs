using NodaTime;
using Workforce.Domain.Workers;
using Workforce.Payroll.Engine;
using Workforce.Payroll.Facts;
using Workforce.Payroll.Rules;

namespace Workforce.Payroll;

/// <summary>A locked month of a worker as it was paid: what a retroactive recomputation needs of its payslip.</summary>
/// <param name="PayslipId">Stored payslip.</param>
/// <param name="Month">Month paid.</param>
/// <param name="FactsHash">Fingerprint of the facts it was computed with.</param>
/// <param name="Post">Post on the payslip.</param>
/// <param name="Grade">Grade on the payslip.</param>
/// <param name="Figures">The payslip's own year-to-date figures.</param>
/// <param name="SettledAwards">Certificate numbers whose one-off award it settled.</param>
public sealed record PaidMonth(long PayslipId, YearMonth Month, long FactsHash, Post Post, int Grade, PaidFigures Figures, IReadOnlyList<string> SettledAwards);

/// <summary>A line paid for a month: the month's own line, or a correction of it paid in a later month.</summary>
/// <param name="ForMonth">The month the amount belongs to.</param>
/// <param name="Component">The component (original code, never <c>RETRO_</c>) and amount.</param>
public readonly record struct PaidLine(YearMonth ForMonth, PaidComponent Component)
{
    /// <summary>A stored line of a payslip of <paramref name="payslipMonth"/>; a retroactive one counts for its source month.</summary>
    public static PaidLine Of(YearMonth payslipMonth, YearMonth? sourceMonth, string code, LineCategory category, long fen) =>
        new(sourceMonth ?? payslipMonth, new PaidComponent(
            code.StartsWith(PayItems.RetroPrefix, StringComparison.Ordinal) ? code[PayItems.RetroPrefix.Length..] : code, category, new Money(fen)));
}

/// <summary>A locked month whose facts changed, with the fingerprint the facts have now.</summary>
/// <param name="Month">The month as paid.</param>
/// <param name="Fingerprint">The fingerprint of today's facts for it.</param>
public readonly record struct ChangedMonth(PaidMonth Month, long Fingerprint);

/// <summary>
/// Retroactive corrections (补发/补扣) of one worker, pure: which locked months changed (their fingerprint no longer
/// matches the one they were paid or last corrected with), and the difference lines that bring each up to today's
/// facts, computed with the rules in force then. The application reads the payslips in bulk and calls these.
/// </summary>
public static class RetroactiveCorrections
{
    /// <summary>
    /// The locked months of <paramref name="paid"/> whose facts changed. <paramref name="correctedTo"/> gives, for a month
    /// already corrected, the fingerprint the last correction brought it to.
    /// </summary>
    public static IReadOnlyList<ChangedMonth> Changed(WorkerFacts facts, IReadOnlyList<PaidMonth> paid, Func<YearMonth, long?> correctedTo, Func<YearMonth, RuleSet> rulesFor)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(paid);
        ArgumentNullException.ThrowIfNull(correctedTo);
        ArgumentNullException.ThrowIfNull(rulesFor);
        List<ChangedMonth>? changed = null;
        foreach (var m in paid)
        {
            var expected = correctedTo(m.Month) ?? m.FactsHash;
            var fingerprint = FactsFingerprint.Of(facts, m.Month, rulesFor(m.Month).YearEndMonth);
            if (fingerprint != expected)
            {
                (changed ??= []).Add(new ChangedMonth(m, fingerprint));
            }
        }
        return changed ?? (IReadOnlyList<ChangedMonth>)[];
    }

    /// <summary>
    /// The difference lines for the changed months and the fingerprint each corrected month reaches. <paramref name="paid"/>
    /// are all the worker's locked months in the window (for year-to-date figures and settled awards) and
    /// <paramref name="lines"/> every line paid in them; <paramref name="openings"/> the worker's opening balances at go-live, if any.
    /// </summary>
    public static (PayslipLine[] Lines, Dictionary<YearMonth, long> Fingerprints) Lines(WorkerFacts facts, IReadOnlyList<ChangedMonth> changed,
        IReadOnlyList<PaidMonth> paid, IReadOnlyList<PaidLine> lines, Func<YearMonth, RuleSet> rulesFor, IReadOnlyList<OpeningFigures>? openings = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(paid);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(rulesFor);
        var result = new List<PayslipLine>();
        var fingerprints = new Dictionary<YearMonth, long>();
        foreach (var (month, fingerprint) in changed)
        {
            var rules = rulesFor(month.Month);
            // What was paid for the month: its own lines and the corrections for it paid since.
            var components = lines.Where(l => l.ForMonth == month.Month).Select(l => l.Component).ToList();
            var ytd = OpeningFigures.Combine(month.Month, openings, paid.Where(m => m.Month.Year == month.Month.Year && m.Month < month.Month)
                .Aggregate(default(PaidFigures), (sum, m) => sum.Plus(m.Figures)));
            // Awards settled before that month stay settled; the month's own award is paid again in the recomputation.
            var settled = paid.Where(m => m.Month < month.Month).SelectMany(m => m.SettledAwards).ToList();
            var asThen = OpeningFigures.SettleBeforeGoLive(new WorkerFacts(facts.WorkerId, facts.HireDate, facts.Assignments, facts.Education, facts.PriorServiceYears,
                facts.LeaveDate, facts.ProbationEnd, facts.Certificates, facts.Assessments, facts.LeaderYears, null, facts.DeclaredContributionBase, settled,
                facts.ContributionBases),
                month.Month, openings, rulesFor);
            var recomputed = PayrollEngine.Calculate(month.Month, asThen, ytd, rules);
            result.AddRange(Retroactive.Differences(recomputed, components, month.Post, month.Grade));
            fingerprints[month.Month] = fingerprint;
        }
        return ([.. result], fingerprints);
    }
}
