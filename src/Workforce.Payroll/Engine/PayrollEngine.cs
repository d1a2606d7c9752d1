using NodaTime;
using Workforce.Domain.Assessment;
using Workforce.Domain.Certification;
using Workforce.Domain.Common;
using Workforce.Domain.Workers;
using Workforce.Payroll.Facts;
using Workforce.Payroll.Rules;

namespace Workforce.Payroll.Engine;

/// <summary>
/// Computes a payslip: a pure function of (period, worker facts, year-to-date figures, rule
/// set). No clock, no I/O, no shared mutable state beyond a per-thread scratch buffer; the same
/// input always gives the same output. Rules are numbered as in docs/payroll-rules.md.
/// </summary>
public static class PayrollEngine
{
    private const int MaxSegments = 32;

    [ThreadStatic]
    private static PayslipLine[]? t_lines;

    private struct Segment
    {
        public LocalDate Start;
        public LocalDate End;
        public Post Post;
        public int Grade;
        public long Community;
        public bool Probation;
        public int Numerator;
    }

    /// <summary>Computes the payslip of <paramref name="facts"/> for <paramref name="period"/>.</summary>
    /// <param name="period">Pay period.</param>
    /// <param name="facts">The worker's facts.</param>
    /// <param name="yearToDate">Figures of the same tax year before this period.</param>
    /// <param name="rules">The rule-set version in force for the period.</param>
    /// <exception cref="DomainException">The worker is not in service in the period, the rule set
    /// does not cover it, or a table lacks a needed year (named in the exception).</exception>
    public static Payslip Calculate(YearMonth period, WorkerFacts facts, YearToDate yearToDate, RuleSet rules)
        => Calculate(period, facts, yearToDate, rules, []);

    /// <summary>
    /// Computes the payslip with lines carried into it from elsewhere, usually the retroactive
    /// differences of locked periods (<see cref="Retroactive.Differences"/>). Carried earnings count as
    /// income of this month (taxed by this month's cumulative withholding, counted for the leader
    /// floor); carried contributions are deducted with this month's; a carried performance-reserve
    /// difference (information) joins the amount settled at the year end.
    /// </summary>
    /// <param name="period">Pay period.</param>
    /// <param name="facts">The worker's facts.</param>
    /// <param name="yearToDate">Figures of the same tax year before this period.</param>
    /// <param name="rules">The rule-set version in force for the period.</param>
    /// <param name="carried">Lines to include; tax lines are refused (tax is always computed here).</param>
    public static Payslip Calculate(YearMonth period, WorkerFacts facts, YearToDate yearToDate, RuleSet rules, ReadOnlySpan<PayslipLine> carried)
    {
        ArgumentNullException.ThrowIfNull(facts);
        foreach (var c in carried)
        {
            if (c.Item.Category == LineCategory.Tax)
            {
                throw new ArgumentException("Tax lines cannot be carried into a payslip.", nameof(carried));
            }
        }
        ArgumentNullException.ThrowIfNull(rules);
        var monthStart = period.OnDayOfMonth(1);
        var daysInMonth = CalendarSystem.Iso.GetDaysInMonth(period.Year, period.Month);
        var monthEnd = period.OnDayOfMonth(daysInMonth);
        if (!rules.IsInForce(monthStart))
        {
            throw new DomainException("Payroll.RuleSetNotInForce", rules.Code, rules.Version, Names.Month(period));
        }
        if (yearToDate.Year != period.Year)
        {
            throw new DomainException("Payroll.YearToDateWrongYear", period.Year, yearToDate.Year);
        }
        var from = facts.HireDate > monthStart ? facts.HireDate : monthStart;
        var to = facts.LeaveDate is { } leave && leave < monthEnd ? leave : monthEnd;
        if (from > to)
        {
            throw new DomainException("Payroll.NotInService", facts.WorkerId, Names.Month(period));
        }

        // R6: split the month at every change inside it.
        Span<LocalDate> cuts = stackalloc LocalDate[MaxSegments];
        var cutCount = 0;
        cuts[cutCount++] = from;
        foreach (var a in facts.AssignmentArray)
        {
            if (a.Start > from && a.Start <= to)
            {
                AddCut(cuts, ref cutCount, a.Start);
            }
        }
        if (facts.ProbationEnd is { } probationEnd && probationEnd >= from && probationEnd < to)
        {
            AddCut(cuts, ref cutCount, probationEnd.PlusDays(1));
        }
        cuts[..cutCount].Sort();
        Span<Segment> segments = stackalloc Segment[MaxSegments];
        var segmentCount = 0;
        for (var i = 0; i < cutCount; i++)
        {
            if (i > 0 && cuts[i] == cuts[i - 1])
            {
                continue;
            }
            var start = cuts[i];
            var state = GradeCalculator.GradeAt(facts, rules, start);
            if (segmentCount > 0)
            {
                segments[segmentCount - 1].End = start.PlusDays(-1);
            }
            segments[segmentCount++] = new Segment
            {
                Start = start,
                Post = state.Post,
                Grade = state.Grade,
                Community = state.CommunityId,
                Probation = facts.ProbationEnd is { } pe && start <= pe,
            };
        }
        segments[segmentCount - 1].End = to;
        var segs = segments[..segmentCount];
        var denominator = Fractions(rules.Proration, segs, monthStart, monthEnd, daysInMonth);

        // Upper bound of lines: every prorated component once per segment, plus one-offs, contributions and taxes.
        var bound = (8 + rules.AllowanceArray.Length) * segmentCount + facts.CertificateArray.Length + 2 * rules.ContributionArray.Length + 8 + carried.Length;
        var lines = t_lines is { } buffer && buffer.Length >= bound ? buffer : (t_lines = new PayslipLine[Math.Max(64, bound)]);
        var n = 0;
        var year = period.Year;
        var baseAmount = rules.BaseAmount(year);
        var probationFactor = rules.ProbationPayFactor;

        // R2 grade pay and post allowance.
        n = Prorate(lines, n, PayItems.GradePay, segs, denominator, rules, baseAmount, Component.GradePay, 0);
        n = Prorate(lines, n, PayItems.PostAllowance, segs, denominator, rules, baseAmount, Component.PostAllowance, 0);

        // R3 seniority and allowances.
        var serviceYears = CompletedYears(facts.HireDate, monthStart) + (rules.SeniorityIncludesPriorYears ? facts.PriorServiceYears : 0);
        serviceYears = Math.Min(serviceYears, rules.SeniorityMaxYears);
        n = Prorate(lines, n, PayItems.Seniority, segs, denominator, rules, rules.SeniorityPerYear * serviceYears, Component.Seniority, serviceYears);
        foreach (var allowance in rules.AllowanceArray)
        {
            if (allowance.Prorated)
            {
                n = Prorate(lines, n, allowance.Item, segs, denominator, rules, allowance.MonthlyAmount,
                    allowance.ReducedInProbation ? Component.ReducedFixed : Component.Fixed, 0);
            }
            else if (allowance.MonthlyAmount != 0)
            {
                var factor = allowance.ReducedInProbation && segs[0].Probation ? probationFactor : 1m;
                lines[n++] = new PayslipLine(allowance.Item, Money.Round(allowance.MonthlyAmount * factor), from, to,
                    new LineBasis(allowance.MonthlyAmount, factor, 1, 1, segs[^1].Post, segs[^1].Grade, 0));
            }
        }

        // R4 performance: monthly share paid, the rest withheld to the year end.
        n = Prorate(lines, n, PayItems.PerformanceMonthly, segs, denominator, rules, baseAmount, Component.PerformanceMonthly, 0);
        var reserveStart = n;
        n = Prorate(lines, n, PayItems.PerformanceReserve, segs, denominator, rules, baseAmount, Component.PerformanceReserve, 0);
        var reserveThisMonth = Money.Zero;
        for (var i = reserveStart; i < n; i++)
        {
            reserveThisMonth += lines[i].Amount;
        }
        foreach (var c in carried)
        {
            if (ReferenceEquals(c.Item.Original, PayItems.PerformanceReserve))
            {
                reserveThisMonth += c.Amount;
            }
        }

        // R5 certification: monthly allowance by the highest valid certificate registered before this month.
        var best = HighestCertificate(facts, rules, monthStart);
        if (best is { } level)
        {
            n = Prorate(lines, n, PayItems.CertificateAllowance, segs, denominator, rules, rules.CertificateAllowance(level), Component.Fixed, (int)level);
        }
        string[] settled = [];
        if (rules.PostHireIncentive == PostHireIncentive.Award)
        {
            n = Awards(lines, n, facts, rules, monthStart, from, to, ref settled);
        }

        // R4 year end: the withheld performance pay scaled by the year's rating.
        var yearEnd = period.Month == rules.YearEndMonth;
        if (yearEnd)
        {
            var reserve = yearToDate.PerformanceReserve + reserveThisMonth;
            if (reserve.Fen != 0)
            {
                var rating = facts.RatingOf(year);
                var factor = rating is { } r ? rules.RatingFactor(r) : 0m;
                var basis = new LineBasis(reserve.Yuan, factor, 1, 1, segs[^1].Post, segs[^1].Grade, rating is { } rr ? (int)rr : 0);
                var amount = Money.Round(reserve.Yuan * factor);
                lines[n++] = rating is null || amount.Fen == 0
                    ? new PayslipLine(PayItems.PerformanceYearEndWithheld, reserve, from, to, basis)
                    : new PayslipLine(PayItems.PerformanceYearEnd, amount, from, to, basis);
            }
        }

        // R8 social insurance and housing fund: base = declared or standard monthly pay, clamped per scheme.
        var last = segs[^1];
        // The base of the month's contribution year (declared once a year, fixed through it), else a declared base, else the standard pay.
        var yearBase = facts.ContributionBaseFor(rules.ContributionYearOf(period));
        var contributionBase = yearBase?.Base ?? facts.DeclaredContributionBase ?? StandardMonthlyPay(rules, baseAmount, last.Post, last.Grade, serviceYears, best);
        var contributionCount = rules.Contributions.Count;
        Span<long> employee = stackalloc long[contributionCount];
        Span<long> employer = stackalloc long[contributionCount];
        Span<decimal> clampedBase = stackalloc decimal[contributionCount];
        long employeeTotal = 0, employerTotal = 0;
        for (var i = 0; i < contributionCount; i++)
        {
            var c = rules.ContributionArray[i];
            var (lower, upper) = rules.ContributionLimits(i, period);
            var b = Math.Clamp(contributionBase, lower, upper);
            clampedBase[i] = b;
            employee[i] = c.Share(b, c.EmployeeRate).Fen;
            employer[i] = c.Share(b, c.EmployerRate).Fen;
            employeeTotal += employee[i];
            employerTotal += employer[i];
        }

        // Carried earnings (back pay) are income of this month, before the floor counts what was paid.
        n = Carry(lines, n, carried, LineCategory.Earning);
        n = Carry(lines, n, carried, LineCategory.Information);

        // R7 leader floor, at the year end, for a recognised leader holding the head post.
        if (yearEnd && facts.IsLeaderIn(year) && last.Post == Post.Head)
        {
            var wage = rules.ReferenceAverageWage(year - 1) ??
                throw new DomainException("Payroll.ReferenceWageMissing", year - 1, rules.Code, rules.Version) { Field = "leaderFloor.referenceAverageWages" };
            var floor = Money.Round(rules.LeaderFloorFactor * wage);
            var paid = yearToDate.GrossPaid + SumEarnings(lines, n);
            if (rules.LeaderFloorIncludesEmployerContributions)
            {
                paid += yearToDate.EmployerContributions + new Money(employerTotal);
            }
            var topUp = Money.Max(Money.Zero, floor - paid);
            lines[n++] = new PayslipLine(PayItems.LeaderTopUp, topUp, from, to,
                new LineBasis(floor.Yuan, paid.Yuan, 1, 1, last.Post, last.Grade, year - 1));
        }

        var gross = SumEarnings(lines, n);
        for (var i = 0; i < contributionCount; i++)
        {
            var c = rules.ContributionArray[i];
            if (employee[i] != 0 || c.EmployeeRate != 0)
            {
                lines[n++] = new PayslipLine(c.Employee, new Money(employee[i]), from, to,
                    new LineBasis(clampedBase[i], c.EmployeeRate, 1, 1, last.Post, last.Grade, yearBase?.Year ?? 0));
            }
        }

        foreach (var c in carried)
        {
            if (c.Item.Category == LineCategory.Deduction)
            {
                employeeTotal += c.Amount.Fen;
            }
        }
        n = Carry(lines, n, carried, LineCategory.Deduction);

        // R9 income tax, cumulative withholding; the annual bonus on its own table while that option's policy is valid.
        var bonus = Money.Zero;
        if (rules.SeparatesAnnualBonusIn(period))
        {
            for (var i = 0; i < n; i++)
            {
                if (ReferenceEquals(lines[i].Item, PayItems.PerformanceYearEnd) || ReferenceEquals(lines[i].Item, PayItems.LeaderTopUp))
                {
                    bonus += lines[i].Amount;
                }
            }
        }
        var income = gross - bonus;
        var months = yearToDate.DeductionMonths is { } before ? before + 1 : period.Month - (facts.HireDate.Year == year ? facts.HireDate.Month : 1) + 1;
        var sad = facts.SpecialAdditionalDeductionFor(period);
        var cumulativeIncome = yearToDate.TaxableIncome + income;
        var cumulativeBasic = Money.Round(rules.BasicDeductionPerMonth * months);
        var cumulativeSpecial = yearToDate.SpecialDeductions + new Money(employeeTotal);
        var cumulativeAdditional = yearToDate.SpecialAdditionalDeductions + sad;
        var taxable = Money.Max(Money.Zero, cumulativeIncome - cumulativeBasic - cumulativeSpecial - cumulativeAdditional);
        var bracket = TaxBracket.Find(rules.AnnualTaxTable, taxable.Yuan);
        var cumulativeTax = Money.Max(Money.Zero, Money.Round(taxable.Yuan * bracket.Rate - bracket.QuickDeduction));
        var taxThisMonth = Money.Max(Money.Zero, cumulativeTax - yearToDate.TaxWithheld);
        lines[n++] = new PayslipLine(PayItems.IncomeTax, taxThisMonth, from, to,
            new LineBasis(taxable.Yuan, bracket.Rate, 1, 1, last.Post, last.Grade, months));
        var bonusTax = Money.Zero;
        if (bonus.Fen > 0)
        {
            var bonusBracket = TaxBracket.Find(rules.AnnualBonusMonthlyTable, bonus.Yuan / 12m);
            bonusTax = Money.Max(Money.Zero, Money.Round(bonus.Yuan * bonusBracket.Rate - bonusBracket.QuickDeduction));
            lines[n++] = new PayslipLine(PayItems.BonusTax, bonusTax, from, to,
                new LineBasis(bonus.Yuan, bonusBracket.Rate, 1, 1, last.Post, last.Grade, 12));
        }
        for (var i = 0; i < contributionCount; i++)
        {
            var c = rules.ContributionArray[i];
            if (employer[i] != 0 || c.EmployerRate != 0)
            {
                lines[n++] = new PayslipLine(c.Employer, new Money(employer[i]), from, to,
                    new LineBasis(clampedBase[i], c.EmployerRate, 1, 1, last.Post, last.Grade, yearBase?.Year ?? 0));
            }
        }

        n = Carry(lines, n, carried, LineCategory.EmployerContribution);

        var worksheet = new TaxWorksheet
        {
            Income = income,
            SpecialDeductions = new Money(employeeTotal),
            SpecialAdditionalDeductions = sad,
            Months = months,
            CumulativeIncome = cumulativeIncome,
            CumulativeBasicDeduction = cumulativeBasic,
            CumulativeSpecialDeductions = cumulativeSpecial,
            CumulativeSpecialAdditionalDeductions = cumulativeAdditional,
            CumulativeTaxable = taxable,
            CumulativeTax = cumulativeTax,
            WithheldBefore = yearToDate.TaxWithheld,
            TaxThisMonth = taxThisMonth,
            Bonus = bonus,
            BonusTax = bonusTax,
        };
        return new Payslip(facts.WorkerId, period, rules, lines.AsSpan(0, n).ToArray(), worksheet,
            last.Community, last.Post, last.Grade, contributionBase, settled);
    }

    /// <summary>
    /// The full-month pay of a post and grade without probation or proration (grade pay, post
    /// allowance, seniority, allowances, the whole performance share and the certificate
    /// allowance): the social-insurance base when none is declared.
    /// </summary>
    public static decimal StandardMonthlyPay(RuleSet rules, decimal baseAmount, Post post, int grade, int serviceYears, CertificateLevel? certificate)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var gradePay = baseAmount * rules.Coefficient(post, grade) + rules.PostAllowance(post);
        var total = gradePay + gradePay * rules.PerformanceRate + rules.SeniorityPerYear * serviceYears;
        foreach (var a in rules.AllowanceArray)
        {
            total += a.MonthlyAmount;
        }
        if (certificate is { } level)
        {
            total += rules.CertificateAllowance(level);
        }
        return Math.Round(total, 2, MidpointRounding.AwayFromZero);
    }

    private enum Component
    {
        GradePay,
        PostAllowance,
        Seniority,
        Fixed,
        ReducedFixed,
        PerformanceMonthly,
        PerformanceReserve,
    }

    /// <summary>
    /// Emits one line per run of segments with the same monthly value. Segment amounts are the
    /// differences of the rounded running total (Σ value × days) ÷ days-of-month, so the
    /// segments add up to the rounded whole and a gapless month of one value pays exactly it.
    /// </summary>
    private static int Prorate(PayslipLine[] lines, int n, PayItem item, ReadOnlySpan<Segment> segs, int denominator,
        RuleSet rules, decimal amount, Component component, int units)
    {
        decimal runningNumerator = 0m;
        long roundedSoFar = 0;
        var i = 0;
        while (i < segs.Length)
        {
            var (monthly, factor) = Value(rules, amount, component, segs[i]);
            var j = i;
            var numerator = segs[i].Numerator;
            while (j + 1 < segs.Length && SameRun(rules, amount, component, segs[i], segs[j + 1], monthly, factor))
            {
                j++;
                numerator += segs[j].Numerator;
            }
            if (monthly * factor != 0m)
            {
                runningNumerator += monthly * factor * numerator;
                var rounded = Money.Round(runningNumerator / denominator).Fen;
                lines[n++] = new PayslipLine(item, new Money(rounded - roundedSoFar), segs[i].Start, segs[j].End,
                    new LineBasis(monthly, factor, numerator, denominator, segs[i].Post, segs[i].Grade, units));
                roundedSoFar = rounded;
            }
            i = j + 1;
        }
        return n;
    }

    private static bool SameRun(RuleSet rules, decimal amount, Component component, in Segment first, in Segment next, decimal monthly, decimal factor)
    {
        var (m, f) = Value(rules, amount, component, next);
        if (m != monthly || f != factor)
        {
            return false;
        }
        // Grade lines also show post and grade: keep a re-slot with the same pay on its own line.
        return component != Component.GradePay || (first.Post == next.Post && first.Grade == next.Grade);
    }

    private static (decimal Monthly, decimal Factor) Value(RuleSet rules, decimal amount, Component component, in Segment s)
    {
        var probation = s.Probation ? rules.ProbationPayFactor : 1m;
        var performanceProbation = s.Probation ? (rules.ProbationPerformancePay ? rules.ProbationPayFactor : 0m) : 1m;
        return component switch
        {
            Component.GradePay => (amount * rules.Coefficient(s.Post, s.Grade), probation),
            Component.PostAllowance => (rules.PostAllowance(s.Post), probation),
            Component.Seniority => (amount, probation),
            Component.Fixed => (amount, 1m),
            Component.ReducedFixed => (amount, probation),
            Component.PerformanceMonthly => (PerformanceBase(rules, amount, s), rules.PerformanceMonthlyShare * performanceProbation),
            Component.PerformanceReserve => (PerformanceBase(rules, amount, s), (1m - rules.PerformanceMonthlyShare) * performanceProbation),
            _ => (0m, 0m),
        };
    }

    private static decimal PerformanceBase(RuleSet rules, decimal baseAmount, in Segment s) =>
        rules.PerformanceRate * (baseAmount * rules.Coefficient(s.Post, s.Grade) + rules.PostAllowance(s.Post));

    /// <summary>Sets each segment's numerator and returns the common denominator (R6).</summary>
    private static int Fractions(ProrationBasis basis, Span<Segment> segs, LocalDate monthStart, LocalDate monthEnd, int daysInMonth)
    {
        var fullMonth = segs[0].Start == monthStart && segs[^1].End == monthEnd;
        int denominator;
        switch (basis)
        {
            case ProrationBasis.WorkingDays21_75:
                denominator = 2175;
                foreach (ref var s in segs)
                {
                    s.Numerator = WorkingDays(s.Start, s.End) * 100;
                }
                break;
            case ProrationBasis.Fixed30Days:
                denominator = 30;
                foreach (ref var s in segs)
                {
                    s.Numerator = Period.DaysBetween(s.Start, s.End) + 1;
                }
                break;
            default:
                foreach (ref var s in segs)
                {
                    s.Numerator = Period.DaysBetween(s.Start, s.End) + 1;
                }
                return daysInMonth;
        }
        // Fixed bases: a gapless month is exactly one month (the last segment takes the rest);
        // a partial month never pays more than one.
        var used = 0;
        for (var i = 0; i < segs.Length; i++)
        {
            var isLast = i == segs.Length - 1;
            var value = fullMonth && isLast ? denominator - used : segs[i].Numerator;
            value = Math.Clamp(value, 0, denominator - used);
            segs[i].Numerator = value;
            used += value;
        }
        return denominator;
    }

    private static int WorkingDays(LocalDate start, LocalDate end)
    {
        var count = 0;
        for (var d = start; d <= end; d = d.PlusDays(1))
        {
            if (d.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday))
            {
                count++;
            }
        }
        return count;
    }

    private static int CompletedYears(LocalDate from, LocalDate on)
    {
        if (on <= from)
        {
            return 0;
        }
        var years = on.Year - from.Year;
        if (on.Month < from.Month || (on.Month == from.Month && on.Day < from.Day))
        {
            years--;
        }
        return years;
    }

    private static CertificateLevel? HighestCertificate(WorkerFacts facts, RuleSet rules, LocalDate monthStart)
    {
        CertificateLevel? best = null;
        var bestAmount = 0m;
        foreach (var c in facts.CertificateArray)
        {
            if (c.RegisteredOn < monthStart && (c.ValidUntil is not { } until || until >= monthStart))
            {
                var amount = rules.CertificateAllowance(c.Level);
                if (amount > bestAmount)
                {
                    best = c.Level;
                    bestAmount = amount;
                }
            }
        }
        return best;
    }

    /// <summary>
    /// The certificates whose one-off award (paid or forfeited) falls due in <paramref name="month"/> or earlier under
    /// <paramref name="rules"/>, settled or not: at go-live, those due by the opening balance's month were the previous
    /// system's to settle.
    /// </summary>
    public static IEnumerable<string> AwardsDueBy(WorkerFacts facts, RuleSet rules, YearMonth month)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.PostHireIncentive != PostHireIncentive.Award)
        {
            return [];
        }
        var monthStart = month.OnDayOfMonth(1);
        return [.. facts.CertificateArray.Where(c => AwardDue(facts, rules, c, monthStart, out _, out _)).Select(c => c.Number)];
    }

    // R4 award: due from the month after registration (a certificate gained after hire), once the assessed year's rating allows.
    private static bool AwardDue(WorkerFacts facts, RuleSet rules, CertificateFact c, LocalDate monthStart, out int assessedYear, out AssessmentRating? rating)
    {
        assessedYear = rules.AwardAssessmentYear == AwardAssessmentYear.RegistrationYear ? c.RegisteredOn.Year : c.RegisteredOn.Year - 1;
        rating = null;
        if (rules.CertificateAward(c.Level) == 0 || c.RegisteredOn <= facts.HireDate || c.RegisteredOn >= monthStart)
        {
            return false;
        }
        rating = facts.RatingOf(assessedYear);
        // Under the registration-year rule it waits until that year's rating is recorded.
        return rating is not null || rules.AwardAssessmentYear != AwardAssessmentYear.RegistrationYear;
    }

    private static int Awards(PayslipLine[] lines, int n, WorkerFacts facts, RuleSet rules, LocalDate monthStart,
        LocalDate from, LocalDate to, ref string[] settled)
    {
        foreach (var c in facts.CertificateArray)
        {
            if (IsSettled(facts, c.Number) || !AwardDue(facts, rules, c, monthStart, out var assessedYear, out var rating))
            {
                continue;
            }
            var award = rules.CertificateAward(c.Level);
            var basis = new LineBasis(award, 1m, rating is { } r ? (int)r : 0, assessedYear, Post.Staff, 0, (int)c.Level);
            lines[n++] = rating is { } ok && ok >= AssessmentRating.Qualified
                ? new PayslipLine(PayItems.CertificateAward, Money.Round(award), from, to, basis)
                : new PayslipLine(PayItems.CertificateAwardForfeited, Money.Round(award), from, to, basis);
            settled = [.. settled, c.Number];
        }
        return n;
    }

    private static bool IsSettled(WorkerFacts facts, string number)
    {
        foreach (var s in facts.SettledArray)
        {
            if (s == number)
            {
                return true;
            }
        }
        return false;
    }

    private static int Carry(PayslipLine[] lines, int n, ReadOnlySpan<PayslipLine> carried, LineCategory category)
    {
        foreach (var c in carried)
        {
            if (c.Item.Category == category)
            {
                lines[n++] = c;
            }
        }
        return n;
    }

    private static Money SumEarnings(PayslipLine[] lines, int n)
    {
        var fen = 0L;
        for (var i = 0; i < n; i++)
        {
            if (lines[i].Item.Category == LineCategory.Earning)
            {
                fen = checked(fen + lines[i].Amount.Fen);
            }
        }
        return new Money(fen);
    }

    private static void AddCut(Span<LocalDate> cuts, ref int count, LocalDate date)
    {
        if (count == cuts.Length)
        {
            throw new DomainException("Payroll.TooManyChanges", Names.Date(date));
        }
        cuts[count++] = date;
    }
}
