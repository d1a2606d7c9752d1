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
/// <param name="Reason">Why, with the numbers (a message the UI renders in the reader's language).</param>
public sealed record GradeStep(LocalDate Date, GradeStepKind Kind, Post Post, int FromGrade, int ToGrade, Message Reason);

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
        trace?.Add(new GradeStep(hire, GradeStepKind.Entry, post, 0, grade, new Message("Grade.Entry",
            post, I(min), I(priorYears), I(degree), I(r.YearsPerGrade), I(credit), I(uplift), I(min + credit + uplift),
            grade != min + credit + uplift ? new Message("Grade.ClampedToBand", I(min), I(max), I(grade)) : string.Empty)));
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
                            ? new Message("Grade.Advancement", I(year), Rating(rating), I(r.YearsPerStep))
                            : new Message("Grade.EarlyAdvancement", I(r.EarlyStepConsecutiveExcellent), I(year), I(earlySteps), I(r.MaxEarlySteps));
                        trace.Add(atCeiling
                            ? new GradeStep(advancementDate, GradeStepKind.AtCeiling, post, before, grade, new Message("Grade.AtCeiling", why, post, I(grade)))
                            : new GradeStep(advancementDate, kind, post, before, grade, why));
                    }
                    qualifying = 0;
                    excellentRun = 0;
                }
                else
                {
                    trace?.Add(new GradeStep(advancementDate, GradeStepKind.YearAssessed, post, grade, grade, new Message("Grade.YearAssessed", I(year), Rating(rating),
                        new Message(qualifies ? "Grade.Counts" : "Grade.DoesNotCount"), I(qualifying), I(r.YearsPerStep))));
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
                    trace?.Add(new GradeStep(next, GradeStepKind.CertificateUplift, post, before, grade, new Message("Grade.CertificateUplift", bestCertificate!.Level,
                        Names.Date(bestCertificate.RegisteredOn), I(best), I(upliftGranted), I(grade - before),
                        grade - before < best - upliftGranted ? new Message("Grade.LimitedByCeiling") : string.Empty)));
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
                    trace?.Add(new GradeStep(a.Start, GradeStepKind.PostChange, a.Post, before, grade, new Message("Grade.PostChange",
                        post, a.Post, I(before), Names.Coefficient(r.Coefficient(post, before)), I(r.BandMin(a.Post)), I(r.BandMax(a.Post)), I(grade))));
                }
                else
                {
                    trace?.Add(new GradeStep(a.Start, GradeStepKind.Transfer, a.Post, before, grade, new Message("Grade.Transfer")));
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
        trace?.Add(new GradeStep(on, GradeStepKind.Decision, post, before, decided, new Message("Grade.Decision", post, I(decided))));
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

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static Message Rating(AssessmentRating? rating) => new(rating is { } v ? "Explain.Rating." + v : "Explain.NotRated");

    internal static LocalDate FirstOfNextMonth(LocalDate date) => new LocalDate(date.Year, date.Month, 1).PlusMonths(1);

    private static LocalDate Min(LocalDate a, LocalDate b) => a <= b ? a : b;
}
