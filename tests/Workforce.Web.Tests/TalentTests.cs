using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workforce.Data.Identity;
using Workforce.Domain.Certification;
using Workforce.Domain.Organisation;
using Workforce.Domain.ReservePool;
using Workforce.Domain.Workers;
using Workforce.Payroll;
using Workforce.Payroll.Engine;
using Workforce.Payroll.Facts;
using Workforce.Payroll.Rules;
using Workforce.Application.Mentorship;
using Workforce.Application.Payroll;

namespace Workforce.Web.Tests;

/// <summary>Talent development through HTTP: reserve pool, training, certification, mentorship, and who may see what.</summary>
[Collection(AppCollection.Name)]
public class TalentTests(WorkforceApp app)
{
    /// <summary>A serving worker of a street (by code) who is in no pool and is not the demo trainee.</summary>
    private Task<Worker> FreeWorkerAsync(string streetCode, Post? post = null) => FreeWorkerAsync(app, streetCode, post);

    // A serving worker of the street who is not the demo trainee, not in the reserve pool and not enrolled in any camp.
    internal static Task<Worker> FreeWorkerAsync(ITestApp app, string streetCode, Post? post = null) => app.WithDbAsync(async db =>
    {
        var path = await db.OrgUnits.Where(u => u.Code == streetCode).Select(u => u.Path).SingleAsync();
        var trainee = await db.Users.Where(u => u.UserName == "trainee").Select(u => u.WorkerId).SingleAsync();
        var candidates = await db.Workers.AsNoTracking().Include(w => w.PostAssignments)
            .Where(w => w.LeaveDate == null && w.Id != trainee && db.OrgUnits.Any(u => u.Id == w.OrgUnitId && u.Path.StartsWith(path))
                && !db.ReserveEntries.Any(e => e.OpenWorkerId == w.Id) && !db.Enrolments.Any(e => e.WorkerId == w.Id))
            .OrderBy(w => w.Id).ToListAsync();
        candidates.Should().NotBeEmpty($"street {streetCode} has free workers");
        return candidates.First(w => post is null || w.PostAssignments.OrderBy(a => a.Start).Last().Post == post);
    });

    [Fact]
    public async Task ComplianceCountsActiveReservesAgainstOneSecretaryPostPerCommunity()
    {
        using var hr = await app.ApiAsync("hr.street");
        var report = await hr.GetFromJsonAsync<JsonElement>("/api/v1/reserve-pool/compliance");

        var expected = await app.WithDbAsync(async db =>
        {
            var path = await db.OrgUnits.Where(u => u.Code == "320508001").Select(u => u.Path).SingleAsync();
            var communities = await db.OrgUnits.Where(u => u.Type == OrgUnitType.Community && u.Path.StartsWith(path)).Select(u => u.Id).ToListAsync();
            var active = await db.ReserveEntries.Where(e => e.Status == ReserveStatus.Active && communities.Contains(e.CommunityId))
                .GroupBy(e => e.CommunityId).ToDictionaryAsync(g => g.Key, g => g.Count());
            return communities.ToDictionary(c => c, c => active.GetValueOrDefault(c));
        });
        var rows = report.GetProperty("communities").EnumerateArray().ToList();
        rows.Should().HaveCount(expected.Count, "a street officer sees the communities of the street only");
        foreach (var row in rows)
        {
            var active = expected[row.GetProperty("communityId").GetInt64()];
            row.GetProperty("secretaryPosts").GetInt32().Should().Be(1);
            row.GetProperty("activeReserves").GetInt32().Should().Be(active);
            row.GetProperty("ratio").GetDecimal().Should().Be(active);
            row.GetProperty("compliant").GetBoolean().Should().Be(active >= 2);
            row.GetProperty("shortfall").GetInt32().Should().Be(Math.Max(0, 2 - active));
        }
        var totals = report.GetProperty("totals");
        totals.GetProperty("activeReserves").GetInt32().Should().Be(expected.Values.Sum());
        totals.GetProperty("shortfall").GetInt32().Should().Be(expected.Values.Sum(a => Math.Max(0, 2 - a)));
        rows.Should().Contain(r => r.GetProperty("compliant").GetBoolean(), "the demo street has compliant communities")
            .And.Contain(r => !r.GetProperty("compliant").GetBoolean(), "and communities that are short");

        using var page = await app.SignInAsync("hr.street");
        var html = new HtmlParser().ParseDocument(await page.GetStringAsync("/ReservePool"));
        html.QuerySelectorAll("#compliance-table tbody tr").Should().HaveCount(expected.Count, "a street officer's page lists the street's communities");
        html.QuerySelector("#fig-shortfall")!.TextContent.Trim().Should().Be(totals.GetProperty("shortfall").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task AReserveIsNominatedVettedReviewedAndPromotedWithAReslottedHeadPost()
    {
        var worker = await FreeWorkerAsync("320508002", Post.Deputy); // the small test district has heads and deputies only
        var current = worker.PostAssignments.Single(a => a.End == null);
        using var hr = await app.ApiAsync("hr");

        var created = await hr.PostAsJsonAsync("/api/v1/reserve-pool/entries", new { workerId = worker.Id, source = "BranchRecommendation", nominatedOn = "2026-02-01", note = "支部推荐" });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var again = await hr.PostAsJsonAsync("/api/v1/reserve-pool/entries", new { workerId = worker.Id, source = "SelfNomination" });
        again.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await again.Content.ReadAsStringAsync()).Should().Contain("同一时间只能在一个社区的库中");

        (await hr.PostAsJsonAsync($"/api/v1/reserve-pool/entries/{id}/vetting", new { date = "2026-02-20", approved = true, note = "考察合格" })).StatusCode.Should().Be(HttpStatusCode.OK);
        var review = await hr.PostAsJsonAsync($"/api/v1/reserve-pool/entries/{id}/reviews", new { period = "Monthly", date = "2026-03-20", rating = "Excellent", note = "牵头完成加装电梯协调" });
        review.StatusCode.Should().Be(HttpStatusCode.OK);
        (await review.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reviews").GetInt32().Should().Be(1);
        var badReview = await hr.PostAsJsonAsync($"/api/v1/reserve-pool/entries/{id}/reviews", new { period = "Monthly", date = "2026-01-01", rating = "Qualified", note = "x" });
        badReview.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a review cannot precede the entry date");

        var promoted = await hr.PostAsJsonAsync($"/api/v1/reserve-pool/entries/{id}/promote", new { date = "2026-07-01" });
        promoted.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await promoted.Content.ReadFromJsonAsync<JsonElement>();
        var expectedGrade = Math.Max(7, GradeCalculator.Reslot(RuleSetProfiles.Suzhou(), Post.Deputy, current.Grade.Value, Post.Head));
        body.GetProperty("toGrade").GetInt32().Should().Be(expectedGrade);
        body.GetProperty("entry").GetProperty("status").GetString().Should().Be("Promoted");

        var after = await app.WithDbAsync(db => db.Workers.Include(w => w.PostAssignments).AsNoTracking().SingleAsync(w => w.Id == worker.Id));
        after.PostOn(new LocalDate(2026, 7, 1))!.Post.Should().Be(Post.Head);
        after.PostOn(new LocalDate(2026, 7, 1))!.Grade.Value.Should().Be(expectedGrade);
        after.PostOn(new LocalDate(2026, 6, 30))!.Post.Should().Be(Post.Deputy, "the post change takes effect on the promotion date, visible to payroll");
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(ReserveEntry) && a.EntityId == id.ToString()))).Should().BeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public async Task ReservePoolIsForHrOfficersAndStaysInsideTheirScope()
    {
        var otherStreetEntry = await app.WithDbAsync(async db =>
        {
            var path = await db.OrgUnits.Where(u => u.Code == "320508001").Select(u => u.Path).SingleAsync();
            return await db.ReserveEntries.Where(e => db.OrgUnits.Any(u => u.Id == e.CommunityId && u.Path.StartsWith(path))).Select(e => e.Id).FirstAsync();
        });
        using (var payroll = await app.ApiAsync("payroll"))
        {
            (await payroll.GetAsync("/api/v1/reserve-pool/compliance")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        }
        using (var trainee = await app.ApiAsync("trainee"))
        {
            (await trainee.GetAsync($"/api/v1/reserve-pool/entries/{otherStreetEntry}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
        await CreateStreetOfficerAsync("hr.canglang", "320508002");
        using var canglang = await app.ApiAsync("hr.canglang");
        (await canglang.GetAsync($"/api/v1/reserve-pool/entries/{otherStreetEntry}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await canglang.PostAsJsonAsync($"/api/v1/reserve-pool/entries/{otherStreetEntry}/promote", new { date = "2026-07-01" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var pingjiangWorker = await FreeWorkerAsync("320508001");
        var nominate = await canglang.PostAsJsonAsync("/api/v1/reserve-pool/entries", new { workerId = pingjiangWorker.Id, source = "Organisation" });
        nominate.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a worker outside the officer's street cannot be nominated");
        using var page = await app.SignInAsync("hr.canglang");
        (await page.GetAsync($"/ReservePool/Details/{otherStreetEntry}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ACampRunsFromPlanToCompletionAndTheTraineeSeesOnlyTheirOwnProgress()
    {
        var district = await app.WithDbAsync(db => db.OrgUnits.SingleAsync(u => u.Code == "320508"));
        var trainee2Worker = await FreeWorkerAsync("320508003");
        await CreateTraineeAsync("trainee.two", trainee2Worker.Id);
        using var hr = await app.ApiAsync("hr");

        var camp = await (await hr.PostAsJsonAsync("/api/v1/training/camps", new
        {
            name = "2026年第二期学习成长营", orgUnitId = district.Id, start = "2026-09-01", end = "2026-12-31", minAttendancePercent = 75, requireRequiredCoursesPassed = true,
        })).Content.ReadFromJsonAsync<JsonElement>();
        var campId = camp.GetProperty("id").GetInt64();
        var modules = camp.GetProperty("modules").EnumerateArray().ToList();
        modules.Select(m => m.GetProperty("kind").GetString()).Should().Equal("SmallClass", "WeekendClass", "Practice", "FollowUp");
        var course = await (await hr.PostAsJsonAsync($"/api/v1/training/camps/{campId}/courses", new { moduleId = modules[0].GetProperty("id").GetInt64(), title = "社区治理法规", track = "Professional", required = true, passScore = 60 }))
            .Content.ReadFromJsonAsync<long>();
        var sessions = new List<long>();
        foreach (var day in new[] { "2026-09-05", "2026-09-12", "2026-09-19", "2026-09-26" })
        {
            var s = await hr.PostAsJsonAsync($"/api/v1/training/camps/{campId}/sessions", new { courseId = course, date = day, startTime = "09:00", endTime = "11:00", place = "区委党校", teacher = "李老师" });
            s.StatusCode.Should().Be(HttpStatusCode.OK);
            sessions.Add(await s.Content.ReadFromJsonAsync<long>());
        }
        var outside = await hr.PostAsJsonAsync($"/api/v1/training/camps/{campId}/sessions", new { courseId = course, date = "2027-01-05", startTime = "09:00", endTime = "11:00", place = "x", teacher = "y" });
        outside.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var enrol = await hr.PostAsJsonAsync($"/api/v1/training/camps/{campId}/enrolments", new { workerIds = new[] { trainee2Worker.Id }, activeReserves = true });
        var activeReserves = await app.WithDbAsync(db => db.ReserveEntries.CountAsync(e => e.Status == ReserveStatus.Active));
        (await enrol.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("added").GetInt32().Should().Be(activeReserves + 1);

        // Three of four sessions attended (75%) and the required course passed: complete.
        for (var i = 0; i < 4; i++)
        {
            var marked = await hr.PostAsJsonAsync($"/api/v1/training/sessions/{sessions[i]}/attendance", new { marks = new[] { new { workerId = trainee2Worker.Id, present = i != 2 } } });
            marked.StatusCode.Should().Be(HttpStatusCode.OK);
        }
        var early = await hr.PostAsync($"/api/v1/training/camps/{campId}/completions/{trainee2Worker.Id}", null);
        early.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await early.Content.ReadAsStringAsync()).Should().Contain("社区治理法规");
        (await hr.PostAsJsonAsync($"/api/v1/training/camps/{campId}/courses/{course}/results", new { workerId = trainee2Worker.Id, assignmentSubmitted = true, score = 82.5 })).StatusCode.Should().Be(HttpStatusCode.OK);
        var done = await hr.PostAsync($"/api/v1/training/camps/{campId}/completions/{trainee2Worker.Id}", null);
        done.StatusCode.Should().Be(HttpStatusCode.OK);
        (await done.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("completionNumber").GetString().Should().StartWith("JY2026-");

        using var me2 = await app.ApiAsync("trainee.two");
        var mine = await me2.GetFromJsonAsync<JsonElement>("/api/v1/me/training");
        var only = mine.EnumerateArray().Should().ContainSingle().Subject;
        only.GetProperty("campId").GetInt64().Should().Be(campId);
        only.GetProperty("attended").GetInt32().Should().Be(3);
        only.GetProperty("total").GetInt32().Should().Be(4);
        only.GetProperty("percent").GetInt32().Should().Be(75);
        only.GetProperty("passed").GetInt32().Should().Be(1);
        only.GetProperty("required").GetInt32().Should().Be(1);
        only.GetProperty("complete").GetBoolean().Should().BeTrue();
        var courseProgress = only.GetProperty("modules")[0].GetProperty("courses")[0];
        (courseProgress.GetProperty("attended").GetInt32(), courseProgress.GetProperty("total").GetInt32(), courseProgress.GetProperty("score").GetDecimal())
            .Should().Be((3, 4, 82.5m));

        using var me1 = await app.ApiAsync("trainee");
        var first = await me1.GetFromJsonAsync<JsonElement>("/api/v1/me/training");
        first.EnumerateArray().Should().NotContain(c => c.GetProperty("campId").GetInt64() == campId, "the demo trainee is not in this camp and never sees it");
        (await me2.GetAsync($"/api/v1/training/camps/{campId}/progress")).StatusCode.Should().Be(HttpStatusCode.NotFound, "a trainee cannot read the cohort");
        (await me2.GetAsync("/api/v1/workers/" + trainee2Worker.Id)).StatusCode.Should().Be(HttpStatusCode.NotFound);

        using var page = await app.SignInAsync("trainee");
        var html = await page.GetStringAsync("/Me/Growth");
        html.Should().NotContain("2026年第二期学习成长营").And.Contain("2026年姑苏区社区后备人才学习成长营");
        (await page.GetAsync($"/Training/Details/{campId}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "an officer page naming an object is not found for a trainee");
    }

    [Fact]
    public async Task OnlyAVerifiedCertificateFeedsThePayrollIncentiveFromTheMonthAfterRegistration()
    {
        var worker = await FreeWorkerAsync("320508004");
        using var hr = await app.SignInAsync("hr");
        var token = await WorkforceApp.FormTokenAsync(hr, "/Certificates");
        var number = "SW" + Guid.NewGuid().ToString("N")[..10];
        var recorded = await hr.PostAsync("/Certificates/Create", WorkforceApp.Form(token, ("Input.WorkerId", worker.Id.ToString()), ("Input.Level", "SocialWorker"),
            ("Input.Number", number), ("Input.RegisteredOn", "2026-03-10")));
        recorded.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var duplicate = await hr.PostAsync("/Certificates/Create", WorkforceApp.Form(token, ("Input.WorkerId", worker.Id.ToString()), ("Input.Level", "SocialWorker"),
            ("Input.Number", number), ("Input.RegisteredOn", "2026-03-10")));
        duplicate.StatusCode.Should().Be(HttpStatusCode.OK, "the form is shown again with the error");
        (await duplicate.Content.ReadAsStringAsync()).Should().Contain(number);

        var rules = RuleSetProfiles.Suzhou();
        Payslip April() => app.WithDbAsync(db => PayrollFacts.LoadWorkerAsync(db, worker.Id, new YearMonth(2026, 4), CancellationToken.None))
            .ContinueWith(t => PayrollEngine.Calculate(new YearMonth(2026, 4), t.Result!, YearToDate.Empty(2026), rules)).Result;
        April().Lines.Should().NotContain(l => l.Code == "CERT_ALLOWANCE", "an unverified certificate does not count");

        var certificateId = await app.WithDbAsync(db => db.Certificates.Where(c => c.Number == number).Select(c => c.Id).SingleAsync());
        (await hr.PostAsync($"/Certificates/Verify/{certificateId}", WorkforceApp.Form(token))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.Certificates.SingleAsync(c => c.Id == certificateId))).VerifiedBy.Should().Be("hr");
        April().Lines.Should().ContainSingle(l => l.Code == "CERT_ALLOWANCE").Which.Amount.Should().Be(Money.FromYuan(300m));
        var march = await app.WithDbAsync(db => PayrollFacts.LoadWorkerAsync(db, worker.Id, new YearMonth(2026, 3), CancellationToken.None));
        PayrollEngine.Calculate(new YearMonth(2026, 3), march!, YearToDate.Empty(2026), rules).Lines
            .Should().NotContain(l => l.Code == "CERT_ALLOWANCE", "the incentive starts the month after registration");

        var figures = new HtmlParser().ParseDocument(await hr.GetStringAsync("/Certificates"));
        int.Parse(figures.QuerySelector("#certified-total")!.TextContent, System.Globalization.CultureInfo.InvariantCulture)
            .Should().Be(await app.WithDbAsync(db => db.Certificates.Where(c => c.VerifiedOn != null && db.Workers.Any(w => w.Id == c.WorkerId && w.LeaveDate == null)).Select(c => c.WorkerId).Distinct().CountAsync()));
    }

    [Fact]
    public async Task TheNightlyFollowUpFlagsOverdueReviewsAndMissingCheckIns()
    {
        var (reserves, pairings) = await app.WithDbAsync(async db =>
        {
            using var scope = app.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<NightlyFollowUp>().MarkOverdueAsync(CancellationToken.None);
        });
        var today = await app.WithDbAsync(db => Task.FromResult(app.Services.GetRequiredService<Workforce.Application.Common.BusinessCalendar>().Today));
        var expectedReserves = await app.WithDbAsync(async db => (await db.ReserveEntries.Include(e => e.Reviews).Where(e => e.Status == ReserveStatus.Active).ToListAsync())
            .Count(e => e.IsReviewOverdue(today, 31)));
        reserves.Should().Be(expectedReserves);
        (await app.WithDbAsync(db => db.ReserveEntries.CountAsync(e => e.ReviewOverdue))).Should().Be(expectedReserves);
        pairings.Should().BeGreaterThan(0, "the demo pairing has no talks after August");
        var stored = await app.WithDbAsync(db => db.Mentorships.Include(m => m.CheckIns).FirstAsync());
        stored.OverdueCheckIns.Should().Be(stored.MissingCheckIns(today).Count);

        using var hr = await app.SignInAsync("hr");
        var list = new HtmlParser().ParseDocument(await hr.GetStringAsync("/Mentorships?overdue=true"));
        list.QuerySelectorAll("#mentorship-table tbody tr .badge").Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("/ReservePool")]
    [InlineData("/ReservePool/Nominate?q=王")]
    [InlineData("/Training")]
    [InlineData("/Certificates")]
    [InlineData("/Mentorships")]
    [InlineData("/ReservePool/Export")]
    [InlineData("/Certificates/Export")]
    [InlineData("/Mentorships/Export?overdue=true")]
    public async Task TalentPagesRenderForHrAndRedirectOthers(string path)
    {
        using var hr = await app.SignInAsync("hr");
        var ok = await hr.GetAsync(path);
        ok.StatusCode.Should().Be(HttpStatusCode.OK);
        using var payroll = await app.SignInAsync("payroll");
        var denied = await payroll.GetAsync(path);
        denied.StatusCode.Should().Be(HttpStatusCode.Redirect);
        denied.Headers.Location!.ToString().Should().Contain("/Account/AccessDenied");
    }

    [Fact]
    public async Task DetailPagesOfTheDemoDataRender()
    {
        using var hr = await app.SignInAsync("hr");
        var (entry, camp, pairing) = await app.WithDbAsync(async db => (await db.ReserveEntries.Select(e => e.Id).FirstAsync(),
            await db.TrainingCamps.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(), await db.Mentorships.Select(m => m.Id).FirstAsync()));
        (await hr.GetStringAsync($"/ReservePool/Details/{entry}")).Should().Contain("review-table");
        var campPage = new HtmlParser().ParseDocument(await hr.GetStringAsync($"/Training/Details/{camp}"));
        campPage.QuerySelectorAll("#cohort-table progress").Should().NotBeEmpty();
        var sessionLink = campPage.QuerySelector("a[href*='/Training/Session/']")!.GetAttribute("href")!;
        (await hr.GetStringAsync(sessionLink)).Should().Contain("attendance-table");
        (await hr.GetStringAsync($"/Mentorships/Details/{pairing}")).Should().Contain("missing-checkins");
        (await hr.GetAsync($"/Training/Export/{camp}")).Content.Headers.ContentType!.MediaType.Should().Contain("spreadsheetml");
    }

    private Task CreateTraineeAsync(string userName, long workerId) => CreateTraineeAsync(app, userName, workerId);

    // A trainee account linked to a worker (once).
    internal static async Task CreateTraineeAsync(ITestApp app, string userName, long workerId)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByNameAsync(userName) is not null)
        {
            return;
        }
        var user = new ApplicationUser { UserName = userName, DisplayName = userName, WorkerId = workerId };
        (await users.CreateAsync(user, WorkforceApp.Password)).Succeeded.Should().BeTrue();
        (await users.AddToRoleAsync(user, Roles.Trainee)).Succeeded.Should().BeTrue();
    }

    private async Task CreateStreetOfficerAsync(string userName, string streetCode)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByNameAsync(userName) is not null)
        {
            return;
        }
        var street = await app.WithDbAsync(db => db.OrgUnits.SingleAsync(u => u.Code == streetCode));
        var user = new ApplicationUser { UserName = userName, DisplayName = userName, OrgUnitId = street.Id };
        (await users.CreateAsync(user, WorkforceApp.Password)).Succeeded.Should().BeTrue();
        (await users.AddToRoleAsync(user, Roles.HrOfficer)).Succeeded.Should().BeTrue();
    }
}
