using NodaTime;
using Workforce.Domain.Common;
using Workforce.Domain.Training;
using Workforce.Domain.Workers;

namespace Workforce.Domain.Tests.Talent;

/// <summary>Training hours (学时) and the QR sign-in window of a session.</summary>
public class TrainingHoursTests
{
    private static readonly LocalDate Day = new(2026, 5, 9);

    private static CourseSession Session(LocalTime start, LocalTime end)
    {
        var camp = new TrainingCamp("2026年学习成长营", 1, new LocalDate(2026, 3, 1), new LocalDate(2026, 6, 30), 80, true);
        var course = camp.AddModule(ModuleKind.WeekendClass, "周末课堂").AddCourse("网格服务实务", CourseTrack.Professional, false, null);
        return camp.AddSession(course, Day, start, end, "区委党校 201", "王老师");
    }

    [Fact]
    public void ASessionEarnsItsMinutesFromStartToEnd()
    {
        Session(new LocalTime(9, 0), new LocalTime(11, 30)).Minutes.Should().Be(150);
        Session(new LocalTime(14, 0), new LocalTime(14, 45)).Minutes.Should().Be(45);
    }

    [Theory]
    [InlineData(8, 29, false)] // before the window (30 minutes before 9:00)
    [InlineData(8, 30, true)]  // the window opens
    [InlineData(10, 0, true)]
    [InlineData(11, 30, true)] // the end is included
    [InlineData(11, 31, false)]
    public void SignInIsOpenFromThirtyMinutesBeforeTheStartToTheEnd(int hour, int minute, bool open)
    {
        var session = Session(new LocalTime(9, 0), new LocalTime(11, 30));
        var now = Day.At(new LocalTime(hour, minute));

        session.IsSignInOpen(now, 30).Should().Be(open);
        var signIn = () => session.RequireSignInOpen(now, 30);
        if (open)
        {
            signIn.Should().NotThrow();
        }
        else
        {
            signIn.Should().Throw<DomainException>().Which.Code.Should().Be("Training.SignInClosed");
        }
    }

    [Fact]
    public void SignInOnAnotherDayIsRefusedWithTheWindowInTheMessage()
    {
        var session = Session(new LocalTime(9, 0), new LocalTime(11, 30));

        var e = session.Invoking(s => s.RequireSignInOpen(Day.PlusDays(1).At(new LocalTime(9, 0)), 30)).Should().Throw<DomainException>().Which;
        e.Arguments.Should().Equal(Day.At(new LocalTime(8, 30)), Day.At(new LocalTime(11, 30)));
        session.IsSignInOpen(Day.PlusDays(-1).At(new LocalTime(10, 0)), 30).Should().BeFalse();
    }

    [Fact]
    public void ASecondSignInKeepsTheFirstTimeAndAnOfficersMarkKeepsNoTime()
    {
        var first = Instant.FromUtc(2026, 5, 9, 1, 0);
        var a = new Attendance(1, 2, false);
        a.SignIn(first);
        a.SignIn(first.Plus(Duration.FromMinutes(5)));
        a.Present.Should().BeTrue();
        a.SignedInAt.Should().Be(first);
        new Attendance(1, 3, true).SignedInAt.Should().BeNull();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1.25)]
    [InlineData(200.5)]
    public void AnExternalTrainingNeedsHalfHoursUpToTheLimit(decimal hours)
    {
        var record = () => new ExternalTraining(1, "社会工作实务培训", "市民政局", Day, hours, null, Day);
        record.Should().Throw<DomainException>().Which.Code.Should().Be("Training.InvalidHours");
    }

    [Fact]
    public void AnExternalTrainingCountsItsHoursAsMinutesAndCannotEndInTheFuture()
    {
        new ExternalTraining(1, "社会工作实务培训", "市民政局", Day, 7.5m, "SG-2026-001", Day).Minutes.Should().Be(450);
        var future = () => new ExternalTraining(1, "社会工作实务培训", "市民政局", Day.PlusDays(1), 2m, null, Day);
        future.Should().Throw<DomainException>().Which.Code.Should().Be("Training.ExternalInFuture");
    }

    [Theory]
    [InlineData(2400, 1500, 450, 450, 81, false)] // 40 h required, 25 + 7.5 done: 7.5 h short
    [InlineData(2400, 2400, 0, 0, 100, true)]
    [InlineData(2400, 2000, 900, 0, 100, true)]   // more than required: met, 100 %
    [InlineData(0, 0, 0, 0, 100, true)]           // nothing required
    public void HoursAreCampMinutesPlusExternalMinutesAgainstThePostsRequirement(int required, int camp, int external, int shortMinutes, int percent, bool met)
    {
        var h = new TrainingHours(required, camp, external);
        h.TotalMinutes.Should().Be(camp + external);
        h.ShortMinutes.Should().Be(shortMinutes);
        h.Percent.Should().Be(percent);
        h.Met.Should().Be(met);
    }

    [Fact]
    public void MinutesAreShownAsHoursToOneDecimalAndTheRequirementIsAParameterPerPost()
    {
        TrainingHours.Hours(150).Should().Be(2.5m);
        TrainingHours.Hours(100).Should().Be(1.7m);
        TrainingHours.Hours(45).Should().Be(0.8m); // 0.75 half away from zero
        TrainingHours.RequirementCode(Post.Deputy).Should().Be("Training.AnnualHours.Deputy");
    }
}
