using NodaTime;
using Workforce.Domain.Common;
using Workforce.Domain.Recruitment;
using Workforce.Domain.Workers;

namespace Workforce.Domain.Tests.Recruitment;

public class RecruitmentRoundTests
{
    private static readonly LocalDate Announced = new(2026, 4, 1);

    private static RecruitmentRound Round(RoundRules? rules = null) =>
        new("2026年姑苏区公开招聘社区工作者", 1, Announced, rules ?? new RoundRules
        {
            AgeReferenceDate = Announced,
            BonusItems = [new BonusItem("SW", "持社会工作者职业资格证书", 2m), new BonusItem("VET", "退役军人", 3m)],
        });

    private static Applicant Apply(RecruitmentRound round, RoundPost post, string name, int birthYear = 1998, Education education = Education.Bachelor,
        string? area = "江苏省苏州市", params string[] bonus) =>
        round.Register(post, name, TestData.IdCard(new LocalDate(birthYear, 5, 5)), null, education, PoliticalStatus.Masses, area, bonus, Announced.PlusDays(3));

    /// <summary>A round with one post of <paramref name="quota"/> places and applicants with the given written scores, advanced to the written exam.</summary>
    private static (RecruitmentRound Round, RoundPost Post, List<Applicant> People) AtWrittenExam(int quota, params decimal?[] written)
    {
        var round = Round();
        var post = round.AddPost("社区工作者（一）", 10, Post.Staff, quota);
        var people = written.Select((_, i) => Apply(round, post, "考生" + (i + 1))).ToList();
        round.Advance(Announced.PlusDays(10));
        round.Advance(Announced.PlusDays(12));
        for (var i = 0; i < written.Length; i++)
        {
            round.ScoreWritten(people[i], written[i], written[i] is null);
        }
        return (round, post, people);
    }

    [Fact]
    public void QualificationChecksAgeEducationAndHouseholdAndAcceptsAManualDecision()
    {
        var round = Round(new RoundRules { AgeReferenceDate = Announced, HouseholdArea = "江苏省苏州市" });
        var post = round.AddPost("社区工作者", 10, Post.Staff, 1);
        var ok = Apply(round, post, "合格人");
        var old = Apply(round, post, "年长者", birthYear: 1990);          // 35 on 2026-04-01? born 1990-05-05 → 35
        var older = Apply(round, post, "超龄者", birthYear: 1989);        // 36
        var school = Apply(round, post, "中专生", education: Education.Vocational);
        var outside = Apply(round, post, "外地人", area: "安徽省合肥市");

        round.Advance(Announced.PlusDays(10));

        ok.Status.Should().Be(ApplicantStatus.Qualified);
        old.Status.Should().Be(ApplicantStatus.Qualified, "35 is inside 18–35");
        older.Status.Should().Be(ApplicantStatus.Disqualified);
        Texts.Zh(round.QualificationReasons(older)).Should().Contain("36 岁");
        Texts.Zh(round.QualificationReasons(school)).Should().Contain("学历");
        Texts.Zh(round.QualificationReasons(outside)).Should().Contain("户籍");
        var noEvidence = () => round.Decide(outside, true, "符合人才引进政策，经研究同意报考", null);
        noEvidence.Should().Throw<DomainException>().Which.Field.Should().Be("Evidence", "an override rests on a document");
        round.Decide(outside, true, "符合人才引进政策，经研究同意报考", "人才引进认定书.pdf");
        outside.QualificationEvidence.Should().Be("人才引进认定书.pdf");
        outside.Status.Should().Be(ApplicantStatus.Qualified);
        Texts.Zh(round.QualificationReasons(outside)).Should().Contain("人才引进");
        var noReason = () => round.Decide(ok, false, " ", "材料.pdf");
        noReason.Should().Throw<DomainException>().Which.Code.Should().Be("Text.Required");
    }

    [Fact]
    public void TheSameIdCardTwiceInARoundIsRefused()
    {
        var round = Round();
        var post = round.AddPost("社区工作者", 10, Post.Staff, 1);
        var id = TestData.IdCard(new LocalDate(1999, 1, 1));
        round.Register(post, "张三", id, null, Education.Bachelor, PoliticalStatus.Masses, null, [], Announced);
        var twice = () => round.Register(post, "张三", id, null, Education.Bachelor, PoliticalStatus.Masses, null, [], Announced);
        twice.Should().Throw<DomainException>().Which.Code.Should().Be("Recruitment.DuplicateApplicant");
    }

    [Fact]
    public void ShortlistIsThreePerPlaceWithTiesAtTheCutIncluded()
    {
        // One place → 3 interviewees. Scores 90, 85, 80, 80, 70, 55 (fail): the tie at 80 brings four in.
        var (round, _, p) = AtWrittenExam(1, 90, 85, 80, 80, 70, 55, null);
        round.Advance(Announced.PlusDays(30));

        p.Select(a => a.Status).Should().Equal(ApplicantStatus.Shortlisted, ApplicantStatus.Shortlisted, ApplicantStatus.Shortlisted, ApplicantStatus.Shortlisted,
            ApplicantStatus.NotShortlisted, ApplicantStatus.WrittenFailed, ApplicantStatus.WrittenAbsent);
    }

    [Fact]
    public void PostsWithTenOrMorePlacesShortlistTwoPerPlaceAndTooFewPassersAllGoThrough()
    {
        var scores = Enumerable.Range(0, 25).Select(i => (decimal?)(99 - i)).ToArray();
        var (large, _, people) = AtWrittenExam(10, scores);
        large.Advance(Announced.PlusDays(30));
        people.Count(a => a.Status == ApplicantStatus.Shortlisted).Should().Be(20, "1:2 for a post with 10 places");

        var (few, _, three) = AtWrittenExam(2, 61, 75, 59);
        few.Advance(Announced.PlusDays(30));
        three.Count(a => a.Status == ApplicantStatus.Shortlisted).Should().Be(2, "only two passed; both go through although 1:3 would allow six");
    }

    [Theory]
    [InlineData(9, 27)]    // below the threshold: 1:3
    [InlineData(10, 20)]   // at the threshold: 1:2
    [InlineData(11, 22)]
    public void TheShortlistRatioChangesAtTheLargePostThreshold(int quota, int expected)
    {
        var scores = Enumerable.Range(0, 40).Select(i => (decimal?)(99.5m - i)).ToArray();
        var (round, _, people) = AtWrittenExam(quota, scores);
        round.Advance(Announced.PlusDays(30));
        people.Count(a => a.Status == ApplicantStatus.Shortlisted).Should().Be(expected);
    }

    [Fact]
    public void PassLineCanBeAShareOfTheMean()
    {
        var round = Round(new RoundRules { AgeReferenceDate = Announced, WrittenPassLineKind = PassLineKind.ShareOfMean, WrittenPassLine = 0.9m });
        var post = round.AddPost("社区工作者", 10, Post.Staff, 5);
        var people = new[] { 80m, 70m, 60m }.Select((s, i) => (Apply(round, post, "考生" + i), s)).ToList();
        round.Advance(Announced);
        round.Advance(Announced);
        foreach (var (a, s) in people)
        {
            round.ScoreWritten(a, s, false);
        }
        round.Advance(Announced);

        round.WrittenPassLine().Should().Be(0.9m * 70m);                 // mean 70 → 63
        people.Select(x => x.Item1.Status).Should().Equal(ApplicantStatus.Shortlisted, ApplicantStatus.Shortlisted, ApplicantStatus.WrittenFailed);
    }

    [Theory]
    [InlineData(new[] { 80.0, 90.0, 70.0, 85.0, 75.0 }, 80.0)]        // five examiners: drop 90 and 70 → (80 + 85 + 75) / 3
    [InlineData(new[] { 80.0, 90.0, 70.0, 85.0 }, 81.25)]             // four: plain average
    [InlineData(new[] { 81.0, 82.0, 83.0, 84.0, 85.0, 86.0, 86.0 }, 84.0)]
    [InlineData(new[] { 77.5, 80.0, 80.5, 91.0, 60.0 }, 79.33)]       // (77.5 + 80 + 80.5) / 3 = 79.333…
    public void InterviewScoreDropsTheExtremesFromFiveExaminers(double[] marks, double expected)
    {
        RecruitmentRound.InterviewScoreOf([.. marks.Select(m => (decimal)m)], 5).Should().Be((decimal)expected);
    }

    /// <summary>Two places; four interviewees with the given (written, interview) marks; advanced to vetting.</summary>
    private static (RecruitmentRound Round, List<Applicant> People) Ranked(RoundRules? rules, params (decimal Written, decimal Interview, string[] Bonus, Education Education)[] people)
    {
        var round = Round(rules);
        var post = round.AddPost("社区工作者", 10, Post.Staff, 2);
        var list = people.Select((x, i) => Apply(round, post, "考生" + (i + 1), education: x.Education, bonus: x.Bonus)).ToList();
        round.Advance(Announced);
        round.Advance(Announced);
        for (var i = 0; i < list.Count; i++)
        {
            round.ScoreWritten(list[i], people[i].Written, false);
        }
        round.Advance(Announced);
        for (var i = 0; i < list.Count; i++)
        {
            round.ScoreInterview(list[i], [("A", people[i].Interview), ("B", people[i].Interview), ("C", people[i].Interview)], false);
        }
        round.Advance(Announced);
        return (round, list);
    }

    [Fact]
    public void TotalIsWeightedScoresPlusTheHighestSingleBonusAndTheCutIsAtTheQuota()
    {
        var (_, p) = Ranked(null,
            (80m, 80m, [], Education.Bachelor),            // 80
            (76m, 78m, ["SW", "VET"], Education.Bachelor),  // 77 + 3 (highest single, not 5) = 80 → tie with 1, written decides: 1 first
            (70m, 90m, ["SW"], Education.Master),           // 80 + 2 = 82
            (90m, 55m, [], Education.Bachelor));            // interview below 60: failed

        p[0].Total.Should().Be(80m);
        p[1].Bonus.Should().Be(3m);
        p[1].Total.Should().Be(80m);
        p[2].Total.Should().Be(82m);
        (p[2].Rank, p[0].Rank, p[1].Rank).Should().Be((1, 2, 3));
        p[3].Status.Should().Be(ApplicantStatus.InterviewFailed);
        p.Select(a => a.Status).Take(3).Should().Equal(ApplicantStatus.Selected, ApplicantStatus.Ranked, ApplicantStatus.Selected);
    }

    [Fact]
    public void TieBreakChainIsFollowedInOrder()
    {
        var rules = new RoundRules { AgeReferenceDate = Announced, TieBreaks = [TieBreak.Education, TieBreak.WrittenScore] };
        var (_, p) = Ranked(rules,
            (80m, 80m, [], Education.Bachelor),
            (78m, 82m, [], Education.Master),     // same total 80, master first under this chain
            (82m, 78m, [], Education.Bachelor));  // same total, same education as 1, higher written than 1
        (p[1].Rank, p[2].Rank, p[0].Rank).Should().Be((1, 2, 3));
    }

    [Fact]
    public void AFailedVettingOrAWithdrawalBringsInTheNextRankedCandidate()
    {
        var (round, p) = Ranked(null,
            (90m, 90m, [], Education.Bachelor), (85m, 85m, [], Education.Bachelor), (80m, 80m, [], Education.Bachelor), (75m, 75m, [], Education.Bachelor));
        round.RecordVetting(p[0], true, true, "考察合格，体检合格");
        round.RecordVetting(p[1], true, false, "体检不合格");

        p[1].Status.Should().Be(ApplicantStatus.VettingFailed);
        p[2].Status.Should().Be(ApplicantStatus.Selected);
        p[2].Substitute.Should().BeTrue("递补 from rank 3");
        var early = () => round.Advance(Announced);
        early.Should().Throw<DomainException>().Which.Code.Should().Be("Recruitment.ResultsMissing");

        round.Withdraw(p[2], "本人放弃");
        p[2].Status.Should().Be(ApplicantStatus.Withdrawn);
        p[3].Status.Should().Be(ApplicantStatus.Selected);
        round.RecordVetting(p[3], true, true, "合格");
        round.Advance(new LocalDate(2026, 6, 1));
        round.Step.Should().Be(RoundStep.PublicNotice);
        (round.NoticeStart, round.NoticeEnd).Should().Be((new LocalDate(2026, 6, 1), new LocalDate(2026, 6, 5)));
    }

    [Fact]
    public void TheNoticeMustRunItsCourseAndObjectionsBeResolvedBeforeHiring()
    {
        var (round, p) = Ranked(null,
            (90m, 90m, [], Education.Bachelor), (85m, 85m, [], Education.Bachelor), (80m, 80m, [], Education.Bachelor));
        round.RecordVetting(p[0], true, true, "合格");
        round.RecordVetting(p[1], true, true, "合格");
        round.Advance(new LocalDate(2026, 6, 1));
        var objection = round.RaiseObjection(p[1], "反映该考生学历证书存疑", new LocalDate(2026, 6, 2));

        var running = () => round.Advance(new LocalDate(2026, 6, 5));
        running.Should().Throw<DomainException>().Which.Code.Should().Be("Recruitment.NoticeRunning");
        var open = () => round.Advance(new LocalDate(2026, 6, 6));
        open.Should().Throw<DomainException>().Which.Code.Should().Be("Recruitment.OpenObjections");

        round.ResolveObjection(objection, true, "经核查学历证书不实，取消拟聘资格", new LocalDate(2026, 6, 4));
        p[1].Status.Should().Be(ApplicantStatus.Withdrawn);
        p[2].Status.Should().Be(ApplicantStatus.Selected);
        round.Step.Should().Be(RoundStep.Vetting, "the substitute is vetted before a new notice");
        round.RecordVetting(p[2], true, true, "合格");
        round.Advance(new LocalDate(2026, 6, 8));
        round.Advance(new LocalDate(2026, 6, 13));
        round.Step.Should().Be(RoundStep.Hiring);

        var unhired = () => round.Advance(new LocalDate(2026, 6, 15));
        unhired.Should().Throw<DomainException>().Which.Code.Should().Be("Recruitment.ResultsMissing");
        round.RecordHire(p[0], 501, new LocalDate(2026, 7, 1));
        round.RecordHire(p[2], 502, new LocalDate(2026, 7, 1));
        round.ProbationEndFor(new LocalDate(2026, 7, 1)).Should().Be(new LocalDate(2026, 12, 31));
        round.Advance(new LocalDate(2026, 7, 1));

        round.Step.Should().Be(RoundStep.Closed);
        (p[0].Status, p[2].Status).Should().Be((ApplicantStatus.Hired, ApplicantStatus.Hired));
        var closed = () => round.Reopen("再议");
        closed.Should().Throw<DomainException>().Which.Code.Should().Be("Recruitment.CannotReopen");
    }

    [Fact]
    public void QualifiedButUnplacedCandidatesAreKeptInReserveUntilTheExpiry()
    {
        var (round, p) = Ranked(null,
            (90m, 90m, [], Education.Bachelor), (85m, 85m, [], Education.Bachelor), (80m, 80m, [], Education.Bachelor));
        round.RecordVetting(p[0], true, true, "合格");
        round.RecordVetting(p[1], true, true, "合格");
        round.Advance(new LocalDate(2026, 6, 1));
        round.Advance(new LocalDate(2026, 6, 6));
        round.RecordHire(p[0], 1, new LocalDate(2026, 7, 1));
        round.RecordHire(p[1], 2, new LocalDate(2026, 7, 1));
        round.Advance(new LocalDate(2026, 7, 1));

        p[2].Status.Should().Be(ApplicantStatus.Reserve);
        p[2].ReserveUntil.Should().Be(new LocalDate(2027, 7, 1));
    }

    [Fact]
    public void StepsAreGuardedScoresRangeCheckedAndReopeningGoesBackOneStep()
    {
        var (round, _, p) = AtWrittenExam(1, 80, 70);
        var interviewNow = () => round.ScoreInterview(p[0], [("A", 80m)], false);
        interviewNow.Should().Throw<DomainException>().Which.Code.Should().Be("Recruitment.WrongStep");
        var tooHigh = () => round.ScoreWritten(p[0], 101m, false);
        tooHigh.Should().Throw<DomainException>().Which.Code.Should().Be("Recruitment.ScoreOutOfRange");
        p[0].WrittenScore.Should().Be(80m, "a refused change leaves the fact as it was");

        round.Advance(Announced);
        round.Reopen("笔试成绩录入有误，需更正");
        round.Step.Should().Be(RoundStep.WrittenExam);
        round.ReopenReason.Should().Contain("更正");
        round.ScoreWritten(p[1], 95m, false);
        round.Advance(Announced);
        (p[0].Status, p[1].Status).Should().Be((ApplicantStatus.Shortlisted, ApplicantStatus.Shortlisted));
    }

    [Fact]
    public void APooledPostPlacesItsHiresInItsCommunitiesInTurnByRank()
    {
        var round = Round();
        var post = round.AddPost("平江街道社区工作者（统筹）", 10, Post.Staff, 3, [11, 12, 10]);
        post.Communities.Should().Equal(10L, 11L, 12L);
        var people = new[] { 70m, 90m, 80m, 60m }.Select((_, i) => Apply(round, post, "考生" + i)).ToList();
        round.Advance(Announced);
        round.Advance(Announced);
        var written = new[] { 70m, 90m, 80m, 65m };
        round.ScoreWritten(people.Select((a, i) => (a, (decimal?)written[i], false)).ToList());
        round.Advance(Announced);
        round.ScoreInterview(people.Select((a, i) => (a, (IReadOnlyList<(string, decimal)>)[("A", written[i])], false)).ToList());
        round.Advance(Announced);

        // Ranks: 90 → 1, 80 → 2, 70 → 3 (65 stands by).
        (round.PlacementOf(people[1]), round.PlacementOf(people[2]), round.PlacementOf(people[0])).Should().Be((10L, 11L, 12L));
    }

    // Issue 18: rules as announcements write them.
    private static readonly RoundRules Relaxed = new()
    {
        AgeReferenceDate = Announced,
        MaxAge = 35,
        BonusItems = [new BonusItem("SW", "持社会工作者职业资格证书", 2m), new BonusItem("VET", "退役军人", 3m)],
        AgeRelaxations = [new AgeRelaxation("SW", null, 5), new AgeRelaxation(null, 3, 10)],
    };

    private static Applicant Born(RecruitmentRound round, RoundPost post, LocalDate birth, string[] items, int? declaredMonths = null, int? pensionMonths = null)
    {
        var a = round.Register(post, "考生", TestData.IdCard(birth), null, Education.Bachelor, PoliticalStatus.Masses, "江苏省苏州市", items, Announced.PlusDays(3));
        if (declaredMonths is not null || pensionMonths is not null)
        {
            round.RecordWorkHistory(a, declaredMonths, pensionMonths);
        }
        return a;
    }

    [Fact]
    public void TheAgeCapCountsOnTheReferenceDayAndTheDaySomeoneTurns36TheyAreOut()
    {
        var round = Round(Relaxed);
        var post = round.AddPost("社区工作者", 10, Post.Staff, 1);
        var turns35 = Born(round, post, new LocalDate(1991, 4, 1), []);
        var still35 = Born(round, post, new LocalDate(1990, 4, 2), []);
        var turns36 = Born(round, post, new LocalDate(1990, 4, 1), []);
        var turns18 = Born(round, post, new LocalDate(2008, 4, 1), []);
        var still17 = Born(round, post, new LocalDate(2008, 4, 2), []);
        round.Advance(Announced.PlusDays(10));
        (turns35.Status, still35.Status, turns18.Status).Should().Be((ApplicantStatus.Qualified, ApplicantStatus.Qualified, ApplicantStatus.Qualified));
        turns36.Status.Should().Be(ApplicantStatus.Disqualified, "36 on the reference date: over 35");
        still17.Status.Should().Be(ApplicantStatus.Disqualified);
        Texts.Zh(round.QualificationReasons(turns36)).Should().Contain("36 岁");
    }

    [Theory]
    // The birth-date bounds two published announcements print (ADR 0021, docs/recruitment-templates.md):
    // 绩溪 2025 — "40周岁以下（1984年9月1日（含）以后出生）；社区工作满3年……放宽至45周岁（1979年9月1日（含）以后出生）".
    [InlineData("2025-09-01", 40, AgeCapReading.AtMostBirthdayIncluded, "1984-09-01", 0, true)]
    [InlineData("2025-09-01", 40, AgeCapReading.AtMostBirthdayIncluded, "1984-08-31", 0, false)]
    [InlineData("2025-09-01", 40, AgeCapReading.AtMostBirthdayIncluded, "1979-09-01", 36, true)]
    [InlineData("2025-09-01", 40, AgeCapReading.AtMostBirthdayIncluded, "1979-08-31", 36, false)]
    // 嵊州 2021 — "35周岁以下（1986年10月19日以后出生）；持社会工作者职业水平证书的……40周岁（1981年10月19日以后出生）".
    [InlineData("2021-10-19", 35, AgeCapReading.Below, "1986-10-20", 0, true)]
    [InlineData("2021-10-19", 35, AgeCapReading.Below, "1986-10-19", 0, false)]
    [InlineData("2021-10-19", 35, AgeCapReading.Below, "1981-10-20", -1, true)]
    [InlineData("2021-10-19", 35, AgeCapReading.Below, "1981-10-19", -1, false)]
    // The common reading: 35 full years on the reference date are in, turning 36 that day is out.
    [InlineData("2021-10-19", 35, AgeCapReading.AtMost, "1985-10-20", 0, true)]
    [InlineData("2021-10-19", 35, AgeCapReading.AtMost, "1985-10-19", 0, false)]
    public void TheAgeCapIsTheBirthDateBoundTheAnnouncementPrints(string reference, int cap, AgeCapReading reading, string born, int months, bool qualified)
    {
        // months: community work for the 3-year relaxation; -1: a social-work certificate instead.
        var on = LocalDate.FromDateTime(DateTime.Parse(reference, System.Globalization.CultureInfo.InvariantCulture));
        var rules = Relaxed with
        {
            AgeReferenceDate = on, MaxAge = cap, AgeCapReading = reading,
            AgeRelaxations = cap == 40 ? [new AgeRelaxation(null, 3, 5)] : [new AgeRelaxation("SW", null, 5)],
        };
        var round = new RecruitmentRound("招聘", 1, on, rules);
        var post = round.AddPost("社区工作者", 10, Post.Staff, 1);
        var birth = LocalDate.FromDateTime(DateTime.Parse(born, System.Globalization.CultureInfo.InvariantCulture));
        var a = round.Register(post, "考生", TestData.IdCard(birth), null, Education.Bachelor, PoliticalStatus.Masses, "江苏省苏州市", months < 0 ? ["SW"] : [], on.PlusDays(1));
        if (months > 0)
        {
            round.RecordWorkHistory(a, months, null);
        }
        round.Advance(on.PlusDays(10));
        a.Status.Should().Be(qualified ? ApplicantStatus.Qualified : ApplicantStatus.Disqualified);
        var check = round.EligibilityChecks(a).Single(c => c.Rule == "Recruitment.Rule.Age");
        var earliest = rules.EarliestBirthDate(cap + (months != 0 ? 5 : 0), on);
        Texts.Zh([check.Facts]).Should().Contain(earliest.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "the facts name the bound that decided");
    }

    [Theory]
    [InlineData(false, 11, null, false)]
    [InlineData(false, 12, null, true)]
    [InlineData(true, 24, null, false)]   // declared only: the pension record counts
    [InlineData(true, 24, 11, false)]
    [InlineData(true, 0, 12, true)]
    public void LeastMonthsOfWorkCountAsDeclaredOrByThePensionRecord(bool pension, int declared, int? record, bool qualified)
    {
        var round = Round(Relaxed with { MinWorkMonths = 12, CommunityYearsFromPensionRecord = pension });
        var post = round.AddPost("社区工作者", 10, Post.Staff, 1);
        var a = Born(round, post, Announced.PlusYears(-30), [], declared, record);
        round.Advance(Announced.PlusDays(10));
        a.Status.Should().Be(qualified ? ApplicantStatus.Qualified : ApplicantStatus.Disqualified);
        var check = round.EligibilityChecks(a).Single(c => c.Rule == "Recruitment.Rule.WorkMonths");
        Texts.Zh([check.Facts]).Should().Contain(pension ? "养老保险" : "本人申报").And.Contain("12 个月");
        var tooMany = () => (Relaxed with { MinWorkMonths = 601 }).Validated();
        tooMany.Should().Throw<DomainException>().Which.Field.Should().Be("MinWorkMonths");
    }

    [Theory]
    // age on the reference date, items, months of community work, relaxations stack → qualified
    [InlineData(40, new string[0], 0, false, false)]    // no relaxation: cap 35
    [InlineData(40, new[] { "SW" }, 0, false, true)]     // certificate: cap 40, exactly 40 is in
    [InlineData(41, new[] { "SW" }, 0, false, false)]
    [InlineData(45, new string[0], 36, false, true)]     // 3 years of community work: cap 45
    [InlineData(45, new string[0], 35, false, false)]    // 2 years 11 months is 2 full years
    [InlineData(46, new[] { "SW" }, 36, false, false)]   // both met, not stacking: the larger, 45
    [InlineData(50, new[] { "SW" }, 36, true, true)]     // both met, stacking: 35 + 5 + 10
    [InlineData(51, new[] { "SW" }, 36, true, false)]
    public void AgeRelaxationsRaiseTheCapByTheConditionsMetStackingOrNotAsTheRoundSays(int age, string[] items, int months, bool stack, bool qualified)
    {
        var round = Round(Relaxed with { AgeRelaxationsStack = stack });
        var post = round.AddPost("社区工作者", 10, Post.Staff, 1);
        var a = Born(round, post, Announced.PlusYears(-age), items, months);
        round.Advance(Announced.PlusDays(10));
        a.Status.Should().Be(qualified ? ApplicantStatus.Qualified : ApplicantStatus.Disqualified);
        if (!qualified && (items.Length > 0 || months >= 36))
        {
            Texts.Zh(round.QualificationReasons(a)).Should().Contain("放宽至").And.Contain($"{age} 岁");
        }
    }

    [Fact]
    public void YearsOfCommunityWorkComeFromThePensionRecordWhenTheRoundSaysSo()
    {
        var round = Round(Relaxed with { CommunityYearsFromPensionRecord = true });
        var post = round.AddPost("社区工作者", 10, Post.Staff, 1);
        var declaredOnly = Born(round, post, Announced.PlusYears(-44), [], declaredMonths: 48);
        var recorded = Born(round, post, Announced.PlusYears(-44), [], declaredMonths: 48, pensionMonths: 37);
        var recordShort = Born(round, post, Announced.PlusYears(-44), [], declaredMonths: 48, pensionMonths: 30);
        round.Advance(Announced.PlusDays(10));
        declaredOnly.Status.Should().Be(ApplicantStatus.Disqualified, "a declaration without the pension record counts 0 years");
        recorded.Status.Should().Be(ApplicantStatus.Qualified);
        recordShort.Status.Should().Be(ApplicantStatus.Disqualified);
        Texts.Zh(round.QualificationReasons(recordShort)).Should().Contain("社区工作年限 2 年");
        // The record is checked at the review and can be corrected there.
        round.RecordWorkHistory(recordShort, 48, 40);
        recordShort.Status.Should().Be(ApplicantStatus.Qualified);
        var outOfRange = () => round.RecordWorkHistory(recordShort, 48, 601);
        outOfRange.Should().Throw<DomainException>().Which.Code.Should().Be("Recruitment.WorkMonthsOutOfRange");
    }

    [Fact]
    public void SummedBonusesStopAtTheCapAndAGradedBonusFollowsTheYearsOfCommunityWork()
    {
        var summed = Relaxed with { BonusMode = BonusMode.SummedWithCap, BonusCap = 4m };
        summed.BonusFor(["SW"]).Should().Be(2m);
        summed.BonusFor(["SW", "VET"]).Should().Be(4m, "2 + 3 = 5, capped at 4");
        (summed with { BonusCap = 6m }).BonusFor(["SW", "VET"]).Should().Be(5m);
        Relaxed.BonusFor(["SW", "VET"]).Should().Be(3m, "highest single item by default");

        var graded = Relaxed with { BonusMode = BonusMode.GradedByCommunityYears, BonusBands = [new BonusBand(3, 0.5m), new BonusBand(5, 1m)] };
        graded.Validated();
        (graded.BonusFor([], 2), graded.BonusFor([], 3), graded.BonusFor([], 4), graded.BonusFor([], 5), graded.BonusFor(["VET"], 12)).Should().Be((0m, 0.5m, 0.5m, 1m, 1m));

        var noCap = () => (Relaxed with { BonusMode = BonusMode.SummedWithCap }).Validated();
        noCap.Should().Throw<DomainException>().Which.Field.Should().Be("BonusCap");
        var noBands = () => (Relaxed with { BonusMode = BonusMode.GradedByCommunityYears }).Validated();
        noBands.Should().Throw<DomainException>().Which.Field.Should().Be("BonusBands");
        var unknownItem = () => (Relaxed with { AgeRelaxations = [new AgeRelaxation("PHD", null, 5)] }).Validated();
        unknownItem.Should().Throw<DomainException>().Which.Field.Should().Be("AgeRelaxations");
    }

    [Theory]
    [InlineData(true, 102.5)]
    [InlineData(false, 100)]
    public void ATotalWithBonusExceeds100OnlyWhenTheRoundAllowsIt(bool mayExceed, double expected)
    {
        var rules = Relaxed with { BonusMayExceedMaximum = mayExceed };
        var (_, p) = Ranked(rules, (100m, 99m, ["VET"], Education.Bachelor), (70m, 70m, [], Education.Bachelor));
        p[0].Total.Should().Be((decimal)expected);
    }

    [Fact]
    public void WithoutSubstitutionAPlaceLeftByAFailedVettingOrAWithdrawalStaysEmpty()
    {
        var (round, p) = Ranked(Relaxed with { Substitution = false },
            (90m, 90m, [], Education.Bachelor), (85m, 85m, [], Education.Bachelor), (80m, 80m, [], Education.Bachelor), (75m, 75m, [], Education.Bachelor));
        round.RecordVetting(p[0], true, true, "合格");
        round.RecordVetting(p[1], true, false, "体检不合格");
        p[1].Status.Should().Be(ApplicantStatus.VettingFailed);
        p[2].Status.Should().Be(ApplicantStatus.Ranked, "缺额不再递补");
        round.Withdraw(p[0], "本人放弃");
        (p[2].Status, p[3].Status).Should().Be((ApplicantStatus.Ranked, ApplicantStatus.Ranked));
        round.Applicants.Count(a => a.Status == ApplicantStatus.Selected).Should().Be(0);
    }

    [Theory]
    // registrations, places, action → outcome, places after, status of its applicants
    [InlineData(6, 2, ShortfallAction.CutPlaces, PostOpening.Reached, 2, ApplicantStatus.Qualified)]   // 6 ≥ 3 × 2: the exam runs
    [InlineData(5, 2, ShortfallAction.CutPlaces, PostOpening.Cut, 1, ApplicantStatus.Qualified)]       // 5 < 6: cut to 5 ÷ 3 = 1 place
    [InlineData(2, 2, ShortfallAction.CutPlaces, PostOpening.Cancelled, 2, ApplicantStatus.PostCancelled)] // 2 ÷ 3 = 0 places: cancelled
    [InlineData(5, 2, ShortfallAction.Cancel, PostOpening.Cancelled, 2, ApplicantStatus.PostCancelled)]
    [InlineData(3, 1, ShortfallAction.Cancel, PostOpening.Reached, 1, ApplicantStatus.Qualified)]      // exactly 3:1 is reached
    public void TheOpeningRatioIsCheckedWhenRegistrationClosesAndAShortPostIsCutOrCancelled(int registered, int quota, ShortfallAction action,
        PostOpening outcome, int placesAfter, ApplicantStatus status)
    {
        var round = Round();
        var post = round.AddPost("社区工作者（甲）", 10, Post.Staff, quota);
        round.SetOpeningRule(post, 3, action);
        var people = Enumerable.Range(0, registered).Select(i => Apply(round, post, "考生" + i)).ToList();
        round.Advance(Announced.PlusDays(10));
        (post.Opening, post.Quota, post.AnnouncedQuota, post.RegisteredAtClose).Should().Be((outcome, placesAfter, quota, registered));
        people.Should().OnlyContain(a => a.Status == status);
        if (outcome != PostOpening.Reached)
        {
            var reopen = () => round.Reopen("重新报名");
            reopen.Should().Throw<DomainException>().Which.Code.Should().Be("Recruitment.CannotReopen", "the cut was announced");
        }
    }

    [Fact]
    public void AShortPostMergedIntoAnotherHandsItsApplicantsAndPlacesOver()
    {
        var round = Round();
        var main = round.AddPost("社区工作者（综合）", 10, Post.Staff, 2);
        var small = round.AddPost("社区工作者（专项）", 11, Post.Staff, 1);
        round.SetOpeningRule(small, 3, ShortfallAction.Merge, "社区工作者（综合）");
        var unknown = () => round.SetOpeningRule(main, 3, ShortfallAction.Merge, "不存在的岗位");
        unknown.Should().Throw<DomainException>().Which.Code.Should().Be("Recruitment.UnknownMergeTarget");
        var mains = Enumerable.Range(0, 7).Select(i => Apply(round, main, "综合" + i)).ToList();
        var smalls = Enumerable.Range(0, 2).Select(i => Apply(round, small, "专项" + i)).ToList();
        round.Advance(Announced.PlusDays(10));
        (small.Opening, main.Opening, main.Quota).Should().Be((PostOpening.Merged, PostOpening.Open, 3));
        smalls.Should().OnlyContain(a => a.PostId == main.Id && a.Status == ApplicantStatus.Qualified);
        round.RankingOf(main).Should().HaveCount(9);
        var late = () => round.SetOpeningRule(main, 2, ShortfallAction.Cancel);
        late.Should().Throw<DomainException>().Which.Code.Should().Be("Recruitment.WrongStep", "rules change before registration closes only");
    }

    [Fact]
    public void WithChoiceCandidatesOfAPooledPostChooseTheirCommunityInRankOrderAndTheNoticeWaitsForEveryChoice()
    {
        var round = Round(new RoundRules { AgeReferenceDate = Announced, PooledPostChoice = true });
        var post = round.AddPost("平江街道社区工作者（统筹）", 10, Post.Staff, 3, [11]);
        post.PlacesByCommunity.Should().Equal(new Dictionary<long, int> { [10] = 2, [11] = 1 });
        var people = Enumerable.Range(0, 4).Select(i => Apply(round, post, "考生" + i)).ToList();
        round.Advance(Announced);
        round.Advance(Announced);
        var written = new[] { 70m, 90m, 80m, 65m };
        round.ScoreWritten(people.Select((a, i) => (a, (decimal?)written[i], false)).ToList());
        round.Advance(Announced);
        round.ScoreInterview(people.Select((a, i) => (a, (IReadOnlyList<(string, decimal)>)[("A", written[i])], false)).ToList());
        round.Advance(Announced);
        var (first, second, third) = (people[1], people[2], people[0]); // ranks 1, 2, 3

        var early = () => round.ChooseCommunity(second, 11);
        early.Should().Throw<DomainException>().Which.Code.Should().Be("Recruitment.ChooseInRankOrder", "rank 1 chooses first");
        round.ChooseCommunity(first, 11);
        var full = () => round.ChooseCommunity(second, 11);
        full.Should().Throw<DomainException>().Which.Code.Should().Be("Recruitment.CommunityFull", "community 11 has one place");
        var elsewhere = () => round.ChooseCommunity(second, 99);
        elsewhere.Should().Throw<DomainException>().Which.Code.Should().Be("Recruitment.NotACommunityOfThePost");
        round.ChooseCommunity(second, 10);
        foreach (var a in new[] { first, second, third })
        {
            round.RecordVetting(a, true, true, "合格");
        }
        var noNotice = () => round.Advance(Announced);
        noNotice.Should().Throw<DomainException>().Which.Code.Should().Be("Recruitment.ChoicesMissing");
        round.ChooseCommunity(third, 10);
        (round.PlacementOf(first), round.PlacementOf(second), round.PlacementOf(third)).Should().Be((11L, 10L, 10L));
        round.Advance(Announced);
        round.Step.Should().Be(RoundStep.PublicNotice);
    }

    [Fact]
    public void AReservedPostTakesOnlyThoseWhoDeclareItsItemAndRanksThemApart()
    {
        var round = Round();
        var open = round.AddPost("社区工作者", 10, Post.Staff, 1);
        var reserved = round.AddPost("社区工作者（退役军人定向）", 10, Post.Staff, 1);
        round.ReservePost(reserved, "VET");
        var unknown = () => round.ReservePost(open, "PHD");
        unknown.Should().Throw<DomainException>().Which.Code.Should().Be("Recruitment.UnknownBonus");
        var veteran = Apply(round, reserved, "退役军人甲", bonus: "VET");
        var civilian = Apply(round, reserved, "非定向人员");
        var openOne = Apply(round, open, "普通考生");
        var openVeteran = Apply(round, open, "退役军人乙", bonus: "VET");
        round.Advance(Announced);
        (veteran.Status, civilian.Status, openOne.Status, openVeteran.Status).Should().Be((ApplicantStatus.Qualified, ApplicantStatus.Disqualified, ApplicantStatus.Qualified, ApplicantStatus.Qualified));
        Texts.Zh(round.QualificationReasons(civilian)).Should().Contain("定向岗位").And.Contain("退役军人");
        round.Advance(Announced);
        round.ScoreWritten([(veteran, 70m, false), (openOne, 90m, false), (openVeteran, 80m, false)]);
        round.Advance(Announced);
        round.ScoreInterview([(veteran, [("A", 70m)], false), (openOne, [("A", 90m)], false), (openVeteran, [("A", 80m)], false)]);
        round.Advance(Announced);
        // Each post ranks its own: the reserved post's 70 is first there, the open post's 80 second behind 90.
        (veteran.Rank, veteran.Status).Should().Be((1, ApplicantStatus.Selected));
        (openOne.Rank, openVeteran.Rank, openVeteran.Status).Should().Be((1, 2, ApplicantStatus.Ranked));
    }

    [Fact]
    public void HouseholdRegistrationOfAParentOrTheSpouseCountsWhenTheRoundSaysSoAndEveryRuleShowsItsFacts()
    {
        var rules = new RoundRules { AgeReferenceDate = Announced, HouseholdArea = "江苏省苏州市", HouseholdOf = HouseholdOf.SelfParentOrSpouse };
        var round = Round(rules);
        var post = round.AddPost("社区工作者", 10, Post.Staff, 1);
        var own = Apply(round, post, "本人本地");
        var parent = Apply(round, post, "父母本地", area: "安徽省合肥市");
        round.DeclareFamilyAndParty(parent, "江苏省苏州市姑苏区", null, null);
        var spouse = Apply(round, post, "配偶本地", area: "安徽省合肥市");
        round.DeclareFamilyAndParty(spouse, null, "江苏省苏州市吴中区", null);
        var none = Apply(round, post, "均不在本地", area: "安徽省合肥市");
        round.DeclareFamilyAndParty(none, "安徽省合肥市", "浙江省杭州市", null);
        round.Advance(Announced);
        (own.Status, parent.Status, spouse.Status, none.Status).Should().Be((ApplicantStatus.Qualified, ApplicantStatus.Qualified, ApplicantStatus.Qualified, ApplicantStatus.Disqualified));
        Texts.Zh(round.QualificationReasons(none)).Should().Contain("父母 安徽省合肥市").And.Contain("配偶 浙江省杭州市");
        var checks = round.EligibilityChecks(parent);
        checks.Select(c => (c.Rule, c.Passed)).Should().Equal(("Recruitment.Rule.Age", true), ("Recruitment.Rule.Education", true), ("Recruitment.Rule.Household", true));
        Texts.Zh([checks[0].Facts]).Should().Contain("在 18–35 岁范围内");
        Texts.Zh([checks[2].Facts]).Should().Contain("父母 江苏省苏州市姑苏区");
        // Self only: the parent's registration no longer counts.
        var strict = Round(rules with { HouseholdOf = HouseholdOf.Self });
        var strictPost = strict.AddPost("社区工作者", 10, Post.Staff, 1);
        var strictParent = Apply(strict, strictPost, "父母本地", area: "安徽省合肥市");
        strict.DeclareFamilyAndParty(strictParent, "江苏省苏州市姑苏区", null, null);
        strict.Advance(Announced);
        strictParent.Status.Should().Be(ApplicantStatus.Disqualified);
    }

    [Theory]
    // joined the party, years required → qualified (reference date 2026-04-01)
    [InlineData("2023-04-01", 3, true)]   // three full years on the reference day
    [InlineData("2023-04-02", 3, false)]  // one day short
    [InlineData(null, 0, false)]          // party members only, and this applicant is not one
    public void PartyMembershipAndItsYearsAreCountedOnTheReferenceDate(string? joined, int years, bool qualified)
    {
        var round = Round(new RoundRules { AgeReferenceDate = Announced, RequirePartyMember = true, MinPartyYears = years });
        var post = round.AddPost("社区工作者", 10, Post.Staff, 1);
        var status = joined is null ? PoliticalStatus.Masses : PoliticalStatus.PartyMember;
        var a = round.Register(post, "考生", TestData.IdCard(new LocalDate(1995, 5, 5)), null, Education.Bachelor, status, "江苏省苏州市", [], Announced);
        if (joined is not null)
        {
            round.DeclareFamilyAndParty(a, null, null, LocalDate.FromDateOnly(DateOnly.Parse(joined, System.Globalization.CultureInfo.InvariantCulture)));
        }
        round.Advance(Announced);
        a.Status.Should().Be(qualified ? ApplicantStatus.Qualified : ApplicantStatus.Disqualified);
        var other = Round();
        var masses = Apply(other, other.AddPost("社区工作者", 10, Post.Staff, 1), "群众");
        var notMember = () => other.DeclareFamilyAndParty(masses, null, null, new LocalDate(2020, 1, 1));
        notMember.Should().Throw<DomainException>().Which.Code.Should().Be("Recruitment.PartyDateInvalid", "only party members have a joining date");
        var noYearsWithoutMembership = () => new RoundRules { MinPartyYears = 2 }.Validated();
        noYearsWithoutMembership.Should().Throw<DomainException>().Which.Field.Should().Be("MinPartyYears");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TheSecondReviewBeforeTheInterviewRemovesAFailedCandidateAndTheNextPasserMovesUpOnlyWithSubstitution(bool substitution)
    {
        var round = Round(new RoundRules { AgeReferenceDate = Announced, TwoStageReview = true, Substitution = substitution, ShortlistRatio = 2 });
        var post = round.AddPost("社区工作者", 10, Post.Staff, 1);
        var people = Enumerable.Range(0, 4).Select(i => Apply(round, post, "考生" + i)).ToList();
        round.Advance(Announced);
        round.Advance(Announced);
        round.ScoreWritten(people.Select((a, i) => (a, (decimal?)(90m - (i * 5)), false)).ToList()); // 90, 85, 80, 75
        round.Advance(Announced);
        people.Take(2).Should().OnlyContain(a => a.Status == ApplicantStatus.Shortlisted, "1:2");
        var unreviewed = () => round.Advance(Announced);
        unreviewed.Should().Throw<DomainException>().Which.Code.Should().Be("Recruitment.SecondReviewMissing");
        var noReason = () => round.SecondReview(people[1], false, null);
        noReason.Should().Throw<DomainException>().Which.Code.Should().Be("Text.Required");
        round.SecondReview(people[0], true, "原件核验无误");
        round.SecondReview(people[1], false, "学历证书与报名信息不符");
        people[1].Status.Should().Be(ApplicantStatus.SecondReviewFailed);
        people[2].Status.Should().Be(substitution ? ApplicantStatus.Shortlisted : ApplicantStatus.NotShortlisted, "the next passer moves up only with 递补");
        var notYet = () => round.SecondReview(people[3], true, null);
        notYet.Should().Throw<DomainException>().Which.Code.Should().Be("Recruitment.WrongStatus");
        if (substitution)
        {
            round.SecondReview(people[2], true, null);
        }
        round.ScoreInterview(people.Where(a => a.Status == ApplicantStatus.Shortlisted).Select(a => (a, (IReadOnlyList<(string, decimal)>)[("A", 80m)], false)).ToList());
        round.Advance(Announced);
        round.Step.Should().Be(RoundStep.Vetting);
        var noSecond = () => Round().SecondReview(people[0], true, null);
        noSecond.Should().Throw<DomainException>().Which.Code.Should().Be("Recruitment.NoSecondReview");
    }

    [Fact]
    public void RulesChangeWhileRegistrationIsOpenOnlyAndNeverDropAnItemInUse()
    {
        var round = Round();
        var post = round.AddPost("社区工作者", 10, Post.Staff, 1);
        var veteran = Apply(round, post, "退役军人", bonus: "VET");
        round.ChangeRules(round.Rules with { MaxAge = 40, BonusMode = BonusMode.SummedWithCap, BonusCap = 4m });
        (round.Rules.MaxAge, round.Rules.AgeReferenceDate).Should().Be((40, Announced), "the reference date stays");
        var drop = () => round.ChangeRules(round.Rules with { BonusItems = [new BonusItem("SW", "持证", 2m)] });
        drop.Should().Throw<DomainException>().Which.Code.Should().Be("Recruitment.ItemInUse");
        var invalid = () => round.ChangeRules(round.Rules with { WrittenWeight = 0.7m });
        invalid.Should().Throw<DomainException>().Which.Code.Should().Be("Recruitment.InvalidRule");
        var endless = () => round.ChangeRules(round.Rules with { BonusItems = [.. round.Rules.BonusItems, .. Enumerable.Range(0, RoundRules.MaxRows).Select(i => new BonusItem($"X{i}", "项", 1m))] });
        endless.Should().Throw<DomainException>().Which.Code.Should().Be("Recruitment.InvalidRule", "the lists are bounded");
        round.Advance(Announced);
        var late = () => round.ChangeRules(round.Rules with { MaxAge = 45 });
        late.Should().Throw<DomainException>().Which.Code.Should().Be("Recruitment.WrongStep", "rules change before registration closes only");
        veteran.Status.Should().Be(ApplicantStatus.Qualified);
    }
}
