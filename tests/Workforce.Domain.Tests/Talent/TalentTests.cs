using NodaTime;
using Workforce.Domain.Assessment;
using Workforce.Domain.Common;
using Workforce.Domain.Mentorship;
using Workforce.Domain.ReservePool;
using Workforce.Domain.Training;

namespace Workforce.Domain.Tests.Talent;

public class ReservePoolTests
{
    private static LocalDate D(int y, int m, int d) => new(y, m, d);

    [Theory]
    [InlineData(1, 0, 2, false, 2, 0.00)]
    [InlineData(1, 1, 2, false, 1, 1.00)]
    [InlineData(1, 2, 2, true, 0, 2.00)]
    [InlineData(1, 3, 2, true, 0, 3.00)]
    [InlineData(3, 5, 2, false, 1, 1.67)]
    [InlineData(2, 3, 1.5, true, 0, 1.50)]
    [InlineData(0, 0, 2, true, 0, 0.00)]
    public void CommunityComplianceComparesActiveReservesWithTheTargetRatio(int posts, int active, decimal target, bool compliant, int shortfall, decimal ratio)
    {
        var c = ReserveCompliance.ForCommunity(posts, active, target);

        c.Compliant.Should().Be(compliant);
        c.Shortfall.Should().Be(shortfall);
        c.Ratio.Should().Be(ratio);
    }

    [Fact]
    public void StreetTotalsAddCommunityShortfallsSoASurplusDoesNotHideAGap()
    {
        var street = ReserveCompliance.ForCommunity(1, 4, 2) + ReserveCompliance.ForCommunity(1, 0, 2);

        street.SecretaryPosts.Should().Be(2);
        street.ActiveReserves.Should().Be(4);
        street.Ratio.Should().Be(2m);
        street.Shortfall.Should().Be(2);
        street.Compliant.Should().BeFalse();
    }

    [Fact]
    public void ReserveGoesFromNominationThroughVettingToPromotionAndReleasesThePerson()
    {
        var entry = ReserveEntry.Nominate(7, 3, NominationSource.BranchRecommendation, D(2026, 1, 5), "支部推荐");
        entry.OpenWorkerId.Should().Be(7);
        entry.Vet(true, D(2026, 2, 1), "考察合格");
        entry.Status.Should().Be(ReserveStatus.Active);
        entry.EntryDate.Should().Be(D(2026, 2, 1));
        entry.AddReview(ReviewPeriod.Monthly, D(2026, 3, 1), AssessmentRating.Excellent, "表现突出", "李主任");

        entry.Promote(D(2026, 6, 1));

        entry.Status.Should().Be(ReserveStatus.Promoted);
        entry.OpenWorkerId.Should().BeNull("a closed entry frees the person for another pool");
        var act = () => entry.AddReview(ReviewPeriod.Monthly, D(2026, 7, 1), AssessmentRating.Qualified, "x", "y");
        act.Should().Throw<DomainException>().Which.Code.Should().Be("Reserve.WrongStatus");
    }

    [Fact]
    public void RejectedNominationClosesAndCannotBePromoted()
    {
        var entry = ReserveEntry.Nominate(7, 3, NominationSource.SelfNomination, D(2026, 1, 5), null);
        entry.Vet(false, D(2026, 1, 20), "群众评议不足");

        entry.Status.Should().Be(ReserveStatus.Rejected);
        entry.IsOpen.Should().BeFalse();
        var act = () => entry.Promote(D(2026, 2, 1));
        act.Should().Throw<DomainException>().Which.Code.Should().Be("Reserve.WrongStatus");
    }

    [Fact]
    public void ReviewsAreOverdueAfterTheIntervalWithoutOne()
    {
        var entry = ReserveEntry.Nominate(7, 3, NominationSource.Organisation, D(2026, 1, 5), null);
        entry.Vet(true, D(2026, 1, 10), "合格");

        entry.IsReviewOverdue(D(2026, 2, 10), 31).Should().BeFalse();
        entry.IsReviewOverdue(D(2026, 2, 11), 31).Should().BeTrue();
        entry.AddReview(ReviewPeriod.Monthly, D(2026, 2, 9), AssessmentRating.Qualified, "按时完成", "李主任");
        entry.IsReviewOverdue(D(2026, 3, 12), 31).Should().BeFalse(); // 31 days after 02-09
        entry.IsReviewOverdue(D(2026, 3, 13), 31).Should().BeTrue();
    }

    [Fact]
    public void ExitNeedsAReasonAndADateAfterEntry()
    {
        var entry = ReserveEntry.Nominate(7, 3, NominationSource.Organisation, D(2026, 1, 5), null);
        entry.Vet(true, D(2026, 1, 10), "合格");

        var noReason = () => entry.Exit(D(2026, 3, 1), " ");
        noReason.Should().Throw<DomainException>().Which.Code.Should().Be("Text.Required");
        var early = () => entry.Exit(D(2026, 1, 9), "调离");
        early.Should().Throw<DomainException>().Which.Code.Should().Be("Reserve.DateBeforeNomination");
        entry.Exit(D(2026, 3, 1), "调离本街道");
        entry.Status.Should().Be(ReserveStatus.Exited);
    }
}

public class TrainingTests
{
    private static LocalDate D(int y, int m, int d) => new(y, m, d);

    /// <summary>A camp with two modules: a required political course (3 sessions, pass 60) and an elective (2 sessions); 80% attendance.</summary>
    private static (TrainingCamp Camp, Course Required, Course Elective) Camp()
    {
        var camp = new TrainingCamp("2026年学习成长营", 1, D(2026, 3, 1), D(2026, 6, 30), 80, true);
        var small = camp.AddModule(ModuleKind.SmallClass, "小班施教");
        var weekend = camp.AddModule(ModuleKind.WeekendClass, "周末课堂");
        var required = small.AddCourse("习近平新时代中国特色社会主义思想", CourseTrack.Political, true, 60);
        var elective = weekend.AddCourse("矛盾纠纷调解实务", CourseTrack.Professional, false, null);
        for (var i = 0; i < 3; i++)
        {
            camp.AddSession(required, D(2026, 3, 7 + 7 * i), new LocalTime(9, 0), new LocalTime(11, 30), "区委党校 201", "王老师");
        }
        for (var i = 0; i < 2; i++)
        {
            camp.AddSession(elective, D(2026, 4, 4 + 7 * i), new LocalTime(14, 0), new LocalTime(16, 0), "平江街道会议室", "张律师");
        }
        // Ids as the database would give them.
        var id = 1L;
        foreach (var s in camp.Sessions)
        {
            typeof(CourseSession).GetProperty("Id")!.SetValue(s, id++);
        }
        typeof(Course).GetProperty("Id")!.SetValue(required, 100L);
        typeof(Course).GetProperty("Id")!.SetValue(elective, 101L);
        return (camp, required, elective);
    }

    private static CourseResult Result(long courseId, decimal? score)
    {
        var r = new CourseResult(courseId, 9);
        r.Record(true, score);
        return r;
    }

    [Fact]
    public void ProgressCountsAttendedAndPlannedSessionsPerCourseModuleAndCamp()
    {
        var (camp, _, _) = Camp();

        var p = CampProgress.Compute(camp, new HashSet<long> { 1, 2, 4 }, new Dictionary<long, CourseResult>(), D(2026, 4, 1));

        p.Modules[0].Courses[0].Attended.Should().Be(2);
        p.Modules[0].Courses[0].Total.Should().Be(3);
        p.Modules[0].Percent.Should().Be(66, "2 of 3 sessions, rounded down");
        p.Modules[1].Attended.Should().Be(1);
        p.Attended.Should().Be(3);
        p.Total.Should().Be(5);
        p.Percent.Should().Be(60);
        p.Required.Should().Be(1);
        p.Passed.Should().Be(0);
        p.Upcoming.Select(u => u.Date).Should().Equal(D(2026, 4, 4), D(2026, 4, 11));
    }

    [Fact]
    public void CompletionNeedsTheAttendanceShareAndEveryRequiredCoursePassed()
    {
        var (camp, required, _) = Camp();
        var allButOne = new HashSet<long> { 1, 2, 3, 4 };   // 4 of 5 = 80%

        var failing = CampProgress.Compute(camp, allButOne, new Dictionary<long, CourseResult> { [100] = Result(100, 59.5m) }, D(2026, 7, 1));
        failing.Complete.Should().BeFalse();
        failing.Missing.Select(Texts.Zh).Should().ContainSingle().Which.Should().Contain(required.Title).And.Contain("未达合格分");

        var lowAttendance = CampProgress.Compute(camp, new HashSet<long> { 1, 2, 3 }, new Dictionary<long, CourseResult> { [100] = Result(100, 60m) }, D(2026, 7, 1));
        lowAttendance.Missing.Select(Texts.Zh).Should().ContainSingle().Which.Should().Be("出勤 3/5 次，达到 80% 还需出勤 1 次");

        var complete = CampProgress.Compute(camp, allButOne, new Dictionary<long, CourseResult> { [100] = Result(100, 60m) }, D(2026, 7, 1));
        complete.Complete.Should().BeTrue();
        var enrolment = new Enrolment(1, 9, D(2026, 3, 1));
        enrolment.Complete(complete, D(2026, 7, 1), "JY2026-001");
        enrolment.CompletionNumber.Should().Be("JY2026-001");

        var other = new Enrolment(1, 10, D(2026, 3, 1));
        var act = () => other.Complete(failing, D(2026, 7, 1), "JY2026-002");
        act.Should().Throw<DomainException>().Which.Code.Should().Be("Training.NotComplete");
    }

    [Fact]
    public void SessionsMustLieInTheCampAndScoresInRange()
    {
        var (camp, required, _) = Camp();

        var outside = () => camp.AddSession(required, D(2026, 7, 1), new LocalTime(9, 0), new LocalTime(10, 0), "x", "y");
        outside.Should().Throw<DomainException>().Which.Code.Should().Be("Training.SessionOutsideCamp");
        var score = () => new CourseResult(100, 9).Record(true, 101);
        score.Should().Throw<DomainException>().Which.Code.Should().Be("Training.InvalidScore");
        var noPassScore = () => camp.Modules[0].AddCourse("必修无及格线", CourseTrack.Professional, true, null);
        noPassScore.Should().Throw<DomainException>().Which.Code.Should().Be("Training.InvalidPassScore");
    }
}

public class MentorshipTests
{
    private static LocalDate D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void MissingCheckInsAreTheEndedWindowsWithoutOne()
    {
        var m = new Mentorship.Mentorship(MentorshipKind.SecretaryToSecretary, 1, [2, 3], 10, D(2026, 1, 15), D(2026, 12, 31), "熟悉社区治理全流程");
        m.RecordCheckIn(CheckInKind.MonthlyTalk, D(2026, 1, 20), "首次谈心");
        m.RecordCheckIn(CheckInKind.MonthlyTalk, D(2026, 3, 1), "谈心");

        var missing = m.MissingCheckIns(D(2026, 5, 1));

        // Monthly windows 01-15..02-14 (held), 02-15..03-14 (held 03-01), 03-15..04-14 (missing); 04-15..05-14 not ended.
        missing.Should().Equal(
            new DueCheckIn(CheckInKind.MonthlyTalk, D(2026, 3, 15), D(2026, 4, 14)),
            new DueCheckIn(CheckInKind.QuarterlyReview, D(2026, 1, 15), D(2026, 4, 14)));
        m.RecordCheckIn(CheckInKind.QuarterlyReview, D(2026, 4, 14), "季度点评");
        m.MissingCheckIns(D(2026, 5, 1)).Should().ContainSingle();
    }

    [Fact]
    public void PairingRulesAreEnforced()
    {
        var self = () => new Mentorship.Mentorship(MentorshipKind.Other, 1, [1], 10, D(2026, 1, 1), D(2026, 6, 30), "目标");
        self.Should().Throw<DomainException>().Which.Code.Should().Be("Mentorship.MentorIsMentee");
        var m = new Mentorship.Mentorship(MentorshipKind.WorkerToWorker, 1, [2], 10, D(2026, 1, 1), D(2026, 6, 30), "目标");
        var outside = () => m.RecordCheckIn(CheckInKind.MonthlyTalk, D(2026, 7, 1), "x");
        outside.Should().Throw<DomainException>().Which.Code.Should().Be("Mentorship.OutsidePeriod");
        var early = () => m.Evaluate(D(2026, 3, 1), AssessmentRating.Excellent, AssessmentRating.Qualified, "x");
        early.Should().Throw<DomainException>().Which.Code.Should().Be("Mentorship.EvaluationTooEarly");
        m.Evaluate(D(2026, 6, 30), AssessmentRating.Excellent, AssessmentRating.Qualified, "完成带教目标");
        m.MentorRating.Should().Be(AssessmentRating.Excellent);
    }

    [Fact]
    public void ShadowingReportComesAfterTheStart()
    {
        var s = new ShadowingPlacement(5, 10, "东莞市南城街道", "东莞", D(2026, 5, 1), D(2026, 5, 31));
        var early = () => s.FileReport("报告", D(2026, 4, 30));
        early.Should().Throw<DomainException>().Which.Code.Should().Be("Shadowing.ReportBeforeStart");
        s.FileReport("学习了网格化治理经验", D(2026, 6, 5));
        s.ReportedOn.Should().Be(D(2026, 6, 5));
    }
}
