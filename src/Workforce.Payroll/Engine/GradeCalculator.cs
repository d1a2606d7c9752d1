using System.Globalization;
using NodaTime;
using Workforce.Domain.Assessment;
using Workforce.Domain.Common;
using Workforce.Domain.Workers;
using Workforce.Payroll.Facts;
using Workforce.Payroll.Rules;

namespace Workforce.Payroll.Engine;

/// <summary>Post, grade and community held on a date.</summary>
/// <param name="Post">Post.</param>
/// <param name="Grade">Grade (always inside the post's band).</param>
/// <param name="CommunityId">Community.</param>
public readonly record struct GradeState(Post Post, int Grade, long CommunityId);

/// <summary>Kinds of event in a worker's grade history.</summary>
public enum GradeStepKind
{
    /// <summary>Entry grade on hire.</summary>
    Entry = 1,
    /// <summary>A grade set by an explicit decision recorded with an assignment.</summary>
    Decision = 2,
    /// <summary>A year assessed (qualifying or not), without a step.</summary>
    YearAssessed = 3,
    /// <summary>+1 after the qualifying years.</summary>
    Advancement = 4,
    /// <summary>+1 early after consecutive 优秀 years.</summary>
    EarlyAdvancement = 5,
    /// <summary>A step was due but the band ceiling was reached.</summary>
    AtCeiling = 6,
    /// <summary>Re-slotting into a new post's band.</summary>
    PostChange = 7,
    /// <summary>Grade uplift for a certificate registered after hire.</summary>
    CertificateUplift = 8,
    /// <summary>A transfer to another community in the same post: grade unchanged.</summary>
    Transfer = 9,
}

/// <summary>One event of the grade history, with its reason in words.</summary>
/// <param name="Date">Effective date.</param>
/// <param name="Kind">Kind of event.</param>
/// <param name="Post">Post after the event.</param>
/// <param name="FromGrade">Grade before (0 at entry).</param>
/// <param name="ToGrade">Grade after.</param>
/// <param name="Reason">Why, with the numbers.</param>
public sealed record GradeStep(LocalDate Date, GradeStepKind Kind, Post Post, int FromGrade, int ToGrade, string Reason);

/// <summary>Why a worker holds a grade on a date: the state and every event that led to it.</summary>
/// <param name="Date">The date asked about.</param>
/// <param name="State">Post, grade and community on that date.</param>
/// <param name="Steps">The events from hire to that date, oldest first.</param>
/// <param name="RuleSet">The rule-set version applied.</param>
public sealed record GradeDerivation(LocalDate Date, GradeState State, IReadOnlyList<GradeStep> Steps, string RuleSet);

/// <summary>
/// Rule R1: the grade as of any date, derived from the hire and everything since, in this order
/// on a given day: the 1 January advancement for the year just ended, then a certificate uplift,
/// then a post change.
/// <list type="bullet">
/// <item>Entry: band floor + ⌊(prior years + degree credit) ÷ years per grade⌋ + uplift of the
/// highest certificate registered by the hire date, clamped to the band.</item>
/// <item>Advancement: the first counted year is the first full calendar year of service (the
/// hire year counts only for a 1 January hire). A year qualifies with a rating at least the
/// minimum; after the set number of qualifying years, +1 on the next 1 January. A missing or
/// lower rating does not reset the count, it just does not add to it. After the set number of
/// consecutive 优秀 years, one early step (at most the set number in a career). Any step
/// restarts both counts. A step beyond the band ceiling is lost.</item>
/// <item>Post change: the lowest grade of the new band whose coefficient is at least the
/// coefficient held before (never below the new floor; the ceiling if none is).</item>
/// <item>Certificate uplift (when the rule set gives uplifts instead of awards): from the
/// month after registration, the grade rises by the difference between the new highest
/// certificate's uplift and the uplift already granted (not cumulative).</item>
/// </list>
/// </summary>
public static class GradeCalculator
{
    /// <summary>Post, grade and community on <paramref name="date"/> (on or after the hire date).</summary>
    public static GradeState GradeAt(WorkerFacts facts, RuleSet rules, LocalDate date) => Walk(facts, rules, date, null);

    /// <summary>The grade on <paramref name="date"/> with every step that led to it, in words.</summary>
    public static GradeDerivation Explain(WorkerFacts facts, RuleSet rules, LocalDate date)
    {
        var steps = new List<GradeStep>();
        var state = Walk(facts, rules, date, steps);
        return new GradeDerivation(date, state, steps, rules.ToString());
    }

    /// <summary>The entry grade for a hire (the placement rule recruitment uses), with its explanation.</summary>
    public static GradeStep EntryGrade(RuleSet rules, Post post, LocalDate hireDate, int priorYears, Education education,
        IReadOnlyList<CertificateFact> certificates)
    {
        var steps = new List<GradeStep>();
        Entry(rules, post, hireDate, priorYears, education, certificates, steps);
        return steps[0];
    }

    private static int Entry(RuleSet r, Post post, LocalDate hire, int priorYears, Education education,
        IReadOnlyList<CertificateFact> certificates, List<GradeStep>? trace)
    {
        var degree = r.DegreeCreditYears(education);
        var credit = (priorYears + degree) / r.YearsPerGrade;
        var uplift = UpliftHeldOn(r, certificates, hire);
        var min = r.BandMin(post);
        var max = r.BandMax(post);
        var grade = Math.Clamp(min + credit + uplift, min, max);
        trace?.Add(new GradeStep(hire, GradeStepKind.Entry, post, 0, grade, string.Format(CultureInfo.InvariantCulture,
            "入职定级：{0}起点 {1} 级 + ⌊(此前社区工作 {2} 年 + 学历折算 {3} 年) ÷ {4}⌋ = {5} 档 + 持证提档 {6} = {7} 级{8}",
            Names.Post(post), min, priorYears, degree, r.YearsPerGrade, credit, uplift, min + credit + uplift,
            grade != min + credit + uplift ? string.Format(CultureInfo.InvariantCulture, "，按等级范围 {0}–{1} 取 {2} 级", min, max, grade) : string.Empty)));
        return grade;
    }

    private static GradeState Walk(WorkerFacts f, RuleSet r, LocalDate date, List<GradeStep>? trace)
    {
        var assignments = f.AssignmentArray;
        var ai = 0;
        while (ai + 1 < assignments.Length && assignments[ai + 1].Start <= f.HireDate)
        {
            ai++;
        }
        var first = assignments[ai];
        var post = first.Post;
        var community = first.CommunityId;
        int grade;
        if (first.Grade is { } decided)
        {
            grade = Decide(f, r, post, decided, f.HireDate, 0, trace);
        }
        else
        {
            grade = Entry(r, post, f.HireDate, f.PriorServiceYears, f.Education, f.CertificateArray, trace);
        }
        ai++;

        var upliftGranted = UpliftHeldOn(r, f.CertificateArray, f.HireDate);
        var upliftsAfterHire = r.PostHireIncentive == PostHireIncentive.GradeUplift;
        var lastCertificateEvent = f.HireDate;

        var hire = f.HireDate;
        var nextYearEnd = (hire.Month == 1 && hire.Day == 1 ? hire.Year : hire.Year + 1) + 1;
        int qualifying = 0, excellentRun = 0, earlySteps = 0;
        var never = new LocalDate(9999, 12, 31);
        while (true)
        {
            var advancementDate = new LocalDate(nextYearEnd, 1, 1);
            var assignmentDate = ai < assignments.Length ? assignments[ai].Start : never;
            var certificateDate = never;
            if (upliftsAfterHire)
            {
                foreach (var c in f.CertificateArray)
                {
                    var effective = FirstOfNextMonth(c.RegisteredOn);
                    if (c.RegisteredOn > hire && effective > lastCertificateEvent && effective < certificateDate)
                    {
                        certificateDate = effective;
                    }
                }
            }
            var next = Min(advancementDate, Min(certificateDate, assignmentDate));
            if (next > date)
            {
                break;
            }
            if (next == advancementDate)
            {
                var year = nextYearEnd - 1;
                var rating = f.RatingOf(year);
                var qualifies = rating is { } q && q >= r.MinimumQualifyingRating;
                if (qualifies)
                {
                    qualifying++;
                }
                excellentRun = rating == AssessmentRating.Excellent ? excellentRun + 1 : 0;
                GradeStepKind? step = null;
                if (qualifying >= r.YearsPerStep)
                {
                    step = GradeStepKind.Advancement;
                }
                else if (r.EarlyStepConsecutiveExcellent > 0 && excellentRun >= r.EarlyStepConsecutiveExcellent && earlySteps < r.MaxEarlySteps)
                {
                    step = GradeStepKind.EarlyAdvancement;
                    earlySteps++;
                }
                if (step is { } kind)
                {
                    var before = grade;
                    var atCeiling = grade >= r.BandMax(post);
                    if (!atCeiling)
                    {
                        grade++;
                    }
                    if (trace is not null)
                    {
                        var why = kind == GradeStepKind.Advancement
                            ? string.Format(CultureInfo.InvariantCulture, "{0} 年度考核{1}，累计合格年度满 {2} 年，晋升一级", year, Names.Rating(rating), r.YearsPerStep)
                            : string.Format(CultureInfo.InvariantCulture, "连续 {0} 年考核优秀（至 {1} 年），提前晋升一级（职业生涯第 {2} 次，最多 {3} 次）",
                                r.EarlyStepConsecutiveExcellent, year, earlySteps, r.MaxEarlySteps);
                        trace.Add(atCeiling
                            ? new GradeStep(advancementDate, GradeStepKind.AtCeiling, post, before, grade, why + string.Format(CultureInfo.InvariantCulture, "；但已达{0}最高 {1} 级，不再晋升", Names.Post(post), grade))
                            : new GradeStep(advancementDate, kind, post, before, grade, why));
                    }
                    qualifying = 0;
                    excellentRun = 0;
                }
                else
                {
                    trace?.Add(new GradeStep(advancementDate, GradeStepKind.YearAssessed, post, grade, grade, string.Format(CultureInfo.InvariantCulture,
                        "{0} 年度考核{1}，{2}；累计合格年度 {3}/{4}", year, Names.Rating(rating),
                        qualifies ? "计入晋级年限" : "不计入晋级年限", qualifying, r.YearsPerStep)));
                }
                nextYearEnd++;
            }
            else if (next == certificateDate)
            {
                var best = 0;
                CertificateFact? bestCertificate = null;
                foreach (var c in f.CertificateArray)
                {
                    if (FirstOfNextMonth(c.RegisteredOn) <= next && r.CertificateUplift(c.Level) > best)
                    {
                        best = r.CertificateUplift(c.Level);
                        bestCertificate = c;
                    }
                }
                if (best > upliftGranted)
                {
                    var before = grade;
                    grade = Math.Min(r.BandMax(post), grade + best - upliftGranted);
                    trace?.Add(new GradeStep(next, GradeStepKind.CertificateUplift, post, before, grade, string.Format(CultureInfo.InvariantCulture,
                        "取得{0}（{1} 登记），按最高证书提档 {2}，扣除已提 {3}，晋升 {4} 级{5}", Names.Level(bestCertificate!.Level),
                        Names.Date(bestCertificate.RegisteredOn), best, upliftGranted, grade - before,
                        grade - before < best - upliftGranted ? "（受等级上限限制）" : string.Empty)));
                    upliftGranted = best;
                }
                lastCertificateEvent = next;
            }
            else
            {
                var a = assignments[ai];
                var before = grade;
                if (a.Grade is { } decidedLater)
                {
                    grade = Decide(f, r, a.Post, decidedLater, a.Start, before, trace);
                }
                else if (a.Post != post)
                {
                    grade = Reslot(r, post, grade, a.Post);
                    trace?.Add(new GradeStep(a.Start, GradeStepKind.PostChange, a.Post, before, grade, string.Format(CultureInfo.InvariantCulture,
                        "岗位由{0}调整为{1}：原 {2} 级系数 {3}，新岗位等级范围 {4}–{5} 中系数不低于原系数的最低等级为 {6} 级",
                        Names.Post(post), Names.Post(a.Post), before, Names.Coefficient(r.Coefficient(post, before)),
                        r.BandMin(a.Post), r.BandMax(a.Post), grade)));
                }
                else
                {
                    trace?.Add(new GradeStep(a.Start, GradeStepKind.Transfer, a.Post, before, grade, "调整所在社区，岗位和等级不变"));
                }
                post = a.Post;
                community = a.CommunityId;
                ai++;
            }
        }
        return new GradeState(post, grade, community);
    }

    private static int Decide(WorkerFacts f, RuleSet r, Post post, int decided, LocalDate on, int before, List<GradeStep>? trace)
    {
        if (decided < r.BandMin(post) || decided > r.BandMax(post))
        {
            throw new DomainException("Payroll.DecidedGradeOutsideBand", f.WorkerId, decided, r.BandMin(post), r.BandMax(post));
        }
        trace?.Add(new GradeStep(on, GradeStepKind.Decision, post, before, decided,
            string.Format(CultureInfo.InvariantCulture, "按任职记录确定为{0} {1} 级", Names.Post(post), decided)));
        return decided;
    }

    /// <summary>The grade uplift of the highest certificate registered by <paramref name="date"/> (not cumulative).</summary>
    private static int UpliftHeldOn(RuleSet r, IReadOnlyList<CertificateFact> certificates, LocalDate date)
    {
        var uplift = 0;
        for (var i = 0; i < certificates.Count; i++)
        {
            if (certificates[i].RegisteredOn <= date)
            {
                uplift = Math.Max(uplift, r.CertificateUplift(certificates[i].Level));
            }
        }
        return uplift;
    }

    /// <summary>
    /// Re-slotting on a post change (see the class remarks). A grade outside the old post's band in these rules
    /// (recorded under other rules) has no coefficient to carry over: the new post's floor.
    /// </summary>
    public static int Reslot(RuleSet rules, Post from, int grade, Post to)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (grade < rules.BandMin(from) || grade > rules.BandMax(from))
        {
            return rules.BandMin(to);
        }
        var held = rules.Coefficient(from, grade);
        var max = rules.BandMax(to);
        for (var g = rules.BandMin(to); g <= max; g++)
        {
            if (rules.Coefficient(to, g) >= held)
            {
                return g;
            }
        }
        return max;
    }

    internal static LocalDate FirstOfNextMonth(LocalDate date) => new LocalDate(date.Year, date.Month, 1).PlusMonths(1);

    private static LocalDate Min(LocalDate a, LocalDate b) => a <= b ? a : b;
}
