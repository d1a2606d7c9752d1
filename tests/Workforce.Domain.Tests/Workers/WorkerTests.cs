using NodaTime;
using Workforce.Domain.Common;
using Workforce.Domain.Certification;
using Workforce.Domain.Workers;

namespace Workforce.Domain.Tests.Workers;

public class WorkerTests
{
    private readonly (Workforce.Domain.Organisation.OrgUnit District, Workforce.Domain.Organisation.OrgUnit Street, Workforce.Domain.Organisation.OrgUnit Community, Workforce.Domain.Organisation.OrgUnit Grid) _tree = TestData.Tree();

    [Fact]
    public void RegistersWithBirthDateAndSexFromTheIdCard()
    {
        var w = TestData.Worker(_tree.Community);
        w.BirthDate.Should().Be(new LocalDate(1990, 5, 17));
        w.OrgUnitId.Should().Be(_tree.Community.Id);
    }

    [Fact]
    public void RefusesAGradeOutsideThePostsBand()
    {
        var w = TestData.Worker(_tree.Community);
        var act = () => w.AssignPost(Post.Head, new Grade(5), _tree.Community, new LocalDate(2020, 3, 1), TestData.Band(Post.Head));
        var ex = act.Should().Throw<DomainException>().Which;
        ex.Code.Should().Be("Worker.GradeOutsideBand");
        ex.Arguments.Should().Equal(5, Post.Head, 7, 18);
        w.PostAssignments.Should().BeEmpty();
    }

    [Fact]
    public void TheBandInForceOnTheStartDateDecidesAmongEveryVersionPassed()
    {
        GradeBand[] bands =
        [
            new(Post.Staff, new LocalDate(2000, 1, 1), 1, 12),
            new(Post.Staff, new LocalDate(2024, 1, 1), 2, 14),
            new(Post.Head, new LocalDate(2000, 1, 1), 7, 18),
        ];
        var w = TestData.Worker(_tree.Community);

        var before = () => TestData.Worker(_tree.Community).AssignPost(Post.Staff, new Grade(13), _tree.Community, new LocalDate(2023, 12, 31), bands);
        before.Should().Throw<DomainException>().Which.Arguments.Should().Equal(13, Post.Staff, 1, 12);
        w.AssignPost(Post.Staff, new Grade(13), _tree.Community, new LocalDate(2024, 1, 1), bands).Grade.Value.Should().Be(13, "the 2024 band allows 13");

        var noBand = () => TestData.Worker(_tree.Community).AssignPost(Post.Deputy, new Grade(5), _tree.Community, new LocalDate(2024, 1, 1), bands);
        var ex = noBand.Should().Throw<DomainException>().Which;
        (ex.Code, ex.Field).Should().Be(("Worker.NoGradeBand", "Post"));
        var early = () => TestData.Worker(_tree.Community).AssignPost(Post.Staff, new Grade(3), _tree.Community, new LocalDate(2020, 3, 1),
            new GradeBand(Post.Staff, new LocalDate(2021, 1, 1), 1, 12));
        early.Should().Throw<DomainException>().Which.Code.Should().Be("Worker.NoGradeBand", "no band was in force yet");
    }

    [Fact]
    public void AProposedGradeIsPlacedInsideTheBandInForce()
    {
        var bands = new[] { TestData.Band(Post.Head), TestData.Band(Post.Staff) };
        TestData.Worker(_tree.Community).PlaceInPost(Post.Head, 3, _tree.Community, new LocalDate(2024, 1, 1), bands).Grade.Value.Should().Be(7, "raised to the floor");
        TestData.Worker(_tree.Community).PlaceInPost(Post.Staff, 15, _tree.Community, new LocalDate(2024, 1, 1), bands).Grade.Value.Should().Be(12, "cut to the ceiling");
        TestData.Worker(_tree.Community).PlaceInPost(Post.Staff, 5, _tree.Community, new LocalDate(2024, 1, 1), bands).Grade.Value.Should().Be(5);
        var noBand = () => TestData.Worker(_tree.Community).PlaceInPost(Post.Deputy, 5, _tree.Community, new LocalDate(2024, 1, 1), bands);
        noBand.Should().Throw<DomainException>().Which.Code.Should().Be("Worker.NoGradeBand");
    }

    [Fact]
    public void AnAdvancementContinuesThePostInTheCommunityAtTheNewGradeWithItsReasonAndKeepsTheStoredCurrentGrade()
    {
        var w = TestData.Worker(_tree.Community);
        w.AssignPost(Post.Staff, new Grade(3), _tree.Community, new LocalDate(2020, 3, 1), TestData.Band(Post.Staff));
        (w.CurrentPost, w.CurrentGrade).Should().Be((Post.Staff, 3));
        var step = w.RecordAdvancement(4, new LocalDate(2025, 1, 1), "{\"messages\":[]}", TestData.Band(Post.Staff));
        (step.Post, step.Grade.Value, step.CommunityId, step.Reason).Should().Be((Post.Staff, 4, _tree.Community.Id, "{\"messages\":[]}"));
        w.PostAssignments[0].End.Should().Be(new LocalDate(2024, 12, 31));
        (w.CurrentPost, w.CurrentGrade).Should().Be((Post.Staff, 4), "the stored columns follow the latest assignment");
        var again = () => w.RecordAdvancement(5, new LocalDate(2025, 1, 1), "x", TestData.Band(Post.Staff));
        again.Should().Throw<DomainException>().Which.Code.Should().Be("Worker.AssignmentOverlap", "a record of that day stands");
        var outside = () => w.RecordAdvancement(13, new LocalDate(2026, 1, 1), "x", TestData.Band(Post.Staff));
        outside.Should().Throw<DomainException>().Which.Code.Should().Be("Worker.GradeOutsideBand");
    }

    [Fact]
    public void ANewAssignmentEndsTheOpenOneTheDayBefore()
    {
        var w = TestData.Worker(_tree.Community);
        w.AssignPost(Post.Staff, new Grade(3), _tree.Community, new LocalDate(2020, 3, 1), TestData.Band(Post.Staff));
        w.AssignPost(Post.Deputy, new Grade(6), _tree.Community, new LocalDate(2024, 7, 1), TestData.Band(Post.Deputy));
        w.PostAssignments.Should().HaveCount(2);
        w.PostAssignments[0].End.Should().Be(new LocalDate(2024, 6, 30));
        w.PostOn(new LocalDate(2024, 6, 30))!.Post.Should().Be(Post.Staff);
        w.PostOn(new LocalDate(2024, 7, 1))!.Post.Should().Be(Post.Deputy);
    }

    [Fact]
    public void RefusesAnAssignmentThatWouldOverlapOrPrecedeExistingOnes()
    {
        var w = TestData.Worker(_tree.Community);
        w.AssignPost(Post.Staff, new Grade(3), _tree.Community, new LocalDate(2022, 1, 1), TestData.Band(Post.Staff));
        var same = () => w.AssignPost(Post.Staff, new Grade(4), _tree.Community, new LocalDate(2022, 1, 1), TestData.Band(Post.Staff));
        var earlier = () => w.AssignPost(Post.Staff, new Grade(4), _tree.Community, new LocalDate(2021, 1, 1), TestData.Band(Post.Staff));
        same.Should().Throw<DomainException>().Which.Code.Should().Be("Worker.AssignmentOverlap");
        earlier.Should().Throw<DomainException>().Which.Code.Should().Be("Worker.AssignmentOverlap");
        w.PostAssignments.Should().ContainSingle().Which.End.Should().BeNull();
    }

    [Fact]
    public void RefusesAnAssignmentBeforeHire()
    {
        var w = TestData.Worker(_tree.Community);
        var act = () => w.AssignPost(Post.Staff, new Grade(1), _tree.Community, new LocalDate(2020, 2, 29), TestData.Band(Post.Staff));
        act.Should().Throw<DomainException>().Which.Code.Should().Be("Worker.AssignmentBeforeHire");
    }

    [Fact]
    public void WorkersBelongToCommunitiesOnly()
    {
        var act = () => TestData.Worker(_tree.Street);
        act.Should().Throw<DomainException>().Which.Code.Should().Be("Worker.NotACommunity");
    }

    [Fact]
    public void RefusesAHireBeforeTheAgeOfSixteen()
    {
        var act = () => Worker.Register("李四", TestData.IdCard(new LocalDate(2010, 1, 1)), null, Education.HighSchool, PoliticalStatus.Masses, new LocalDate(2025, 12, 31), _tree.Community);
        act.Should().Throw<DomainException>().Which.Code.Should().Be("Worker.HiredTooYoung");
    }

    [Theory]
    [InlineData("王")]
    [InlineData("王<script>")]
    [InlineData("=cmd|' /C calc'!A0")]
    public void RefusesImplausibleNames(string name)
    {
        var act = () => Worker.Register(name, TestData.IdCard(new LocalDate(1990, 1, 1)), null, Education.College, PoliticalStatus.Masses, new LocalDate(2020, 1, 1), _tree.Community);
        act.Should().Throw<DomainException>().Which.Code.Should().StartWith("Worker.Name");
    }

    [Fact]
    public void AcceptsMinorityNamesWithTheSeparatorDot()
    {
        var w = Worker.Register("阿依古丽·买买提", TestData.IdCard(new LocalDate(1995, 1, 1)), null, Education.College, PoliticalStatus.Masses, new LocalDate(2020, 1, 1), _tree.Community);
        w.Name.Should().Be("阿依古丽·买买提");
    }

    [Fact]
    public void GridAssignmentsDoNotOverlapOnTheSameGrid()
    {
        var w = TestData.Worker(_tree.Community);
        w.AssignGrid(_tree.Grid, new LocalDate(2020, 3, 1));
        var again = () => w.AssignGrid(_tree.Grid, new LocalDate(2021, 1, 1));
        again.Should().Throw<DomainException>().Which.Code.Should().Be("Worker.GridAssignmentOverlap");
        w.EndGridAssignment(_tree.Grid.Id, new LocalDate(2020, 12, 31));
        w.AssignGrid(_tree.Grid, new LocalDate(2021, 1, 1));
        w.GridAssignments.Should().HaveCount(2);
    }

    [Fact]
    public void LeavingClosesOpenAssignments()
    {
        var w = TestData.Worker(_tree.Community);
        w.AssignPost(Post.Staff, new Grade(2), _tree.Community, new LocalDate(2020, 3, 1), TestData.Band(Post.Staff));
        w.AssignGrid(_tree.Grid, new LocalDate(2020, 3, 1));
        w.Leave(new LocalDate(2025, 8, 31));
        w.PostAssignments.Single().End.Should().Be(new LocalDate(2025, 8, 31));
        w.GridAssignments.Single().End.Should().Be(new LocalDate(2025, 8, 31));
        var late = () => w.AssignPost(Post.Staff, new Grade(2), _tree.Community, new LocalDate(2025, 9, 1), TestData.Band(Post.Staff));
        late.Should().Throw<DomainException>().Which.Code.Should().Be("Worker.AssignmentAfterLeave");
    }

    [Fact]
    public void RefusesTheSameCertificateTwice()
    {
        var w = TestData.Worker(_tree.Community);
        w.AddCertificate(CertificateLevel.SocialWorker, "SW2024001", new LocalDate(2024, 6, 1));
        var act = () => w.AddCertificate(CertificateLevel.SocialWorker, " sw2024001 ", new LocalDate(2024, 6, 1));
        act.Should().Throw<DomainException>().Which.Code.Should().Be("Certificate.Duplicate");
    }

    [Fact]
    public void ProfileCorrectionCannotMoveHireAfterTheFirstAssignment()
    {
        var w = TestData.Worker(_tree.Community);
        w.AssignPost(Post.Staff, new Grade(2), _tree.Community, new LocalDate(2020, 3, 1), TestData.Band(Post.Staff));
        var act = () => w.UpdateProfile("王小明", w.IdCard, null, Education.Master, PoliticalStatus.PartyMember, new LocalDate(2020, 4, 1));
        act.Should().Throw<DomainException>().Which.Code.Should().Be("Worker.HireAfterFirstAssignment");
        w.Education.Should().Be(Education.Bachelor, "nothing changes when a rule is broken");
    }
}
