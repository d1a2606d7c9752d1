using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Workforce.Domain.Assessment;

namespace Workforce.Web.Tests;

/// <summary>
/// The annual assessment through the JSON API (issue 16) and the scheme form as the officer posts it: a round of 平江街道 for 2025
/// from opening to final ratings by bearer token, the worker's self-report by their own token, ballots answered on the anonymous
/// page, and another street's round answering 404.
/// </summary>
[Collection(AppCollection.Name)]
public class AssessmentApiTests(WorkforceApp app)
{
    private static readonly HtmlParser Parser = new();

    [Fact]
    public async Task AStreetRunsA2025RoundThroughTheApiToFinalRatingsWrittenAsThatYearsAssessments()
    {
        using var hr = await app.ApiAsync("hr.street");
        var opened = await hr.PostAsJsonAsync("/api/v1/assessments/rounds", new { year = 2025 });
        opened.StatusCode.Should().Be(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        var round = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        opened.Headers.Location!.OriginalString.Should().Be($"/api/v1/assessments/rounds/{round}");
        (await hr.PostAsJsonAsync("/api/v1/assessments/rounds", new { year = 2025 })).StatusCode.Should().Be(HttpStatusCode.BadRequest, "one round per unit and year");
        var list = await hr.GetFromJsonAsync<JsonElement>("/api/v1/assessments/rounds");
        list.EnumerateArray().Should().Contain(r => r.GetProperty("id").GetInt64() == round && r.GetProperty("stage").GetString() == "SelfReport");

        // The worker's self-report with their own token.
        using var trainee = await app.ApiAsync("trainee");
        var mine = await trainee.GetFromJsonAsync<JsonElement>("/api/v1/me/assessments");
        mine.EnumerateArray().Should().Contain(m => m.GetProperty("roundId").GetInt64() == round);
        var report = await trainee.PutAsJsonAsync($"/api/v1/me/assessments/{round}/report", new { text = "2025年述职：坚持“四议两公开”。" });
        report.StatusCode.Should().Be(HttpStatusCode.OK, await report.Content.ReadAsStringAsync());
        (await report.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("submittedOn").GetString().Should().NotBeNull();
        (await hr.PutAsJsonAsync($"/api/v1/me/assessments/{round}/report", new { text = "x" })).StatusCode.Should().Be(HttpStatusCode.NotFound, "an officer is not assessed in the round");

        // Voting: codes for the trainee's community; two voters answer on the page without signing in.
        var view = await AdvanceAsync(hr, round, null, "Voting");
        var traineeWorker = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "trainee").Select(u => u.WorkerId!.Value).SingleAsync());
        var unit = view.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("workerId").GetInt64() == traineeWorker).GetProperty("unitId").GetInt64();
        var codes = await hr.PostAsJsonAsync($"/api/v1/assessments/rounds/{round}/codes", new { unitId = unit, group = "PartyMemberRepresentative", count = 3 });
        codes.StatusCode.Should().Be(HttpStatusCode.OK, await codes.Content.ReadAsStringAsync());
        var issued = (await codes.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        issued.Should().HaveCount(3).And.OnlyContain(c => c.GetProperty("url").GetString()!.EndsWith("/b/" + c.GetProperty("code").GetString(), StringComparison.Ordinal));
        (await hr.PostAsJsonAsync($"/api/v1/assessments/rounds/{round}/codes", new { unitId = unit, group = "PartyMemberRepresentative", count = 501 }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest, "a sheet holds at most 500 codes");
        using var voter = app.Client();
        (await AssessmentTests.VoteAsync(voter, issued[0].GetProperty("code").GetString()!, AssessmentRating.Excellent)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await AssessmentTests.VoteAsync(voter, issued[1].GetProperty("code").GetString()!, AssessmentRating.Excellent)).StatusCode.Should().Be(HttpStatusCode.OK);
        var count = await hr.GetFromJsonAsync<JsonElement>($"/api/v1/assessments/rounds/{round}/count");
        count.GetProperty("returned").GetInt32().Should().Be(2);
        count.GetProperty("issued").GetInt32().Should().Be(3);

        // Review: scores for everyone; the trainee first.
        view = await AdvanceAsync(hr, round, null, "Review");
        var scores = view.GetProperty("entries").EnumerateArray().Select(e => new
        {
            entryId = e.GetProperty("entryId").GetInt64(),
            reportScore = e.GetProperty("workerId").GetInt64() == traineeWorker ? 99m : 82m,
            organisationScore = e.GetProperty("workerId").GetInt64() == traineeWorker ? 98m : 80m,
            absenceDays = 0,
        }).ToList();
        var evaluated = await hr.PostAsJsonAsync($"/api/v1/assessments/rounds/{round}/evaluations", scores);
        evaluated.StatusCode.Should().Be(HttpStatusCode.OK, await evaluated.Content.ReadAsStringAsync());
        var traineeRow = (await evaluated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("workerId").GetInt64() == traineeWorker);
        traineeRow.GetProperty("reportScore").GetDecimal().Should().Be(99m);
        (await hr.PostAsJsonAsync($"/api/v1/assessments/rounds/{round}/evaluations", new[] { new { entryId = scores[0].entryId, reportScore = 101m, organisationScore = 80m, absenceDays = 0 } }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest, "a score is at most 100");

        // Notice posted ten days ago; an objection recorded and dismissed; then final.
        var noticeStart = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-10)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        view = await AdvanceAsync(hr, round, noticeStart, "Notice");
        var proposal = view.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("workerId").GetInt64() == traineeWorker);
        proposal.GetProperty("proposed").GetString().Should().Be("Excellent");
        proposal.GetProperty("composite").GetDecimal().Should().BeGreaterThan(90m);
        proposal.GetProperty("computation").GetString().Should().Contain("×", "the computation is shown in words");
        var objected = await hr.PostAsJsonAsync($"/api/v1/assessments/rounds/{round}/objections", new { entryId = traineeRow.GetProperty("entryId").GetInt64(), text = "有居民反映该同志入户走访不够" });
        objected.StatusCode.Should().Be(HttpStatusCode.OK, await objected.Content.ReadAsStringAsync());
        var objection = (await objected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("objections").EnumerateArray().Single().GetProperty("id").GetInt64();
        (await hr.PostAsync($"/api/v1/assessments/rounds/{round}/advance", null)).StatusCode.Should().Be(HttpStatusCode.BadRequest, "an objection is open");
        var decided = await hr.PostAsJsonAsync($"/api/v1/assessments/rounds/{round}/objections/{objection}/decision", new { upheld = false, resolution = "经核实，走访记录齐全" });
        decided.StatusCode.Should().Be(HttpStatusCode.OK, await decided.Content.ReadAsStringAsync());
        view = await AdvanceAsync(hr, round, null, "Final");

        var final = view.GetProperty("entries").EnumerateArray().ToDictionary(e => e.GetProperty("workerId").GetInt64(), e => Enum.Parse<AssessmentRating>(e.GetProperty("rating").GetString()!));
        final[traineeWorker].Should().Be(AssessmentRating.Excellent);
        var written = await app.WithDbAsync(db => db.AnnualAssessments.AsNoTracking().Where(a => a.Year == 2025 && final.Keys.Contains(a.WorkerId)).ToDictionaryAsync(a => a.WorkerId, a => a.Rating));
        written.Should().BeEquivalentTo(final, "the final ratings are 2025's assessments");
        (await trainee.GetFromJsonAsync<JsonElement>("/api/v1/me/assessments")).EnumerateArray().Single(m => m.GetProperty("roundId").GetInt64() == round)
            .GetProperty("rating").GetString().Should().Be("Excellent");
    }

    [Fact]
    public async Task AnotherStreetsRoundIsNotFoundThroughTheApiAndTheApiNeedsAnOfficer()
    {
        using var district = await app.ApiAsync("hr");
        var street = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Name == "双塔街道").Select(u => u.Id).SingleAsync());
        var opened = await district.PostAsJsonAsync("/api/v1/assessments/rounds", new { orgUnitId = street, year = 2024 });
        opened.StatusCode.Should().Be(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        var round = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        using var other = await app.ApiAsync("hr.street");
        (await other.GetAsync($"/api/v1/assessments/rounds/{round}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.GetAsync($"/api/v1/assessments/rounds/{round}/count")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.PostAsync($"/api/v1/assessments/rounds/{round}/advance", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.PostAsJsonAsync("/api/v1/assessments/rounds", new { orgUnitId = street, year = 2023 })).StatusCode.Should().Be(HttpStatusCode.BadRequest, "another street is outside scope");
        (await other.GetFromJsonAsync<JsonElement>("/api/v1/assessments/rounds")).EnumerateArray().Should().NotContain(r => r.GetProperty("id").GetInt64() == round);
        using var trainee = await app.ApiAsync("trainee");
        (await trainee.GetAsync("/api/v1/assessments/rounds")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var anonymous = await app.ApiAsync(null);
        (await anonymous.GetAsync("/api/v1/assessments/rounds")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TheSchemeFormRefusesWeightsThatDoNotAddUpAndSavesAVersionFromAYearThroughThePageAndTheApi()
    {
        using var hr = await app.SignInAsync("hr.street");
        var street = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Name == "平江街道").Select(u => u.Id).SingleAsync());
        var page = $"/Assessments/Scheme?unitId={street}&year=2030";
        var bad = await WorkforceApp.SubmitAsync(hr, page, "#scheme-form", ("ReportWeight", "30"), ("VoteWeight", "50"), ("OrganisationWeight", "30"));
        bad.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var refusal = await hr.GetStringAsync(bad.Headers.Location!.OriginalString);
        refusal.Should().Contain("考核权重（述职、测评、组织评价）").And.Contain("100%");
        (await app.WithDbAsync(db => db.AssessmentSchemes.CountAsync(s => s.OrgUnitId == street && s.FromYear == 2030))).Should().Be(0, "nothing is saved from a refused form");

        var saved = await WorkforceApp.SubmitAsync(hr, page, "#scheme-form", ("ReportWeight", "20"), ("VoteWeight", "50"), ("OrganisationWeight", "30"), ("ExcellentQuotaPercent", "15"));
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var index = Parser.ParseDocument(await hr.GetStringAsync("/Assessments"));
        index.QuerySelectorAll("#scheme-table tbody tr").Select(r => string.Join("|", r.QuerySelectorAll("td").Take(4).Select(c => c.TextContent.Trim())))
            .Should().Contain("平江街道|2030|20/50/30|15%");
        var version = await app.WithDbAsync(db => db.AssessmentSchemes.AsNoTracking().SingleAsync(s => s.OrgUnitId == street && s.FromYear == 2030));
        version.Scheme.VoteWeight.Should().Be(0.5m);
        (await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(AssessmentSchemeVersion) && a.EntityId == version.Id.ToString(CultureInfo.InvariantCulture))))
            .Should().BeTrue("a scheme decides ratings and so pay: audited");

        // The same through the API: the saved version is listed; bad lines are refused with the field.
        using var api = await app.ApiAsync("hr.street");
        var schemes = await api.GetFromJsonAsync<JsonElement>("/api/v1/assessments/schemes");
        schemes.EnumerateArray().Should().Contain(s => s.GetProperty("unitId").GetInt64() == street && s.GetProperty("scheme").GetProperty("fromYear").GetInt32() == 2030
            && s.GetProperty("scheme").GetProperty("voteWeight").GetInt32() == 50);
        var refused = await api.PutAsJsonAsync("/api/v1/assessments/schemes", new { orgUnitId = street, fromYear = 2031, excellentLine = 60, qualifiedLine = 70 });
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("ExcellentLine", out _).Should().BeTrue();
        var put = await api.PutAsJsonAsync("/api/v1/assessments/schemes", new { orgUnitId = street, fromYear = 2031, noticeDays = 7 });
        put.StatusCode.Should().Be(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("noticeDays").GetInt32().Should().Be(7);
    }

    [Fact]
    public async Task ALargeRoundsReviewScoresComeFromTheDownloadedScoreSheetDryRunFirstAllOrNothing()
    {
        using var api = await app.ApiAsync("hr");
        var street = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Name == "白洋湾街道").Select(u => u.Id).SingleAsync());
        var opened = await api.PostAsJsonAsync("/api/v1/assessments/rounds", new { orgUnitId = street, year = 2026 });
        var round = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await AdvanceAsync(api, round, null, "Voting");
        await AdvanceAsync(api, round, null, "Review");

        using var hr = await app.SignInAsync("hr");
        var page = $"/Assessments/Details/{round}";
        await using var sheet = await hr.GetStreamAsync($"/Assessments/ScoreSheet/{round}");
        var rows = XlsxFiles.ReadAll(sheet, 6).Skip(1).ToList();
        var people = await app.WithDbAsync(db => db.AssessmentEntries.CountAsync(e => e.RoundId == round));
        rows.Should().HaveCount(people, "one row per person of the round");
        string?[] Filled(string?[] r, int i) => [r[0], r[1], r[2], (80 + i % 20).ToString(CultureInfo.InvariantCulture), "85.5", "2"];
        byte[] Workbook(IEnumerable<string?[]> data)
        {
            using var file = new MemoryStream();
            Application.Common.XlsxTable.Write(file, "考核评分表", ["编号", "姓名", "社区", "述职得分", "组织评价", "缺勤天数"], [.. data.Select(d => (IReadOnlyList<string?>)d)]);
            return file.ToArray();
        }

        // A sheet with a wrong name in one row is refused as a whole, with the row named.
        var wrong = rows.Select(Filled).ToList();
        wrong[0][1] = "张冠李戴";
        var refused = await WorkforceApp.SubmitAsync(hr, page, "#scores-import-form", ("file", "score-sheet.xlsx", Workbook(wrong)), ("dryRun", "false"));
        var report = Parser.ParseDocument(await refused.Content.ReadAsStringAsync());
        report.QuerySelector("#import-errors")!.TextContent.Should().Contain("张冠李戴");
        (await app.WithDbAsync(db => db.AssessmentEntries.CountAsync(e => e.RoundId == round && e.ReportScore != null))).Should().Be(0, "nothing is written from a sheet with errors");

        // Dry run: checked, nothing written; then imported.
        var good = Workbook(rows.Select(Filled));
        var dry = await WorkforceApp.SubmitAsync(hr, page, "#scores-import-form", ("file", "score-sheet.xlsx", good));
        Parser.ParseDocument(await dry.Content.ReadAsStringAsync()).QuerySelector("#import-result")!.ClassList.Should().Contain("alert-info");
        (await app.WithDbAsync(db => db.AssessmentEntries.CountAsync(e => e.RoundId == round && e.ReportScore != null))).Should().Be(0, "a dry run writes nothing");
        var imported = await WorkforceApp.SubmitAsync(hr, page, "#scores-import-form", ("file", "score-sheet.xlsx", good), ("dryRun", "false"));
        Parser.ParseDocument(await imported.Content.ReadAsStringAsync()).QuerySelector("#import-result")!.ClassList.Should().Contain("alert-success");
        var recorded = await app.WithDbAsync(db => db.AssessmentEntries.AsNoTracking().Where(e => e.RoundId == round).ToListAsync());
        recorded.Should().OnlyContain(e => e.OrganisationScore == 85.5m && e.AbsenceDays == 2 && e.ReportScore >= 80);

        // The page lists one community at a time when asked.
        var community = recorded.GroupBy(e => e.UnitId).OrderByDescending(g => g.Count()).First();
        var filtered = Parser.ParseDocument(await hr.GetStringAsync($"{page}?unitId={community.Key}"));
        filtered.QuerySelectorAll("#entries tbody tr[data-worker]").Select(tr => long.Parse(tr.GetAttribute("data-worker")!, CultureInfo.InvariantCulture))
            .Should().BeEquivalentTo(community.Select(e => e.WorkerId));

        // The same sheet through the API: a dry run by default, 422 with the row for a wrong name.
        async Task<HttpResponseMessage> PostAsync(byte[] workbook)
        {
            using var body = new MultipartFormDataContent { { new ByteArrayContent(workbook), "file", "score-sheet.xlsx" } };
            return await api.PostAsync($"/api/v1/assessments/rounds/{round}/evaluations/import", body);
        }
        var checkedByApi = await PostAsync(good);
        checkedByApi.StatusCode.Should().Be(HttpStatusCode.OK, await checkedByApi.Content.ReadAsStringAsync());
        (await checkedByApi.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("validRows").GetInt32().Should().Be(people);
        (await PostAsync(Workbook(wrong))).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
    }

    private static async Task<JsonElement> AdvanceAsync(HttpClient hr, long round, string? noticeStart, string stage)
    {
        var response = await hr.PostAsJsonAsync($"/api/v1/assessments/rounds/{round}/advance", new { noticeStart });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var view = await response.Content.ReadFromJsonAsync<JsonElement>();
        view.GetProperty("stage").GetString().Should().Be(stage);
        return view;
    }
}
