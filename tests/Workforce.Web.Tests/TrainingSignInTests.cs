using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Workforce.Web.Tests;

/// <summary>
/// QR sign-in for training sessions and the training hours it feeds (issue 16): the teacher's screen shows a rotating code during
/// the window; an enrolled trainee signs in from the page the code opens, signed in as themself; outside the window, not
/// enrolled or with a stale code the sign-in is refused with a message; the hours of the session, and of an external training
/// recorded by an officer, appear on the trainee's page, the officers' list and the API.
/// </summary>
[Collection(AppCollection.Name)]
public class TrainingSignInTests(WorkforceApp app)
{
    private static readonly HtmlParser Parser = new();
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private static string Iso(LocalDate d) => d.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    private static string Hm(LocalTime t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);

    [Fact]
    public async Task AnEnrolledTraineeSignsInWithTheRotatingCodeOnlyInsideTheWindowAndTheSessionsHoursCount()
    {
        var worker = await TalentTests.FreeWorkerAsync(app, "320508004");
        await TalentTests.CreateTraineeAsync(app, "trainee.signin", worker.Id);
        var outsider = await TalentTests.FreeWorkerAsync(app, "320508005");
        await TalentTests.CreateTraineeAsync(app, "trainee.outsider", outsider.Id);

        // A camp around today with a session now, one yesterday and one tomorrow; the trainee enrolled, the outsider not.
        using var api = await app.ApiAsync("hr");
        var (campId, course, current, start, end, today) = await CampWithSessionNowAsync(api, "扫码签到测试营", worker.Id, 1);
        var yesterday = await SessionAsync(api, campId, today.PlusDays(-1), new LocalTime(9, 0), new LocalTime(11, 0), course);
        var tomorrow = await SessionAsync(api, campId, today.PlusDays(1), new LocalTime(9, 0), new LocalTime(11, 0), course);
        using var mineApi = await app.ApiAsync("trainee.signin");
        var before = (await mineApi.GetFromJsonAsync<JsonElement>("/api/v1/me/training-hours")).GetProperty("hours").GetProperty("total").GetDecimal();

        // The teacher's screen: a QR code and its code while open; nothing for tomorrow's session.
        using var hr = await app.SignInAsync("hr");
        var board = Parser.ParseDocument(await hr.GetStringAsync($"/Training/SignIn/{campId}?sessionId={current}"));
        board.QuerySelector("#signin-qr svg").Should().NotBeNull("the window is open: the QR code shows");
        var state = await hr.GetFromJsonAsync<JsonElement>($"/Training/SignInState/{campId}?sessionId={current}");
        state.GetProperty("open").GetBoolean().Should().BeTrue();
        var code = state.GetProperty("code").GetString()!;
        code.Should().HaveLength(8);
        state.GetProperty("url").GetString().Should().EndWith($"/Me/SignIn/{current}?c={code}");
        var closed = await hr.GetFromJsonAsync<JsonElement>($"/Training/SignInState/{campId}?sessionId={tomorrow}");
        closed.GetProperty("open").GetBoolean().Should().BeFalse();
        closed.GetProperty("code").ValueKind.Should().Be(JsonValueKind.Null, "no code is shown outside the window");

        // The trainee's phone opens the link of the QR code (signed in as themself) and signs in with the page's form.
        using var trainee = await app.SignInAsync("trainee.signin");
        var link = $"/Me/SignIn/{current}?c={code}";
        var ticket = Parser.ParseDocument(await trainee.GetStringAsync(link));
        ticket.QuerySelector("#signin-code-input")!.GetAttribute("value").Should().Be(code, "the code travels in the QR link");
        (await WorkforceApp.SubmitAsync(trainee, link, "#signin-form")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        Parser.ParseDocument(await trainee.GetStringAsync($"/Me/SignIn/{current}")).QuerySelector("#signin-done").Should().NotBeNull();
        var after = await hr.GetFromJsonAsync<JsonElement>($"/Training/SignInState/{campId}?sessionId={current}");
        after.GetProperty("present").GetInt32().Should().Be(1, "the sheet fills as trainees sign in");
        after.GetProperty("signedIn").EnumerateArray().Single().GetProperty("workerId").GetInt64().Should().Be(worker.Id);
        (await app.WithDbAsync(db => db.Attendances.AsNoTracking().SingleAsync(a => a.SessionId == current && a.WorkerId == worker.Id)))
            .Should().Match<Domain.Training.Attendance>(a => a.Present && a.SignedInAt != null);

        // Outside the window (tomorrow, yesterday): refused with the window in the message, nothing recorded.
        foreach (var session in new[] { tomorrow, yesterday })
        {
            var refused = await WorkforceApp.SubmitAsync(trainee, $"/Me/SignIn/{session}?c={code}", "#signin-form");
            refused.StatusCode.Should().Be(HttpStatusCode.Redirect);
            (await trainee.GetStringAsync(refused.Headers.Location!.OriginalString)).Should().Contain("不在签到时间内");
        }
        (await app.WithDbAsync(db => db.Attendances.CountAsync(a => (a.SessionId == tomorrow || a.SessionId == yesterday) && a.WorkerId == worker.Id))).Should().Be(0);

        // Not enrolled: the page says so and offers no form; the API refuses. A stale code is refused.
        using var outsiderPage = await app.SignInAsync("trainee.outsider");
        var notEnrolled = Parser.ParseDocument(await outsiderPage.GetStringAsync(link));
        notEnrolled.QuerySelector("#signin-form").Should().BeNull();
        notEnrolled.QuerySelector("#signin-not-enrolled")!.TextContent.Should().Contain("扫码签到测试营");
        using var outsiderApi = await app.ApiAsync("trainee.outsider");
        var outsiderAnswer = await outsiderApi.PostAsJsonAsync($"/api/v1/me/sign-ins/{current}", new { code });
        outsiderAnswer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await outsiderAnswer.Content.ReadAsStringAsync()).Should().Contain("学员名单");
        var stale = await mineApi.PostAsJsonAsync($"/api/v1/me/sign-ins/{current}", new { code = "00000000" });
        stale.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await stale.Content.ReadAsStringAsync()).Should().Contain("签到码已过期或不正确");
        (await mineApi.PostAsJsonAsync($"/api/v1/me/sign-ins/{current}", new { code })).StatusCode.Should().Be(HttpStatusCode.OK, "signing in again with the live code is harmless");

        // Hours: the session's minutes, then an external training recorded by the officer's form.
        var minutes = (int)Period.Between(start, end, PeriodUnits.Minutes).Minutes;
        var hours = await mineApi.GetFromJsonAsync<JsonElement>("/api/v1/me/training-hours");
        hours.GetProperty("hours").GetProperty("total").GetDecimal().Should().Be(Domain.Training.TrainingHours.Hours((int)(before * 60) + minutes));
        hours.GetProperty("items").EnumerateArray().Should().Contain(i => i.GetProperty("signedIn").GetBoolean() && i.GetProperty("source").GetString() == "扫码签到测试营");
        var recorded = await WorkforceApp.SubmitAsync(hr, "/Training/Hours", "#external-form", ("WorkerId", worker.Id.ToString(CultureInfo.InvariantCulture)), ("Title", "社会工作实务能力提升班"),
            ("Organiser", "市民政局"), ("CompletedOn", Iso(today)), ("Hours", "7.5"), ("CertificateNumber", "SZMZ-2026-0088"));
        recorded.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var tooMany = await WorkforceApp.SubmitAsync(hr, "/Training/Hours", "#external-form", ("WorkerId", worker.Id.ToString(CultureInfo.InvariantCulture)), ("Title", "x"),
            ("Organiser", "y"), ("CompletedOn", Iso(today)), ("Hours", "1.25"));
        (await hr.GetStringAsync(tooMany.Headers.Location!.OriginalString)).Should().Contain("以半小时为单位");
        var total = Domain.Training.TrainingHours.Hours((int)(before * 60) + minutes + 450);
        (await mineApi.GetFromJsonAsync<JsonElement>("/api/v1/me/training-hours")).GetProperty("hours").GetProperty("total").GetDecimal().Should().Be(total);
        var growth = Parser.ParseDocument(await trainee.GetStringAsync("/Me/Growth"));
        growth.QuerySelector("#my-hours")!.TextContent.Should().Contain(total.ToString("0.##", CultureInfo.InvariantCulture));
        growth.QuerySelector("#my-hours-bar").Should().NotBeNull();
        var list = Parser.ParseDocument(await hr.GetStringAsync($"/Training/Hours?OrgUnitId={worker.OrgUnitId}&ShortOnly=false"));
        list.QuerySelector($"#hours-table tr[data-worker='{worker.Id}']")!.TextContent.Should().Contain(total.ToString("0.##", CultureInfo.InvariantCulture));
        var report = await api.GetFromJsonAsync<JsonElement>($"/api/v1/training/hours?orgUnitId={worker.OrgUnitId}&shortOnly=false");
        report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("workerId").GetInt64() == worker.Id).GetProperty("hours").GetProperty("external").GetDecimal().Should().Be(7.5m);
        (await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "ExternalTraining"))).Should().BeTrue("an external training is audited");
    }

    /// <summary>
    /// A camp of the district from <paramref name="spareDays"/> days before today to as many after, with one course and a session
    /// running now (from ten minutes ago for an hour, kept within today), <paramref name="workerId"/> enrolled.
    /// </summary>
    internal static async Task<(long Camp, long Course, long Session, LocalTime Start, LocalTime End, LocalDate Today)> CampWithSessionNowAsync(HttpClient api, string name, long workerId, int spareDays)
    {
        var now = SystemClock.Instance.GetCurrentInstant().InZone(Shanghai).LocalDateTime;
        if (now.TimeOfDay > new LocalTime(23, 57))
        {
            // A session starts and ends on one day: wait for the new day rather than straddle midnight.
            await Task.Delay(TimeSpan.FromMinutes(3.1));
            now = SystemClock.Instance.GetCurrentInstant().InZone(Shanghai).LocalDateTime;
        }
        var today = now.Date;
        var camp = await (await api.PostAsJsonAsync("/api/v1/training/camps", new
        {
            name, start = Iso(today.PlusDays(-spareDays)), end = Iso(today.PlusDays(spareDays)), minAttendancePercent = 80, requireRequiredCoursesPassed = false,
        })).Content.ReadFromJsonAsync<JsonElement>();
        var campId = camp.GetProperty("id").GetInt64();
        var module = camp.GetProperty("modules").EnumerateArray().First().GetProperty("id").GetInt64();
        var course = await (await api.PostAsJsonAsync($"/api/v1/training/camps/{campId}/courses", new { moduleId = module, title = "网格服务实务", track = "Professional", required = false }))
            .Content.ReadFromJsonAsync<long>();
        var start = now.TimeOfDay < new LocalTime(0, 10) ? new LocalTime(0, 0) : now.TimeOfDay.PlusMinutes(-10);
        var end = now.TimeOfDay > new LocalTime(22, 59) ? new LocalTime(23, 59) : now.TimeOfDay.PlusMinutes(60);
        (start, end) = (new LocalTime(start.Hour, start.Minute), new LocalTime(end.Hour, end.Minute));
        var session = await SessionAsync(api, campId, today, start, end, course);
        (await api.PostAsJsonAsync($"/api/v1/training/camps/{campId}/enrolments", new { workerIds = new[] { workerId } })).StatusCode.Should().Be(HttpStatusCode.OK);
        return (campId, course, session, start, end, today);
    }

    private static async Task<long> SessionAsync(HttpClient api, long campId, LocalDate date, LocalTime from, LocalTime to, long course)
    {
        var created = await api.PostAsJsonAsync($"/api/v1/training/camps/{campId}/sessions", new { courseId = course, date = Iso(date), startTime = Hm(from), endTime = Hm(to), place = "区委党校 201", teacher = "王老师" });
        created.StatusCode.Should().Be(HttpStatusCode.OK, await created.Content.ReadAsStringAsync());
        return await created.Content.ReadFromJsonAsync<long>();
    }

    [Fact]
    public async Task OfficersSeeWhoIsShortByUnitWithinTheirScopeAndTheSignInScreenOfAnotherStreetsCampIsNotFound()
    {
        using var hr = await app.SignInAsync("hr");
        var page = Parser.ParseDocument(await hr.GetStringAsync("/Training/Hours"));
        page.QuerySelector("#hours-requirements")!.TextContent.Should().Contain("正职").And.Contain("48");
        page.QuerySelectorAll("#charts [data-chart]").Should().HaveCount(2, "hours by unit against the requirement, and people short by unit");
        var rows = page.QuerySelectorAll("#hours-table tbody tr[data-worker]").ToList();
        rows.Should().NotBeEmpty("demo workers have not met this year's requirement");
        var shorts = rows.Select(r => decimal.Parse(r.QuerySelectorAll("td")[7].TextContent, CultureInfo.InvariantCulture)).ToList();
        shorts.Should().BeInDescendingOrder("the most short first");
        var byName = Parser.ParseDocument(await hr.GetStringAsync("/Training/Hours?ShortOnly=false&Sort=name"));
        byName.QuerySelectorAll("#hours-table tbody tr[data-worker] td:first-child").Select(td => td.TextContent.Trim()).Should().BeInAscendingOrder(StringComparer.Ordinal);
        byName.QuerySelector("#hours-table th[aria-sort='ascending'] a[data-sort='name']").Should().NotBeNull("the column says how the list is sorted");
        var xlsx = await hr.GetAsync("/Training/Hours?format=xlsx");
        xlsx.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        // A camp of the district is outside a street officer's scope.
        var (campId, sessionId) = await app.WithDbAsync(async db =>
        {
            var districtId = await db.OrgUnits.Where(u => u.Code == "320508").Select(u => u.Id).SingleAsync();
            return await (from s in db.CourseSessions
                          join c in db.Courses on s.CourseId equals c.Id
                          join m in db.Set<Domain.Training.CampModule>() on c.ModuleId equals m.Id
                          join camp in db.TrainingCamps on m.CampId equals camp.Id
                          where camp.OrgUnitId == districtId
                          select new { camp.Id, Session = s.Id }).Select(x => ValueTuple.Create(x.Id, x.Session)).FirstAsync();
        });
        using var street = await app.SignInAsync("hr.street");
        (await street.GetAsync($"/Training/SignIn/{campId}?sessionId={sessionId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await street.GetAsync($"/Training/SignInState/{campId}?sessionId={sessionId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var other = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Name == "金阊街道").Select(u => u.Id).SingleAsync());
        (await street.GetAsync($"/Training/Hours?OrgUnitId={other}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
