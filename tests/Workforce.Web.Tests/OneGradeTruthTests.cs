using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Application.Payroll;
using Workforce.Payroll.Engine;

namespace Workforce.Web.Tests;

/// <summary>
/// One grade truth (issue 13, item 4): the yearly advancement the pay rules derive is recorded as a dated assignment, so the
/// registry, the stored current grade the lists filter on, 我的信息 and the payslip show the same grade. A fresh demo
/// district seeded without those records (as a district was before the job existed) shows the disagreement first.
/// </summary>
public sealed class OneGradeTruthTests : IDisposable
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"workforce-grades-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task TheYearlyAdvancementIsRecordedSoTheRegistryTheListsMyRecordAndThePayslipShowOneGrade()
    {
        using var app = KestrelApp.Http(_database, ("Demo:RecordAdvancements", "false"));
        var today = app.Services.GetRequiredService<BusinessCalendar>().Today;
        async Task<List<(long Worker, int Recorded, int Derived)>> GradesAsync()
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<Workforce.Data.WorkforceDbContext>();
            var rules = (await scope.ServiceProvider.GetRequiredService<PayRuleSets>().GetAsync(db)).ForDate(today);
            var path = await db.OrgUnits.Where(u => u.ParentId == null).Select(u => u.Path).SingleAsync();
            var recorded = await db.Workers.ToDictionaryAsync(w => w.Id, w => w.CurrentGrade);
            var entries = await PayrollFacts.LoadAsync(db, path, new YearMonth(today.Year, today.Month), CancellationToken.None);
            return [.. entries.Select(e => (e.Facts.WorkerId, recorded[e.Facts.WorkerId]!.Value, GradeCalculator.GradeAt(e.Facts, rules, today).Grade))];
        }

        var before = await GradesAsync();
        before.Should().Contain(g => g.Recorded != g.Derived, "without the records the registry lags behind the pay rules");

        // The on-demand run, year by year from the first rated year; the second run of a year adds nothing.
        using var hr = await app.ApiAsync("hr");
        var advanced = 0;
        for (var year = 2024; year < today.Year; year++)
        {
            var response = await hr.PostAsJsonAsync("/api/v1/workers/grade-advancement", new { year });
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            advanced += (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("advanced").GetInt32();
        }
        // This year's through the form on the workers page.
        using (var officer = await app.SignInAsync("hr"))
        {
            var posted = await WorkforceApp.SubmitAsync(officer, "/Workers", "#advancement-form", ("year", today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            posted.StatusCode.Should().Be(HttpStatusCode.Redirect);
            (await officer.GetStringAsync(posted.Headers.Location!.OriginalString)).Should().Contain($"{today.Year} 年度晋级：记录");
        }
        advanced += await app.WithDbAsync(db => db.PostAssignments.CountAsync(a => a.Reason != null && a.Start == new LocalDate(today.Year, 1, 1)));
        advanced.Should().BeGreaterThan(0);
        var again = await (await hr.PostAsJsonAsync("/api/v1/workers/grade-advancement", new { year = today.Year })).Content.ReadFromJsonAsync<JsonElement>();
        again.GetProperty("advanced").GetInt32().Should().Be(0);
        (await hr.PostAsJsonAsync("/api/v1/workers/grade-advancement", new { year = today.Year + 1 })).StatusCode.Should().Be(HttpStatusCode.BadRequest, "a 1 January still to come");
        using var street = await app.ApiAsync("hr.street");
        (await street.PostAsJsonAsync("/api/v1/workers/grade-advancement", new { year = today.Year })).StatusCode.Should().Be(HttpStatusCode.BadRequest, "district-wide only");

        var after = await GradesAsync();
        after.Should().OnlyContain(g => g.Recorded == g.Derived, "the registry holds the grade the rules derive");

        // Each step is a dated assignment with the rules' explanation, audited.
        var step = await app.WithDbAsync(db => db.PostAssignments.Where(a => a.Reason != null).OrderBy(a => a.Id).FirstAsync());
        step.Start.Day.Should().Be(1);
        step.Start.Month.Should().Be(1);
        StoredMessages.Deserialize(step.Reason).Single().Code.Should().BeOneOf("Grade.Advancement", "Grade.EarlyAdvancement");
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == "PostAssignment" && e.EntityId == step.Id.ToString()))).Should().BeGreaterThan(0);

        // The list filter, the worker page and the payslip agree.
        var moved = after.First(g => g.Worker == step.WorkerId);
        var list = await hr.GetFromJsonAsync<JsonElement>($"/api/v1/workers?grade={moved.Recorded}&pageSize=200");
        list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).Should().Contain(step.WorkerId);
        using var payroll = await app.ApiAsync("payroll");
        var month = (await payroll.GetFromJsonAsync<JsonElement>("/api/v1/payroll/order")).GetProperty("next").GetString()!;
        await PayrollTests.RunAsync(payroll, month);
        var payslipGrades = await app.WithDbAsync(db => db.Payslips.Where(p => p.Month == Months.Parse(month)!.Value).ToDictionaryAsync(p => p.WorkerId, p => p.Grade));
        foreach (var (worker, recorded, _) in after.Where(g => payslipGrades.ContainsKey(g.Worker)))
        {
            payslipGrades[worker].Should().Be(recorded, $"worker {worker}'s payslip pays the registry's grade");
        }

        // 我的信息: the trainee sees the grade their payslip pays.
        var trainee = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "trainee").Select(u => u.WorkerId!.Value).SingleAsync());
        using var me = await app.SignInAsync("trainee");
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await me.GetStringAsync("/"));
        var current = page.QuerySelectorAll("tr").First(r => r.TextContent.Contains("至今", StringComparison.Ordinal));
        current.QuerySelectorAll("td")[1].TextContent.Trim().Should().Be(payslipGrades[trainee].ToString(System.Globalization.CultureInfo.InvariantCulture));

        // A deviation is an officer's decision with a reason: recorded on the assignment, shown on the worker's page, and the
        // stored grade follows it.
        using var hrPage = await app.SignInAsync("hr");
        var decided = await WorkforceApp.SubmitAsync(hrPage, $"/Workers/Details/{step.WorkerId}", "#assign-post-form",
            ("AssignPost.Post", moved.Recorded >= 1 ? (await app.WithDbAsync(db => db.Workers.Where(w => w.Id == step.WorkerId).Select(w => w.CurrentPost).SingleAsync()))!.Value.ToString() : "Staff"),
            ("AssignPost.Grade", (moved.Recorded - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("AssignPost.AssignmentStart", today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            ("AssignPost.Reason", "年度考核复核后降一级（区人社局 2026 第 3 号）"));
        decided.StatusCode.Should().Be(HttpStatusCode.Redirect, await decided.Content.ReadAsStringAsync());
        (await hrPage.GetStringAsync($"/Workers/Details/{step.WorkerId}")).Should().Contain("年度考核复核后降一级（区人社局 2026 第 3 号）");
        (await app.WithDbAsync(db => db.Workers.Where(w => w.Id == step.WorkerId).Select(w => w.CurrentGrade).SingleAsync())).Should().Be(moved.Recorded - 1);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        ScratchDatabases.Delete(_database);
    }
}
