using NodaTime;
using Workforce.Domain.Common;
using Workforce.Payroll.Engine;
using Workforce.Payroll.Rules;

namespace Workforce.Payroll.Facts;

/// <summary>
/// A worker's opening balance (期初累计) at go-live: what the months of the tax year up to <paramref name="AsOf"/> paid
/// before this system computed pay (cumulative income, 专项扣除, 专项附加扣除, tax withheld, gross paid for the leader
/// floor, performance reserve) and the months of basic deduction they counted.
/// </summary>
/// <param name="AsOf">The last month the figures cover (the month before the first month computed here).</param>
/// <param name="Figures">The cumulative figures.</param>
/// <param name="DeductionMonths">Months of basic deduction counted up to <paramref name="AsOf"/>.</param>
public sealed record OpeningFigures(YearMonth AsOf, PaidFigures Figures, int DeductionMonths)
{
    /// <summary>True when these figures open the tax year of <paramref name="period"/> before it.</summary>
    public bool Opens(YearMonth period) => AsOf.Year == period.Year && AsOf < period;

    /// <summary>
    /// The year-to-date figures before <paramref name="period"/>: these opening figures plus <paramref name="computedSince"/>,
    /// the payslips computed here for the months after <see cref="AsOf"/>, each of which counts one more month of deduction.
    /// </summary>
    public YearToDate Before(YearMonth period, PaidFigures computedSince)
    {
        if (!Opens(period))
        {
            throw new DomainException("Payroll.YearToDateWrongYear", period.Year, AsOf.Year);
        }
        return Figures.Plus(computedSince).ToYearToDate(period.Year) with { DeductionMonths = DeductionMonths + period.Month - 1 - AsOf.Month };
    }

    /// <summary>
    /// The year-to-date figures before <paramref name="period"/>: <paramref name="computed"/> (the payslips computed here in
    /// that tax year before it) on top of the worker's opening balance of that year, if <paramref name="openings"/> holds one.
    /// </summary>
    public static YearToDate Combine(YearMonth period, IEnumerable<OpeningFigures>? openings, PaidFigures computed)
        => openings?.FirstOrDefault(o => o.Opens(period)) is { } opening ? opening.Before(period, computed) : computed.ToYearToDate(period.Year);

    /// <summary>
    /// The facts for <paramref name="period"/> with the one-off certificate awards that fell due before go-live marked
    /// settled: for each opening balance before the period, the awards due by its month were the previous system's to pay.
    /// </summary>
    public static WorkerFacts SettleBeforeGoLive(WorkerFacts facts, YearMonth period, IEnumerable<OpeningFigures>? openings, Func<YearMonth, RuleSet> rulesFor)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(rulesFor);
        foreach (var opening in openings ?? [])
        {
            if (opening.AsOf < period && PayrollEngine.AwardsDueBy(facts, rulesFor(opening.AsOf), opening.AsOf).ToList() is { Count: > 0 } due)
            {
                facts = facts.WithSettledAwards(due);
            }
        }
        return facts;
    }
}
