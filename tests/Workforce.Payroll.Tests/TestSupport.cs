using NodaTime;
using Workforce.Domain.Assessment;
using Workforce.Domain.Workers;
using Workforce.Payroll.Engine;
using Workforce.Payroll.Facts;
using Workforce.Payroll.Rules;

namespace Workforce.Payroll.Tests;

/// <summary>Rule sets for tests: the shipped Suzhou profile and variations of it.</summary>
internal static class TestRules
{
    public static RuleSet Suzhou { get; } = RuleSetProfiles.Suzhou();

    /// <summary>The Suzhou profile with some fields changed.</summary>
    public static RuleSet With(Action<RuleSetDocument> change)
    {
        var document = Suzhou.ToDocument();
        change(document);
        return RuleSet.Compile(document);
    }
}

/// <summary>Builders and runners for worker facts.</summary>
internal static class Run
{
    public const long Community = 3001;

    /// <summary>The hand-rounding rule: yuan to the fen, half away from zero.</summary>
    public static Money Y(decimal yuan) => Money.Round(yuan);

    public static LocalDate D(int year, int month, int day) => new(year, month, day);

    public static AssessmentFact[] Ratings(int from, int to, AssessmentRating rating) =>
        [.. Enumerable.Range(from, to - from + 1).Select(y => new AssessmentFact(y, rating))];

    public static AssignmentFact Assign(Post post, LocalDate start, LocalDate? end = null, int? grade = null, long community = Community) =>
        new(post, start, end, community, grade);

    /// <summary>
    /// Runs a year month by month as the application will: year-to-date figures carried from
    /// each payslip to the next, certificate awards marked settled once paid or refused.
    /// Months the worker is not in service are skipped (null).
    /// </summary>
    public static Payslip?[] Year(int year, Func<YearMonth, WorkerFacts> facts, RuleSet? rules = null)
    {
        rules ??= TestRules.Suzhou;
        var result = new Payslip?[13];
        var ytd = YearToDate.Empty(year);
        var settled = new List<string>();
        for (var month = 1; month <= 12; month++)
        {
            var period = new YearMonth(year, month);
            var f = facts(period);
            var first = new LocalDate(year, month, 1);
            if (f.HireDate > first.PlusMonths(1).PlusDays(-1) || f.LeaveDate < first)
            {
                continue;
            }
            var payslip = PayrollEngine.Calculate(period, f.WithSettledAwards(settled), ytd, rules);
            settled.AddRange(payslip.SettledAwards);
            ytd = ytd.Add(payslip);
            result[month] = payslip;
        }
        return result;
    }

    public static Payslip?[] Year(int year, WorkerFacts facts, RuleSet? rules = null) => Year(year, _ => facts, rules);

    /// <summary>The amount of the only line with a code.</summary>
    public static Money Line(this Payslip payslip, string code)
    {
        var lines = payslip.Lines.Where(l => l.Code == code).ToList();
        lines.Should().HaveCount(1, $"{payslip.Period} should have one {code} line");
        return lines[0].Amount;
    }

    /// <summary>The amounts of all lines with a code, in order.</summary>
    public static Money[] Lines(this Payslip payslip, string code) =>
        [.. payslip.Lines.Where(l => l.Code == code).Select(l => l.Amount)];

    public static bool Has(this Payslip payslip, string code) => payslip.Lines.Any(l => l.Code == code);

    public static Money Sum(this IEnumerable<Payslip?> payslips, Func<Payslip, Money> selector) =>
        payslips.Where(p => p is not null).Aggregate(Money.Zero, (total, p) => total + selector(p!));
}
