using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workforce.Domain.Organisation;
using Workforce.Domain.Workers;
using Workforce.Application.Common;

namespace Workforce.Web.Tests;

/// <summary>A recruitment round through the API, from announcement to hire.</summary>
[Collection(AppCollection.Name)]
public class RecruitmentTests(WorkforceApp app)
{
    private static int _sequence = 500;

    /// <summary>A valid ID number, unique in the test run.</summary>
    internal static string IdCard(int birthYear)
    {
        var first17 = "320508" + birthYear.ToString(CultureInfo.InvariantCulture) + "0615" + (Interlocked.Increment(ref _sequence) % 1000).ToString("000", CultureInfo.InvariantCulture);
        return first17 + IdCardNumber.ComputeCheckCharacter(first17);
    }

    private async Task<(HttpClient Hr, long RoundId, long PostId, long CommunityId)> NewRoundAsync(int quota, int noticeDays = 5)
    {
        var community = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Type == OrgUnitType.Community).OrderBy(u => u.Code).Skip(20).FirstAsync());
        var hr = await app.ApiAsync("hr");
        var created = await hr.PostAsJsonAsync("/api/v1/recruitment/rounds", new
        {
            name = "2026年姑苏区公开招聘社区工作者（测试）", announcedOn = "2026-04-01",
            rules = new { noticeDays, bonusItems = new[] { new { code = "SW", name = "持证", points = 2 }, new { code = "VET", name = "退役军人", points = 3 } } },
            posts = new[] { new { name = "社区工作者（一）", communityId = community.Id, post = "Staff", quota } },
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        return (hr, body.GetProperty("id").GetInt64(), body.GetProperty("posts")[0].GetProperty("id").GetInt64(), community.Id);
    }

    private static async Task<long> RegisterAsync(HttpClient hr, long roundId, long postId, string name, string idCard, string education = "Bachelor", params string[] bonus)
    {
        var response = await hr.PostAsJsonAsync($"/api/v1/recruitment/rounds/{roundId}/applicants", new { postId, name, idCardNumber = idCard, education, bonus });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static async Task AdvanceAsync(HttpClient hr, long roundId, string expectedStep, object? body = null)
    {
        var response = await hr.PostAsJsonAsync($"/api/v1/recruitment/rounds/{roundId}/advance", body ?? new { });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("step").GetString().Should().Be(expectedStep);
    }

    [Fact]
    public async Task ARoundRunsFromAnnouncementToHireThroughTheApi()
    {
        var (hr, roundId, postId, communityId) = await NewRoundAsync(quota: 2);
        string[] names = ["考生甲", "考生乙", "考生丙", "考生丁", "考生戊", "考生己", "考生庚", "考生辛"];
        var ids = new List<long>();
        var cards = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            cards.Add(IdCard(1996 + i % 5));
            ids.Add(await RegisterAsync(hr, roundId, postId, names[i], cards[^1], i == 7 ? "Vocational" : "Bachelor", i == 2 ? ["SW", "VET"] : []));
        }
        var twice = await hr.PostAsJsonAsync($"/api/v1/recruitment/rounds/{roundId}/applicants", new { postId, name = "重复", idCardNumber = cards[0], education = "Bachelor" });
        twice.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await twice.Content.ReadAsStringAsync()).Should().Contain("已在本次招聘中报名");
        var early = await hr.PostAsJsonAsync($"/api/v1/recruitment/rounds/{roundId}/written-scores", new[] { new { applicantId = ids[0], score = 80 } });
        early.StatusCode.Should().Be(HttpStatusCode.BadRequest, "wrong step");

        await AdvanceAsync(hr, roundId, "QualificationReview");
        var round = await hr.GetFromJsonAsync<JsonElement>($"/api/v1/recruitment/rounds/{roundId}");
        round.GetProperty("applicantsByStatus").GetProperty("Disqualified").GetInt32().Should().Be(1, "中专 is below 大专");
        await AdvanceAsync(hr, roundId, "WrittenExam");

        // Out of range or unknown: 400 and nothing recorded, not even the valid first score.
        var bad = await hr.PostAsJsonAsync($"/api/v1/recruitment/rounds/{roundId}/written-scores", new object[] { new { applicantId = ids[0], score = 88 }, new { applicantId = ids[1], score = 120 } });
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await app.WithDbAsync(db => db.Applicants.Where(a => a.Id == ids[0]).Select(a => a.WrittenScore).SingleAsync())).Should().BeNull();
        var unknown = await hr.PostAsJsonAsync($"/api/v1/recruitment/rounds/{roundId}/written-scores", new[] { new { applicantId = 999_999L, score = 80m } });
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        decimal[] written = [88, 82, 79, 75, 71, 66, 50];
        var ok = await hr.PostAsJsonAsync($"/api/v1/recruitment/rounds/{roundId}/written-scores", written.Select((s, i) => new { applicantId = ids[i], score = s }).ToArray());
        ok.StatusCode.Should().Be(HttpStatusCode.OK, await ok.Content.ReadAsStringAsync());
        await AdvanceAsync(hr, roundId, "Interview");
        round = await hr.GetFromJsonAsync<JsonElement>($"/api/v1/recruitment/rounds/{roundId}");
        round.GetProperty("applicantsByStatus").GetProperty("Shortlisted").GetInt32().Should().Be(6, "two places × 3");
        round.GetProperty("applicantsByStatus").GetProperty("WrittenFailed").GetInt32().Should().Be(1);

        // Five examiners: the highest and lowest marks are dropped.
        decimal[][] marks = [[80, 82, 84, 86, 95], [90, 91, 92, 93, 60], [70, 72, 74, 76, 78], [85, 85, 85, 85, 85], [60, 61, 62, 63, 64], [50, 52, 54, 56, 58]];
        var interview = await hr.PostAsJsonAsync($"/api/v1/recruitment/rounds/{roundId}/interview-scores",
            marks.Select((m, i) => new { applicantId = ids[i], scores = m.Select((s, k) => new { examiner = "考官" + (k + 1), score = s }).ToArray() }).ToArray());
        interview.StatusCode.Should().Be(HttpStatusCode.OK, await interview.Content.ReadAsStringAsync());
        await AdvanceAsync(hr, roundId, "Vetting");

        var ranking = (await hr.GetFromJsonAsync<JsonElement>($"/api/v1/recruitment/rounds/{roundId}/ranking?postId={postId}")).EnumerateArray().ToList();
        // Totals: 甲 88×.5+84×.5=86; 乙 82×.5+91×.5=86.5; 丙 79×.5+74×.5+3=79.5; 丁 75×.5+85×.5=80; 戊 71×.5+62×.5=66.5; 己 interview 54 < 60 failed.
        ranking.Take(5).Select(r => (r.GetProperty("name").GetString(), r.GetProperty("total").GetDecimal(), r.GetProperty("rank").GetInt32()))
            .Should().Equal(("考生乙", 86.5m, 1), ("考生甲", 86m, 2), ("考生丁", 80m, 3), ("考生丙", 79.5m, 4), ("考生戊", 66.5m, 5));
        ranking[0].GetProperty("computation").GetString().Should().Contain("去掉一个最高分和一个最低分后平均 91.00");
        ranking.Single(r => r.GetProperty("name").GetString() == "考生己").GetProperty("status").GetString().Should().Be("InterviewFailed");

        var failed = await hr.PostAsJsonAsync($"/api/v1/recruitment/rounds/{roundId}/candidates/{ids[1]}/vetting", new { vettingPassed = true, medicalPassed = false, note = "体检不合格" });
        failed.StatusCode.Should().Be(HttpStatusCode.OK);
        ranking = (await hr.GetFromJsonAsync<JsonElement>($"/api/v1/recruitment/rounds/{roundId}/ranking?postId={postId}")).EnumerateArray().ToList();
        var substitute = ranking.Single(r => r.GetProperty("name").GetString() == "考生丁");
        (substitute.GetProperty("status").GetString(), substitute.GetProperty("substitute").GetBoolean()).Should().Be(("Selected", true));
        foreach (var id in new[] { ids[0], ids[3] })
        {
            (await hr.PostAsJsonAsync($"/api/v1/recruitment/rounds/{roundId}/candidates/{id}/vetting", new { vettingPassed = true, medicalPassed = true, note = "合格" })).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        var today = app.Services.GetRequiredService<Workforce.Application.Common.BusinessCalendar>().Today;
        await AdvanceAsync(hr, roundId, "PublicNotice", new { noticeStart = today.PlusDays(-10).ToDateOnly() });
        var objection = await hr.PostAsJsonAsync($"/api/v1/recruitment/rounds/{roundId}/objections", new { applicantId = ids[0], text = "反映学历存疑" });
        var objectionId = (await objection.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        (await hr.PostAsJsonAsync($"/api/v1/recruitment/rounds/{roundId}/advance", new { })).StatusCode.Should().Be(HttpStatusCode.BadRequest, "an open objection blocks hiring");
        (await hr.PostAsJsonAsync($"/api/v1/recruitment/rounds/{roundId}/objections/{objectionId}/resolve", new { upheld = false, resolution = "经核查学历真实，异议不成立" })).StatusCode.Should().Be(HttpStatusCode.OK);
        await AdvanceAsync(hr, roundId, "Hiring");

        var hire = await hr.PostAsJsonAsync($"/api/v1/recruitment/rounds/{roundId}/hire", new { hireDate = "2026-07-01" });
        hire.StatusCode.Should().Be(HttpStatusCode.OK, await hire.Content.ReadAsStringAsync());
        var hired = (await hire.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        hired.Select(h => h.GetProperty("name").GetString()).Should().BeEquivalentTo("考生甲", "考生丁");
        hired.Should().OnlyContain(h => h.GetProperty("grade").GetInt32() == 2 && h.GetProperty("probationEnd").GetString() == "2026-12-31");
        hired[0].GetProperty("gradeExplanation").GetString().Should().Contain("学历折算 3 年");
        var workerId = hired[0].GetProperty("workerId").GetInt64();
        var worker = await app.WithDbAsync(db => db.Workers.Include(w => w.PostAssignments).AsNoTracking().SingleAsync(w => w.Id == workerId));
        (worker.OrgUnitId, worker.HireDate, worker.ProbationEnd, worker.PostAssignments.Single().Post).Should().Be((communityId, new LocalDate(2026, 7, 1), new LocalDate(2026, 12, 31), Post.Staff));

        using (var page = await app.SignInAsync("hr"))
        {
            (await page.GetStringAsync($"/Workers/Details/{workerId}")).Should().Contain("worker-probation").And.Contain("2026-12-31");
        }

        await AdvanceAsync(hr, roundId, "Closed");
        round = await hr.GetFromJsonAsync<JsonElement>($"/api/v1/recruitment/rounds/{roundId}");
        round.GetProperty("applicantsByStatus").GetProperty("Hired").GetInt32().Should().Be(2);
        round.GetProperty("applicantsByStatus").GetProperty("Reserve").GetInt32().Should().Be(2, "丙 and 戊 passed but were not placed");
        var late = await hr.PostAsJsonAsync($"/api/v1/recruitment/rounds/{roundId}/applicants", new { postId, name = "迟到者", idCardNumber = IdCard(1999), education = "Bachelor" });
        late.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a closed round is read-only");
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "Applicant"))).Should().BeGreaterThan(8);
    }

    [Fact]
    public async Task ImportChecksEveryRowAndWritesNothingUnlessAllAreValid()
    {
        var (hr, roundId, _, _) = await NewRoundAsync(quota: 1);
        var good = IdCard(1998);
        var rows = new List<IReadOnlyList<string?>>
        {
            new[] { "社区工作者（一）", "王小明", good, "13912345678", "本科", "群众", "江苏省苏州市", "SW" },
            new[] { "社区工作者（一）", "李小红", "320508199901011234", null, "大专", null, null, null },      // bad check digit
            new[] { "不存在的岗位", "赵小刚", IdCard(1997), null, "本科", null, null, null },
            new[] { "社区工作者（一）", "钱小强", good, null, "本科", null, null, null },                       // same person twice
            new[] { "社区工作者（一）", "孙小丽", IdCard(1997), null, "博士后", null, null, "XYZ" },
        };
        using var file = new MemoryStream();
        XlsxTable.Write(file, "报名", ["岗位", "姓名", "身份证号", "手机号", "学历", "政治面貌", "户籍所在地", "加分项目"], rows);

        async Task<HttpResponseMessage> PostAsync(bool dryRun, byte[] bytes)
        {
            using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "applicants.xlsx" } };
            return await hr.PostAsync($"/api/v1/recruitment/rounds/{roundId}/applicants/import?dryRun={dryRun.ToString().ToLowerInvariant()}", form);
        }

        var report = await PostAsync(false, file.ToArray());
        report.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var errors = (await report.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().ToList();
        errors.Select(e => e.GetProperty("row").GetInt32()).Should().Equal(3, 4, 5, 6);
        errors[0].GetProperty("column").GetString().Should().StartWith("C");
        errors[2].GetProperty("reason").GetString().Should().Contain("已在本次招聘中报名");
        (await app.WithDbAsync(db => db.Applicants.CountAsync(a => a.RoundId == roundId))).Should().Be(0, "nothing is written while any row is bad");

        using var fixedFile = new MemoryStream();
        XlsxTable.Write(fixedFile, "报名", ["岗位", "姓名", "身份证号", "手机号", "学历", "政治面貌", "户籍所在地", "加分项目"], [rows[0], new[] { "社区工作者（一）", "李小红", IdCard(1999), null, "大专", null, null, null }]);
        var dry = await PostAsync(true, fixedFile.ToArray());
        dry.StatusCode.Should().Be(HttpStatusCode.OK);
        (await dry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("written").GetBoolean().Should().BeFalse();
        var real = await PostAsync(false, fixedFile.ToArray());
        (await real.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("written").GetBoolean().Should().BeTrue();
        (await app.WithDbAsync(db => db.Applicants.CountAsync(a => a.RoundId == roundId))).Should().Be(2);

        // The import is audited as one entry: who imported which file (its SHA-256) and the applicants it created; no entry per applicant.
        var ids = await app.WithDbAsync(db => db.Applicants.Where(a => a.RoundId == roundId).Select(a => a.Id).OrderBy(i => i).ToListAsync());
        var entries = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "ApplicantsImported" && e.EntityId == roundId.ToString(CultureInfo.InvariantCulture)).ToListAsync());
        var entry = entries.Should().ContainSingle().Subject;
        entry.UserName.Should().Be("hr");
        var recorded = JsonDocument.Parse(entry.After!).RootElement;
        recorded.GetProperty("created").GetString().Should().Be(ids[1] == ids[0] + 1 ? $"{ids[0]}-{ids[1]}" : $"{ids[0]},{ids[1]}");
        recorded.GetProperty("detail").GetString().Should().Contain("sha256=" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(fixedFile.ToArray())));
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == "Applicant" && e.Action == "Created" && ids.Select(i => i.ToString(CultureInfo.InvariantCulture)).Contains(e.EntityId))))
            .Should().Be(0);
        (await app.WithDbAsync(db => db.VerifyAuditChainAsync(CancellationToken.None))).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task RoundsStayInsideTheOfficersScope()
    {
        var (_, roundId, _, _) = await NewRoundAsync(quota: 1);
        using var street = await app.ApiAsync("hr.street");
        var community = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Type == OrgUnitType.Community).OrderBy(u => u.Code).Skip(20).FirstAsync());
        community.Path.Should().NotStartWith((await app.WithDbAsync(db => db.OrgUnits.SingleAsync(u => u.Code == "320508001"))).Path);
        (await street.GetAsync($"/api/v1/recruitment/rounds/{roundId}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the round belongs to the district, not the street");
        using var payroll = await app.ApiAsync("payroll");
        (await payroll.GetAsync($"/api/v1/recruitment/rounds/{roundId}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "a role refused an endpoint naming an object gets 404");
    }
}
