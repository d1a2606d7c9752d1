using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Workforce.Domain.Assessment;
using Workforce.Domain.Workers;

namespace Workforce.Web.Tests;

/// <summary>
/// The annual assessment round (issue 16) through the pages, as each user does it: the street's HR officer opens the round,
/// the worker submits a self-report with an attachment from their own page, the officer issues ballot codes, voters answer
/// the ballot without signing in (a used code is refused, twenty simultaneous submissions of one code store one ballot, no
/// row links a ballot to its code), the officer scores, the notice runs with an objection, and the final ratings become the
/// year's assessments.
/// </summary>
[Collection(AppCollection.Name)]
public class AssessmentTests(WorkforceApp app)
{
    private static readonly HtmlParser Parser = new();

    private static async Task<long> RoundIdAsync(HttpResponseMessage opened)
    {
        opened.StatusCode.Should().Be(HttpStatusCode.Redirect, await opened.Content.ReadAsStringAsync());
        return long.Parse(opened.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    // Issues codes through the round page's form and reads them off the printed sheet.
    internal static async Task<List<string>> IssueCodesAsync(HttpClient officer, long round, int count, string? unitText = null)
    {
        var page = $"/Assessments/Details/{round}";
        var doc = Parser.ParseDocument(await officer.GetStringAsync(page));
        var unit = unitText is null ? doc.QuerySelector("#c-unit option")! : doc.QuerySelectorAll("#c-unit option").First(o => o.TextContent.Contains(unitText, StringComparison.Ordinal));
        var sheet = await WorkforceApp.PostFormAsync(officer, page, doc.QuerySelector("#codes-form")!, null, ("UnitId", unit.GetAttribute("value")!), ("Count", count.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("format", "sheet"));
        sheet.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = Parser.ParseDocument(await sheet.Content.ReadAsStringAsync());
        html.QuerySelectorAll(".ballot-card svg").Should().HaveCount(count, "every code has its QR code");
        return [.. html.QuerySelectorAll(".ballot-code").Select(c => c.TextContent.Trim())];
    }

    // Answers a ballot as the phone page does: the page's own form, a rating for every person.
    internal static async Task<HttpResponseMessage> VoteAsync(HttpClient voter, string code, AssessmentRating rating)
    {
        var page = $"/b/{code}";
        var doc = Parser.ParseDocument(await voter.GetStringAsync(page));
        var form = doc.QuerySelector("#ballot-form") ?? throw new InvalidOperationException(doc.QuerySelector("#ballot-error")?.TextContent ?? "no ballot");
        var marks = form.QuerySelectorAll("fieldset[data-person]").Select(f => ("rating_" + f.GetAttribute("data-person"), rating.ToString())).ToArray();
        return await WorkforceApp.PostFormAsync(voter, page, form, null, marks);
    }

    [Fact]
    public async Task AStreetRunsItsRoundFromSelfReportsThroughAnAnonymousVoteToFinalRatingsWrittenAsTheYearsAssessments()
    {
        using var hr = await app.SignInAsync("hr.street");
        var round = await RoundIdAsync(await WorkforceApp.SubmitAsync(hr, "/Assessments", "#open-form", ("Year", "2026")));
        var assessed = await app.WithDbAsync(db => db.AssessmentEntries.CountAsync(e => e.RoundId == round));
        var streetWorkers = await app.WithDbAsync(db => db.Workers.CountAsync(w => db.OrgUnits.Any(u => u.Id == w.OrgUnitId && u.Path.StartsWith(
            db.OrgUnits.Where(s => s.Name == "平江街道").Select(s => s.Path).Single())) && (w.LeaveDate == null || w.LeaveDate >= new NodaTime.LocalDate(2026, 12, 1))));
        assessed.Should().Be(streetWorkers, "everyone on the street's register is assessed");

        // The worker's own page: the self-report with a PDF attachment; an executable disguised as a PDF is refused.
        using var trainee = await app.SignInAsync("trainee");
        var refused = await WorkforceApp.SubmitAsync(trainee, "/Me/Assessment", ".report-form", ("attachment", "report.pdf", "MZ\x90\0fake"u8.ToArray()), ("text", "述职"));
        refused.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await trainee.GetStringAsync("/Me/Assessment")).Should().Contain("附件须为 PDF");
        var submitted = await WorkforceApp.SubmitAsync(trainee, "/Me/Assessment", ".report-form", ("attachment", "述职报告.pdf", "%PDF-1.4 述职"u8.ToArray()), ("text", "一年来，我坚持“四议两公开”……"));
        submitted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await trainee.GetStringAsync("/Me/Assessment")).Should().Contain("述职报告.pdf");
        var details = await hr.GetStringAsync($"/Assessments/Details/{round}");
        var attachment = Parser.ParseDocument(details).QuerySelector("#entries a[href*='/Assessments/Attachment/']")!.GetAttribute("href")!;
        (await hr.GetByteArrayAsync(attachment)).Should().Equal("%PDF-1.4 述职"u8.ToArray());
        using (var other = await app.SignInAsync("hr"))
        {
            (await other.GetAsync(attachment)).StatusCode.Should().Be(HttpStatusCode.OK, "the district's officer covers the street");
        }

        // 民主测评: codes for the trainee's community; one voter each, a used code refused, the ballot holds no code.
        (await WorkforceApp.SubmitAsync(hr, $"/Assessments/Details/{round}", "#advance-form")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var traineeUnit = await app.WithDbAsync(db => db.Workers.Where(w => w.Id == db.Users.Where(u => u.UserName == "trainee").Select(u => u.WorkerId).Single()).Select(w => db.OrgUnits.Single(u => u.Id == w.OrgUnitId).Name).SingleAsync());
        var codes = await IssueCodesAsync(hr, round, 4, traineeUnit);
        codes.Should().OnlyHaveUniqueItems().And.OnlyContain(c => c.Length == 11);
        using var voter = app.Client();
        (await VoteAsync(voter, codes[0], AssessmentRating.Excellent)).StatusCode.Should().Be(HttpStatusCode.OK);
        var again = await voter.GetStringAsync($"/b/{codes[0]}");
        again.Should().Contain("该测评码已使用");
        (await voter.GetStringAsync("/b/ABCDE-FGHJK")).Should().Contain("测评码无效");
        (await VoteAsync(voter, codes[1], AssessmentRating.Qualified)).StatusCode.Should().Be(HttpStatusCode.OK);
        var count = JsonDocument.Parse(await hr.GetStringAsync($"/Assessments/Count/{round}")).RootElement;
        count.GetProperty("returned").GetInt32().Should().Be(2);
        count.GetProperty("issued").GetInt32().Should().Be(4);

        // Twenty simultaneous submissions of one code: one ballot.
        var contested = codes[2];
        var page = Parser.ParseDocument(await voter.GetStringAsync($"/b/{contested}"));
        var form = page.QuerySelector("#ballot-form")!;
        var marks = form.QuerySelectorAll("fieldset[data-person]").Select(f => ("rating_" + f.GetAttribute("data-person"), "Qualified")).ToArray();
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var c = app.Client();
            var response = await WorkforceApp.PostFormAsync(c, $"/b/{contested}", Parser.ParseDocument(await c.GetStringAsync($"/b/{contested}")).QuerySelector("#ballot-form") ?? form, null, marks);
            return await response.Content.ReadAsStringAsync();
        }));
        answers.Count(a => a.Contains("id=\"ballot-thanks\"", StringComparison.Ordinal)).Should().Be(1, "one code, one ballot");
        await app.WithDbAsync(async db =>
        {
            (await db.Ballots.CountAsync(b => b.RoundId == round)).Should().Be(3);
            (await db.BallotCodes.CountAsync(c => c.RoundId == round && c.Used)).Should().Be(3);
            // Anonymity: the ballot tables carry no code, hash, time or sequence that could be matched to a code.
            var ballotColumns = db.Model.FindEntityType(typeof(Ballot))!.GetProperties().Select(p => p.Name)
                .Concat(db.Model.FindEntityType(typeof(BallotMark))!.GetProperties().Select(p => p.Name)).ToList();
            ballotColumns.Should().BeEquivalentTo(["Id", "RoundId", "UnitId", "Group", "BallotId", "EntryId", "Rating", "Points"]);
            db.Model.FindEntityType(typeof(Ballot))!.FindProperty("Id")!.ClrType.Should().Be<Guid>("a random key, not a sequence");
            db.Model.FindEntityType(typeof(BallotCode))!.GetProperties().Select(p => p.Name).Should().NotContain(n => n.Contains("Ballot", StringComparison.Ordinal) || n.Contains("UsedAt", StringComparison.Ordinal));
            (await db.AuditEntries.CountAsync(a => a.EntityType == nameof(Ballot) || a.EntityType == nameof(BallotCode) || a.EntityType == nameof(BallotMark))).Should().Be(0, "ballots are not audited");
            return 0;
        });

        // Review: every person scored through the table's form; the trainee scored highest of the community.
        (await WorkforceApp.SubmitAsync(hr, $"/Assessments/Details/{round}", "#advance-form")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var table = Parser.ParseDocument(await hr.GetStringAsync($"/Assessments/Details/{round}"));
        var traineeWorker = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "trainee").Select(u => u.WorkerId!.Value).SingleAsync());
        var rows = table.QuerySelectorAll("#entries tbody tr").ToList();
        var scores = rows.SelectMany((row, i) =>
        {
            var top = row.GetAttribute("data-worker") == traineeWorker.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new[] { ($"scores[{i}].ReportScore", top ? "98" : "85"), ($"scores[{i}].OrganisationScore", top ? "97" : "80"), ($"scores[{i}].AbsenceDays", "0") };
        }).ToArray();
        (await WorkforceApp.PostFormAsync(hr, $"/Assessments/Details/{round}", table.QuerySelector("#evaluate-form")!, null, scores)).StatusCode.Should().Be(HttpStatusCode.Redirect);

        // Notice, posted ten days ago; an objection recorded and dismissed; then final.
        (await WorkforceApp.SubmitAsync(hr, $"/Assessments/Details/{round}", "#advance-form", ("noticeStart", DateTime.UtcNow.AddDays(-10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        var notice = await hr.GetStringAsync($"/Assessments/Details/{round}");
        notice.Should().Contain("id=\"notice-banner\"");
        (await WorkforceApp.SubmitAsync(hr, $"/Assessments/Details/{round}", "#objection-form", ("Text", "群众反映该同志服务态度有待改进"))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var finalTooEarly = await WorkforceApp.SubmitAsync(hr, $"/Assessments/Details/{round}", "#advance-form");
        finalTooEarly.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await hr.GetStringAsync($"/Assessments/Details/{round}")).Should().Contain("件异议未处理");
        (await WorkforceApp.SubmitAsync(hr, $"/Assessments/Details/{round}", ".decide-form", ("Upheld", "false"), ("Resolution", "经核实，反映情况不属实"))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await WorkforceApp.SubmitAsync(hr, $"/Assessments/Details/{round}", "#advance-form")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await hr.GetStringAsync($"/Assessments/Details/{round}")).Should().Contain("id=\"final-banner\"");

        await app.WithDbAsync(async db =>
        {
            var entries = await db.AssessmentEntries.AsNoTracking().Where(e => e.RoundId == round).ToListAsync();
            var ratings = await db.AnnualAssessments.AsNoTracking().Where(a => a.Year == 2026 && entries.Select(e => e.WorkerId).Contains(a.WorkerId)).ToDictionaryAsync(a => a.WorkerId, a => a.Rating);
            ratings.Should().HaveCount(entries.Count, "every final rating is the year's assessment");
            ratings[traineeWorker].Should().Be(AssessmentRating.Excellent, "the trainee was first");
            // The demo district's scheme counts the 优秀 quota over the whole round (its communities have two or three workers).
            ratings.Values.Count(r => r == AssessmentRating.Excellent).Should().Be(1, "only the trainee reached the 优秀 line, within the quota of the street")
                .And.BeLessThanOrEqualTo(entries.Count * 20 / 100);
            (await db.AuditEntries.AnyAsync(a => a.EntityType == "AnnualAssessment" && a.EntityId == db.AnnualAssessments.Single(x => x.WorkerId == traineeWorker && x.Year == 2026).Id.ToString())).Should().BeTrue("the rating is audited");
            return 0;
        });
        (await trainee.GetStringAsync("/Me/Assessment")).Should().Contain("my-rating");
        (await voter.GetStringAsync($"/b/{codes[3]}")).Should().Contain("民主测评未开放或已结束", "unused codes stop working when the vote closes");
    }

    [Fact]
    public async Task AnOfficerOfAnotherStreetCannotSeeTheRoundAndTheBallotPagesWorkWithoutSigningIn()
    {
        using var hr = await app.SignInAsync("hr");
        var street = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Name == "金阊街道").Select(u => u.Id).SingleAsync());
        var round = await RoundIdAsync(await WorkforceApp.SubmitAsync(hr, "/Assessments", "#open-form", ("OrgUnitId", street.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Year", "2025")));
        using var streetOfficer = await app.SignInAsync("hr.street");
        (await streetOfficer.GetAsync($"/Assessments/Details/{round}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await streetOfficer.GetAsync($"/Assessments/Count/{round}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var anonymous = app.Client();
        (await anonymous.GetAsync("/b")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await anonymous.GetAsync($"/Assessments/Details/{round}")).StatusCode.Should().Be(HttpStatusCode.Redirect, "officer pages still need a sign-in");
        var doc = Parser.ParseDocument(await anonymous.GetStringAsync("/b"));
        doc.QuerySelector("#code-form")!.GetAttribute("method").Should().Be("get", "typing a code changes nothing");
    }
}
