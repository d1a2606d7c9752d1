using NodaTime;
using Workforce.Domain.Assessment;
using Workforce.Domain.Common;

namespace Workforce.Domain.Tests.Assessment;

public class AssessmentRoundTests
{
    private static readonly LocalDate Opened = new(2026, 12, 1);
    private static readonly HashSet<long> NoDiscipline = [];

    // Ten people in community 100 (workers 1–10) and five in community 200 (workers 11–15).
    private static AssessmentRound Round(AssessmentScheme? scheme = null) =>
        new("2026年度考核", 1, 2026, scheme ?? new AssessmentScheme(),
            [.. Enumerable.Range(1, 10).Select(i => ((long)i, 100L)), .. Enumerable.Range(11, 5).Select(i => ((long)i, 200L))], Opened);

    private static AssessmentEntry W(AssessmentRound round, long worker) => round.EntryOf(worker)!;

    // Moves to review with every person scored (report, organisation) and no ballots; the vote part counts 0 then, so a test
    // that needs a vote score gives the people ballots through CloseVoting's tallies instead.
    private static void Review(AssessmentRound round, Func<long, (decimal Report, decimal Org)> scores, IEnumerable<VoteTally>? tallies = null)
    {
        round.OpenVoting();
        foreach (var e in round.Entries)
        {
            var (report, org) = scores(e.WorkerId);
            round.Evaluate(e, report, org, 0);
        }
        round.CloseVoting(tallies ?? []);
    }

    private static AssessmentScheme NoVote => new() { ReportWeight = 0.5m, VoteWeight = 0m, OrganisationWeight = 0.5m };

    [Fact]
    public void TheCompositeIsTheWeightedSumOfThePartsRoundedHalfAwayFromZeroToTwoDecimals()
    {
        var round = Round();
        // Entry ids are 0 before saving: tallies address the people through the entries' ids, so give each entry a distinct
        // tally set by voting directly on the one person under test.
        round.OpenVoting();
        foreach (var e in round.Entries)
        {
            round.Evaluate(e, 88.5m, 91m, 0);
        }
        round.CloseVoting([new VoteTally(0, VoterGroup.ResidentRepresentative, 3, 270m), new VoteTally(0, VoterGroup.Colleague, 2, 161m)]);
        // Vote: residents 90 (weight 0.4), colleagues 80.5 (0.2); the groups that voted are rescaled: (0.4×90 + 0.2×80.5) ÷ 0.6 = 86.8333 → 86.83.
        var e1 = W(round, 1);
        e1.VoteScore.Should().Be(86.83m);
        e1.Ballots.Should().Be(5);
        // 88.5×0.3 + 86.83×0.4 + 91×0.3 = 26.55 + 34.732 + 27.3 = 88.582 → 88.58
        round.Composite(e1).Should().Be(88.58m);
        var half = new AssessmentRound("x", 1, 2026, NoVote, [(1L, 100L)], Opened);
        Evaluated(half, 80.01m, 80.00m).Should().Be(80.01m, "80.005 rounds half away from zero to 80.01");
    }

    private static decimal Evaluated(AssessmentRound r, decimal report, decimal org)
    {
        r.OpenVoting();
        r.Evaluate(r.Entries[0], report, org, 0);
        r.CloseVoting([]);
        return r.Composite(r.Entries[0]);
    }

    [Fact]
    public void TheQuotaIsTwentyPercentRoundedDownPerUnitAndGoesToTheHighestComposites()
    {
        var round = Round(NoVote);
        // Community 100: worker i scores 100 − i (99 … 90) → all ten above the 优秀 line 90; quota 10 × 20 % = 2.
        // Community 200: five people, quota 5 × 20 % = 1.
        Review(round, w => (100 - w, 100 - w));
        round.StartNotice(NoDiscipline, Opened, Opened);
        Enumerable.Range(1, 10).Count(w => W(round, w).Rating == AssessmentRating.Excellent).Should().Be(2);
        W(round, 1).Rating.Should().Be(AssessmentRating.Excellent);
        W(round, 2).Rating.Should().Be(AssessmentRating.Excellent);
        W(round, 3).Rating.Should().Be(AssessmentRating.Qualified);
        W(round, 3).Note.Should().Be(ProposalNote.OverQuota);
        W(round, 3).Rank.Should().Be(3);
        W(round, 11).Rating.Should().Be(AssessmentRating.Qualified, "89 is below the 优秀 line of 90");
        W(round, 11).Note.Should().Be(ProposalNote.None);
        round.NoticeEnd.Should().Be(Opened.PlusDays(4), "five days of notice, the first included");
        var whole = Round(NoVote with { QuotaScope = QuotaScope.Round });
        Review(whole, w => (100 - w, 100 - w));
        whole.StartNotice(NoDiscipline, Opened, Opened);
        whole.Entries.Count(e => e.Rating == AssessmentRating.Excellent).Should().Be(3, "15 people over the whole round: 15 × 20 % = 3 places");
        W(whole, 11).Rank.Should().Be(11, "ranked over the round, not in community 200");
        var future = Round(NoVote);
        Review(future, w => (80, 80));
        var tomorrow = () => future.StartNotice(NoDiscipline, Opened.PlusDays(1), Opened);
        tomorrow.Should().Throw<DomainException>().Which.Code.Should().Be("Assessment.NoticeInFuture");
    }

    [Fact]
    public void PeopleTiedOnEveryKeyForTheLastPlaceOfTheQuotaAreNoneOfThemProposedExcellent()
    {
        var round = Round(NoVote);
        // Community 100, quota 2: worker 1 is first (98); workers 2 and 3 tie at 95 on every key for the last place.
        Review(round, w => w switch { 1 => (98, 98), 2 or 3 => (95, 95), _ => (80, 80) });
        round.StartNotice(NoDiscipline, Opened, Opened);
        W(round, 1).Rating.Should().Be(AssessmentRating.Excellent);
        W(round, 2).Rating.Should().Be(AssessmentRating.Qualified);
        W(round, 3).Rating.Should().Be(AssessmentRating.Qualified);
        W(round, 2).Note.Should().Be(ProposalNote.TiedAtQuota);
        W(round, 2).Rank.Should().Be(2);
        W(round, 3).Rank.Should().Be(2, "tied on every key: the same rank");
        W(round, 4).Rank.Should().Be(4, "the next rank skips the tied places");
    }

    [Fact]
    public void ATieOnTheCompositeIsSettledByTheVoteScoreThenTheOrganisationScore()
    {
        var scheme = new AssessmentScheme { ReportWeight = 0.5m, VoteWeight = 0m, OrganisationWeight = 0.5m };
        var round = Round(scheme);
        // Workers 2 and 3 have the same composite 95 (report 96 / org 94 against 94 / 96); the organisation score puts 3 first.
        Review(round, w => w switch { 1 => (98, 98), 2 => (96, 94), 3 => (94, 96), _ => (80, 80) });
        round.StartNotice(NoDiscipline, Opened, Opened);
        round.Composite(W(round, 2)).Should().Be(round.Composite(W(round, 3)));
        W(round, 3).Rating.Should().Be(AssessmentRating.Excellent);
        W(round, 3).Rank.Should().Be(2);
        W(round, 2).Rating.Should().Be(AssessmentRating.Qualified);
        W(round, 2).Note.Should().Be(ProposalNote.OverQuota);
        W(round, 2).Rank.Should().Be(3);
    }

    [Fact]
    public void ADisciplinaryRecordCapsTheRatingAndTheQuotaPlaceGoesToTheNext()
    {
        var round = Round(NoVote);
        Review(round, w => (100 - w, 100 - w));
        round.StartNotice(new HashSet<long> { 1 }, Opened, Opened);
        W(round, 1).Rating.Should().Be(AssessmentRating.BasicallyQualified, "the scheme caps a disciplined worker at 基本合格");
        W(round, 1).Note.Should().Be(ProposalNote.CappedByDiscipline);
        W(round, 1).Rank.Should().Be(1, "the cap lowers the rating, not the rank");
        W(round, 2).Rating.Should().Be(AssessmentRating.Excellent);
        W(round, 3).Rating.Should().Be(AssessmentRating.Excellent, "the capped worker does not use a quota place");
        var noCap = Round(NoVote with { DisciplineCap = null });
        Review(noCap, w => (100 - w, 100 - w));
        noCap.StartNotice(new HashSet<long> { 1 }, Opened, Opened);
        W(noCap, 1).Rating.Should().Be(AssessmentRating.Excellent, "a scheme without the cap does not lower the rating");
    }

    [Fact]
    public void AbsenceAboveTheLimitCapsTheRating()
    {
        var round = Round(NoVote);
        round.OpenVoting();
        foreach (var e in round.Entries)
        {
            round.Evaluate(e, 95, 95, e.WorkerId == 1 ? 31 : e.WorkerId == 2 ? 30 : 0);
        }
        round.CloseVoting([]);
        round.StartNotice(NoDiscipline, Opened, Opened);
        W(round, 1).Rating.Should().Be(AssessmentRating.BasicallyQualified);
        W(round, 1).Note.Should().Be(ProposalNote.CappedByAbsence);
        W(round, 2).Note.Should().NotBe(ProposalNote.CappedByAbsence, "30 days is at the limit, not above it");
    }

    [Fact]
    public void TheNoticeWaitsForEveryScoreAndTheLinesGiveTheLowerRatings()
    {
        var round = Round(NoVote);
        round.OpenVoting();
        round.Evaluate(W(round, 1), 50, 50, 0);
        round.CloseVoting([]);
        var early = () => round.StartNotice(NoDiscipline, Opened, Opened);
        early.Should().Throw<DomainException>().Which.Code.Should().Be("Assessment.ScoresMissing");
        foreach (var e in round.Entries.Skip(1))
        {
            round.Evaluate(e, e.WorkerId == 2 ? 65 : 75, 75, 0);
        }
        round.StartNotice(NoDiscipline, Opened, Opened);
        W(round, 1).Rating.Should().Be(AssessmentRating.Unqualified);
        W(round, 2).Rating.Should().Be(AssessmentRating.Qualified, "70 is the 合格 line");
        var late = () => round.Evaluate(W(round, 3), 10, 10, 0);
        late.Should().Throw<DomainException>().Which.Code.Should().Be("Assessment.WrongStage", "scores are fixed once the notice starts");
    }

    [Fact]
    public void AnUpheldObjectionChangesARatingWithinTheQuotaAndTheCapAndFinalisingWaitsForTheNoticeAndTheDecisions()
    {
        var round = Round(NoVote);
        Review(round, w => w switch { 1 => (98, 98), 2 or 3 => (95, 95), _ => (80, 80) });
        round.StartNotice(new HashSet<long> { 5 }, Opened, Opened);
        var tie = round.RaiseObjection(W(round, 2), "与3号并列，请求按工作实绩确定", Opened);
        var capped = round.RaiseObjection(W(round, 5), "要求评为合格", Opened);
        var decideAboveCap = () => round.DecideObjection(capped, true, AssessmentRating.Qualified, "维持", new HashSet<long> { 5 }, Opened);
        decideAboveCap.Should().Throw<DomainException>().Which.Code.Should().Be("Assessment.AboveCap");
        round.DecideObjection(tie, true, AssessmentRating.Excellent, "街道党工委研究确定", new HashSet<long> { 5 }, Opened);
        W(round, 2).Rating.Should().Be(AssessmentRating.Excellent);
        W(round, 2).ProposedRating.Should().Be(AssessmentRating.Qualified, "the proposal stays on record");
        var third = round.RaiseObjection(W(round, 3), "同样要求优秀", Opened);
        var overQuota = () => round.DecideObjection(third, true, AssessmentRating.Excellent, "x", new HashSet<long> { 5 }, Opened);
        overQuota.Should().Throw<DomainException>().Which.Code.Should().Be("Assessment.QuotaFull");
        round.DecideObjection(third, false, null, "名额已满，驳回", new HashSet<long> { 5 }, Opened);

        var open = () => round.Finalise(Opened.PlusDays(10));
        open.Should().Throw<DomainException>().Which.Code.Should().Be("Assessment.ObjectionsOpen");
        round.DecideObjection(capped, false, null, "受处分影响期内，维持基本合格", new HashSet<long> { 5 }, Opened);
        var during = () => round.Finalise(Opened.PlusDays(4));
        during.Should().Throw<DomainException>().Which.Code.Should().Be("Assessment.NoticeNotOver");
        var ratings = round.Finalise(Opened.PlusDays(5));
        ratings.Should().HaveCount(15);
        ratings.Should().Contain((2L, AssessmentRating.Excellent));
        ratings.Should().Contain((5L, AssessmentRating.BasicallyQualified));
        round.Stage.Should().Be(AssessmentStage.Final);
        var after = () => round.RaiseObjection(W(round, 4), "x", Opened.PlusDays(6));
        after.Should().Throw<DomainException>().Which.Code.Should().Be("Assessment.WrongStage");
    }

    [Fact]
    public void ABallotMarksEveryPersonOfItsCommunityOnceInTheSchemesModeWhileVotingIsOpen()
    {
        var round = Round();
        var marks = Enumerable.Range(11, 5).ToDictionary(w => (long)w, w => ((AssessmentRating?)AssessmentRating.Excellent, (decimal?)null));
        var early = () => round.Cast(Guid.NewGuid(), 200, VoterGroup.ResidentRepresentative, marks);
        early.Should().Throw<DomainException>().Which.Code.Should().Be("Assessment.VotingClosed");
        round.OpenVoting();
        var ballot = round.Cast(Guid.NewGuid(), 200, VoterGroup.ResidentRepresentative, marks);
        ballot.Marks.Should().HaveCount(5).And.OnlyContain(m => m.Points == 95m && m.Rating == AssessmentRating.Excellent);
        var missing = () => round.Cast(Guid.NewGuid(), 200, VoterGroup.ResidentRepresentative, marks.Skip(1).ToDictionary());
        missing.Should().Throw<DomainException>().Which.Code.Should().Be("Assessment.BallotIncomplete");
        var extra = () => round.Cast(Guid.NewGuid(), 200, VoterGroup.ResidentRepresentative, marks.Append(new(1, (AssessmentRating.Qualified, null))).ToDictionary());
        extra.Should().Throw<DomainException>().Which.Code.Should().Be("Assessment.BallotIncomplete", "a person of another community cannot be marked");
        var score = () => round.Cast(Guid.NewGuid(), 200, VoterGroup.ResidentRepresentative, marks.ToDictionary(m => m.Key, _ => ((AssessmentRating?)null, (decimal?)90m)));
        score.Should().Throw<DomainException>().Which.Code.Should().Be("Assessment.VoteInvalid", "this scheme asks for ratings");
        var scored = Round(new AssessmentScheme { BallotMode = BallotMode.Score, Voters = [new(VoterGroup.CommitteeMember, 1m)] });
        scored.OpenVoting();
        scored.Cast(Guid.NewGuid(), 200, VoterGroup.CommitteeMember, marks.ToDictionary(m => m.Key, _ => ((AssessmentRating?)null, (decimal?)88.5m)))
            .Marks.Should().OnlyContain(m => m.Points == 88.5m && m.Rating == null);
        var group = () => scored.Cast(Guid.NewGuid(), 200, VoterGroup.Colleague, marks);
        group.Should().Throw<DomainException>().Which.Code.Should().Be("Assessment.GroupNotVoting");
    }

    [Fact]
    public void ASchemeWhoseWeightsDoNotAddUpToOneOrWhoseLinesAreOutOfOrderIsRefused()
    {
        var weights = () => new AssessmentScheme { ReportWeight = 0.3m, VoteWeight = 0.3m, OrganisationWeight = 0.3m }.Validated();
        weights.Should().Throw<DomainException>().Which.Field.Should().Be("ReportWeight");
        var lines = () => new AssessmentScheme { ExcellentLine = 70m, QualifiedLine = 80m }.Validated();
        lines.Should().Throw<DomainException>().Which.Field.Should().Be("ExcellentLine");
        var voters = () => new AssessmentScheme { Voters = [new(VoterGroup.Colleague, 1m), new(VoterGroup.Colleague, 1m)] }.Validated();
        voters.Should().Throw<DomainException>().Which.Field.Should().Be("Voters");
        new AssessmentScheme().QuotaFor(14).Should().Be(2, "14 × 20 % = 2.8, rounded down");
        new AssessmentScheme().QuotaFor(4).Should().Be(0);
        var nobody = () => new AssessmentRound("x", 1, 2026, new AssessmentScheme(), [], Opened);
        nobody.Should().Throw<DomainException>().Which.Code.Should().Be("Assessment.NobodyAssessed");
    }

    [Fact]
    public void ASelfReportIsTakenOnlyWhileSelfReportsAreOpen()
    {
        var round = Round();
        round.SubmitReport(W(round, 1), "一年来，我……", "述职报告.pdf", Opened);
        W(round, 1).ReportSubmittedOn.Should().Be(Opened);
        round.SubmitReport(W(round, 1), "修改后的述职", null, Opened.PlusDays(1));
        W(round, 1).ReportAttachment.Should().Be("述职报告.pdf", "replacing the text keeps the attachment already given");
        round.OpenVoting();
        var late = () => round.SubmitReport(W(round, 2), "迟交", null, Opened.PlusDays(2));
        late.Should().Throw<DomainException>().Which.Code.Should().Be("Assessment.WrongStage");
    }
}
