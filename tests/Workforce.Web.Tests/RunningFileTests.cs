using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Workforce.Domain.Assessment;

namespace Workforce.Web.Tests;

/// <summary>
/// 履职台账 (issue 16): the 奖惩 form on a worker's running file (audited, in scope only) whose disciplinary record caps the year's
/// assessment rating; the timeline on the file, in the reserve pool's growth file, in xlsx and through the API; residents'
/// feedback by the worker's QR code without signing in, one rating per phone and day.
/// </summary>
[Collection(AppCollection.Name)]
public class RunningFileTests(WorkforceApp app)
{
    private static readonly HtmlParser Parser = new();

    [Fact]
    public async Task ADisciplinaryRecordEnteredOnTheFileCapsTheRatingOfThatYearsRound()
    {
        using var api = await app.ApiAsync("hr");
        var street = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Name == "虎丘街道").Select(u => u.Id).SingleAsync());
        var opened = await api.PostAsJsonAsync("/api/v1/assessments/rounds", new { orgUnitId = street, year = 2026 });
        opened.StatusCode.Should().Be(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        var round = await opened.Content.ReadFromJsonAsync<JsonElement>();
        var roundId = round.GetProperty("id").GetInt64();
        var entries = round.GetProperty("entries").EnumerateArray().ToList();
        var disciplined = entries[0].GetProperty("workerId").GetInt64();

        // The officer records a warning in force this year through the running file's form.
        using var hr = await app.SignInAsync("hr");
        var page = $"/Workers/{disciplined}/File";
        var posted = await WorkforceApp.SubmitAsync(hr, page, "#conduct-form", ("Type", "Warning"), ("DecidedOn", "2026-03-10"), ("IssuedBy", "虎丘街道党工委"),
            ("Effect", "影响期内不得晋升岗位等级"), ("EndsOn", "2027-03-09"), ("Document", "虎街党〔2026〕12号"));
        posted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var file = Parser.ParseDocument(await hr.GetStringAsync(page));
        file.QuerySelector("#conduct-list")!.TextContent.Should().Contain("警告").And.Contain("虎街党〔2026〕12号");
        file.QuerySelectorAll("#timeline li[data-kind='Conduct']").Should().ContainSingle();
        var bad = await WorkforceApp.SubmitAsync(hr, page, "#conduct-form", ("Type", "Warning"), ("DecidedOn", "2026-03-10"), ("IssuedBy", "x"), ("Effect", "y"), ("EndsOn", "2026-01-01"));
        (await hr.GetStringAsync(bad.Headers.Location!.OriginalString)).Should().Contain("影响期截止日不能早于决定日期");
        (await app.WithDbAsync(db => db.ConductRecords.CountAsync(c => c.WorkerId == disciplined))).Should().Be(1, "nothing is saved from a refused form");
        (await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "ConductRecord"))).Should().BeTrue("奖惩 are audited");
        // A correction through the record's own form (the document number was mistyped).
        var corrected = await WorkforceApp.SubmitAsync(hr, page, ".conduct-change-form", ("Document", "虎街党〔2026〕13号"));
        corrected.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.ConductRecords.SingleAsync(c => c.WorkerId == disciplined))).Document.Should().Be("虎街党〔2026〕13号");

        // The round: everyone scores high, the disciplined worker highest; the cap holds them at 基本合格.
        await AdvanceAsync(api, roundId, null);
        var unit = entries[0].GetProperty("unitId").GetInt64();
        var codes = await api.PostAsJsonAsync($"/api/v1/assessments/rounds/{roundId}/codes", new { unitId = unit, group = "ResidentRepresentative", count = 1 });
        var code = (await codes.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("code").GetString()!;
        using (var voter = app.Client())
        {
            (await AssessmentTests.VoteAsync(voter, code, AssessmentRating.Excellent)).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        await AdvanceAsync(api, roundId, null);
        var scores = entries.Select(e => new
        {
            entryId = e.GetProperty("entryId").GetInt64(),
            reportScore = e.GetProperty("workerId").GetInt64() == disciplined ? 99m : 92m,
            organisationScore = e.GetProperty("workerId").GetInt64() == disciplined ? 99m : 92m,
            absenceDays = 0,
        });
        (await api.PostAsJsonAsync($"/api/v1/assessments/rounds/{roundId}/evaluations", scores)).StatusCode.Should().Be(HttpStatusCode.OK);
        var notice = await AdvanceAsync(api, roundId, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-10)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var row = notice.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("workerId").GetInt64() == disciplined);
        row.GetProperty("disciplined").GetBoolean().Should().BeTrue();
        row.GetProperty("note").GetString().Should().Be("CappedByDiscipline");
        row.GetProperty("proposed").GetString().Should().Be("BasicallyQualified", "a warning in force caps the rating whatever the score");
        await AdvanceAsync(api, roundId, null);
        (await app.WithDbAsync(db => db.AnnualAssessments.SingleAsync(a => a.WorkerId == disciplined && a.Year == 2026))).Rating.Should().Be(AssessmentRating.BasicallyQualified);

        // The file shows the year's assessment with its parts.
        var after = Parser.ParseDocument(await hr.GetStringAsync(page));
        after.QuerySelectorAll("#timeline li[data-kind='Assessment']").Should().Contain(li => li.TextContent.Contains("2026") && li.TextContent.Contains("综合"));
    }

    [Fact]
    public async Task TheFileIsOneTimelineOnThePageInTheGrowthFileInXlsxAndThroughTheApiWithinScope()
    {
        var (worker, entry) = await app.WithDbAsync(async db =>
        {
            var e = await db.ReserveEntries.AsNoTracking().OrderBy(x => x.Id).FirstAsync();
            return (e.WorkerId, e.Id);
        });
        using var hr = await app.SignInAsync("hr");
        var file = Parser.ParseDocument(await hr.GetStringAsync($"/Workers/{worker}/File"));
        var kinds = file.QuerySelectorAll("#timeline li").Select(li => li.GetAttribute("data-kind")).Distinct().ToList();
        kinds.Should().Contain(["Recruitment", "Post", "Reserve"]);
        file.QuerySelector("#timeline")!.TextContent.Should().NotContain("{\"messages\"", "stored explanations are rendered as sentences");
        var dates = file.QuerySelectorAll("#timeline .timeline-date").Select(d => d.TextContent.Trim()[..10]).ToList();
        dates.Should().BeInDescendingOrder(StringComparer.Ordinal, "newest first");
        file.QuerySelector("#file-hours tbody tr").Should().NotBeNull("training hours by year");
        file.QuerySelector("#file-print[data-print]").Should().NotBeNull("printable as the worker's file");
        var growth = Parser.ParseDocument(await hr.GetStringAsync($"/ReservePool/Details/{entry}"));
        growth.QuerySelectorAll("#growth-timeline #timeline li").Should().HaveCount(file.QuerySelectorAll("#timeline li").Length, "the growth file shows the same timeline");
        var xlsx = await hr.GetAsync($"/Workers/{worker}/File?format=xlsx");
        xlsx.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        // An external training recorded in error is removed from the file by its own form (audited).
        var recorded = await WorkforceApp.SubmitAsync(hr, "/Training/Hours", "#external-form", ("WorkerId", worker.ToString(CultureInfo.InvariantCulture)), ("Title", "误录的培训"),
            ("Organiser", "区委党校"), ("CompletedOn", "2026-05-01"), ("Hours", "4"));
        recorded.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var training = await app.WithDbAsync(db => db.ExternalTrainings.Where(e => e.WorkerId == worker && e.Title == "误录的培训").Select(e => e.Id).SingleAsync());
        var withTraining = Parser.ParseDocument(await hr.GetStringAsync($"/Workers/{worker}/File"));
        var form = withTraining.QuerySelector($"#file-external li[data-training='{training}'] .external-delete-form")!;
        (await WorkforceApp.PostFormAsync(hr, $"/Workers/{worker}/File", form, null)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.ExternalTrainings.AnyAsync(e => e.Id == training))).Should().BeFalse();
        (await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "ExternalTraining" && a.EntityId == training.ToString(CultureInfo.InvariantCulture) && a.Action == "Deleted")))
            .Should().BeTrue("the removal is audited");

        using var api = await app.ApiAsync("hr");
        var json = await api.GetFromJsonAsync<JsonElement>($"/api/v1/workers/{worker}/file");
        json.GetProperty("events").GetArrayLength().Should().Be(file.QuerySelectorAll("#timeline li").Length);
        var outside = await app.WithDbAsync(db => db.Workers.Where(w => !db.OrgUnits.Any(u => u.Id == w.OrgUnitId && u.Path.StartsWith("/320508/320508001/"))).Select(w => w.Id).FirstAsync());
        using var street = await app.ApiAsync("hr.street");
        (await street.GetAsync($"/api/v1/workers/{outside}/file")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await street.PostAsJsonAsync($"/api/v1/workers/{outside}/conduct-records", new { type = "Praise", decidedOn = "2026-05-01", issuedBy = "x", effect = "y" }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var streetPage = await app.SignInAsync("hr.street");
        (await streetPage.GetAsync($"/Workers/{outside}/File")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var payroll = await app.SignInAsync("payroll");
        var readOnly = await payroll.GetAsync($"/Workers/{worker}/File");
        if (readOnly.StatusCode == HttpStatusCode.OK)
        {
            Parser.ParseDocument(await readOnly.Content.ReadAsStringAsync()).QuerySelector("#conduct-form").Should().BeNull("only HR officers record 奖惩");
        }
        using var payrollApi = await app.ApiAsync("payroll");
        (await payrollApi.PostAsJsonAsync($"/api/v1/workers/{worker}/conduct-records", new { type = "Praise", decidedOn = "2026-05-01", issuedBy = "x", effect = "y" }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound, "a resource the caller may not change is not found");
    }

    [Fact]
    public async Task AResidentRatesAWorkerByTheirQrCodeWithoutSigningInOncePerPhoneAndDay()
    {
        using var trainee = await app.SignInAsync("trainee");
        var mine = Parser.ParseDocument(await trainee.GetStringAsync("/Me/Feedback"));
        mine.QuerySelector("#my-feedback-qr svg").Should().NotBeNull();
        var url = new Uri(mine.QuerySelector("#my-feedback-url")!.TextContent.Trim());
        var traineeWorker = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "trainee").Select(u => u.WorkerId!.Value).SingleAsync());
        url.AbsolutePath.Should().StartWith($"/f/{traineeWorker}-");
        var before = await app.WithDbAsync(db => db.ResidentFeedback.CountAsync(f => f.WorkerId == traineeWorker));

        using var resident = app.Client();
        var form = Parser.ParseDocument(await resident.GetStringAsync(url.PathAndQuery));
        form.QuerySelector("#feedback-form").Should().NotBeNull("no sign-in needed");
        var sent = await WorkforceApp.SubmitAsync(resident, url.PathAndQuery, "#feedback-form", ("stars", "5"), ("comment", "上门办理居住证，耐心细致"));
        sent.StatusCode.Should().Be(HttpStatusCode.OK);
        (await sent.Content.ReadAsStringAsync()).Should().Contain("id=\"feedback-thanks\"");
        var again = await WorkforceApp.SubmitAsync(resident, url.PathAndQuery, "#feedback-form", ("stars", "1"), ("comment", "再来一次"));
        (await again.Content.ReadAsStringAsync()).Should().Contain("今天已经评价过");
        var forged = $"/f/{traineeWorker}-0000000000";
        (await resident.GetStringAsync(forged)).Should().Contain("id=\"feedback-unknown\"", "a code cannot be made from an id");
        var noStars = await WorkforceApp.SubmitAsync(app.Client(), url.PathAndQuery, "#feedback-form", ("stars", "9"));
        noStars.StatusCode.Should().Be(HttpStatusCode.OK);

        await app.WithDbAsync(async db =>
        {
            (await db.ResidentFeedback.CountAsync(f => f.WorkerId == traineeWorker)).Should().Be(before + 1, "one rating per phone and day; a bad star count is refused");
            var columns = db.Model.FindEntityType(typeof(Domain.Workers.ResidentFeedback))!.GetProperties().Select(p => p.Name);
            columns.Should().BeEquivalentTo(["Id", "WorkerId", "Stars", "Comment", "ReceivedOn", "SourceHash"], "no address or phone number is kept");
            return 0;
        });
        (await trainee.GetStringAsync("/Me/Feedback")).Should().Contain("平均");
        using var hr = await app.SignInAsync("hr");
        Parser.ParseDocument(await hr.GetStringAsync($"/Workers/{traineeWorker}/File")).QuerySelector("#file-feedback")!.TextContent.Should().Contain("上门办理居住证");
    }

    private static async Task<JsonElement> AdvanceAsync(HttpClient api, long round, string? noticeStart)
    {
        var response = await api.PostAsJsonAsync($"/api/v1/assessments/rounds/{round}/advance", new { noticeStart });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
