using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workforce.Data.Identity;
using Workforce.Domain.Certification;
using Workforce.Domain.Pay;
using Workforce.Domain.Workers;

namespace Workforce.Web.Tests;

/// <summary>
/// Monthly payroll through the API: runs, re-runs, approval and lock, retroactive corrections and who
/// may see what. The months 2026-01 … 2026-04 are computed once (in order, each locked before the
/// next) by <see cref="ScenarioAsync"/>; the tests read its results.
/// </summary>
[Collection(AppCollection.Name)]
public class PayrollTests(WorkforceApp app)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Scenario? s_scenario;

    /// <summary>What the scenario did.</summary>
    private sealed record Scenario(Dictionary<string, int> Expected, long CertifiedWorker, string CertificateAllowance,
        List<long> FirstRunIds, JsonElement MarchRetroPayslip, JsonElement AprilPayslip, HttpStatusCode RunLocked, HttpStatusCode HrApprove,
        string OwnApproval, string PeriodPageForRunner);

    /// <summary>Runs a month through the API and waits for the run to end; returns the run JSON.</summary>
    public static async Task<JsonElement> RunAsync(HttpClient api, string month)
    {
        var start = await api.PostAsync($"/api/v1/payroll/periods/{month}/runs", null);
        start.StatusCode.Should().Be(HttpStatusCode.Accepted, await start.Content.ReadAsStringAsync());
        var runId = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString();
        for (var i = 0; i < 600; i++)
        {
            var run = await api.GetFromJsonAsync<JsonElement>($"/api/v1/payroll/runs/{runId}");
            if (run.GetProperty("status").GetString() != "Running")
            {
                run.GetProperty("status").GetString().Should().Be("Succeeded", run.ToString());
                run.GetProperty("total").GetInt32().Should().BeGreaterThan(0);
                run.GetProperty("processed").GetInt32().Should().Be(run.GetProperty("total").GetInt32(), "a finished run reports processed / total");
                return run;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("run " + runId);
    }

    private static Task<int> InServiceAsync(WorkforceApp app, YearMonth month) => app.WithDbAsync(db =>
    {
        var first = month.OnDayOfMonth(1);
        var last = month.OnDayOfMonth(CalendarSystem.Iso.GetDaysInMonth(month.Year, month.Month));
        return db.Workers.CountAsync(w => w.HireDate <= last && (w.LeaveDate == null || w.LeaveDate >= first));
    });

    private Task<Scenario> ScenarioAsync() => ScenarioAsync(app);

    /// <summary>
    /// The shared district's payroll scenario (go-live January 2026, January to April locked), built once. Months are paid in
    /// order, so every test that runs payroll in the shared database calls this first and then runs <see cref="NextMonthAsync"/>.
    /// </summary>
    private static async Task<Scenario> ScenarioAsync(WorkforceApp app)
    {
        await Gate.WaitAsync();
        try
        {
            return s_scenario ??= await BuildAsync(app);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Builds the scenario if no test has yet; see <see cref="ScenarioAsync(WorkforceApp)"/>.</summary>
    internal static Task EnsureScenarioAsync(WorkforceApp app) => ScenarioAsync(app);

    /// <summary>The month the shared district pays next (after the scenario).</summary>
    internal static async Task<YearMonth> NextMonthAsync(WorkforceApp app)
    {
        await EnsureScenarioAsync(app);
        using var payroll = await app.ApiAsync("payroll");
        var order = await payroll.GetFromJsonAsync<JsonElement>("/api/v1/payroll/order");
        return Workforce.Application.Common.Months.Parse(order.GetProperty("next").GetString())!.Value;
    }

    private static async Task<Scenario> BuildAsync(WorkforceApp app)
    {
        using var payroll = await app.ApiAsync("payroll");
        using var check = await app.ApiAsync("payroll.check");
        using var hr = await app.ApiAsync("hr");
        var expected = new Dictionary<string, int>();

        // Go-live: the payroll officer chooses January 2026 as the first month on the periods page.
        // The demo district holds opening balances as of the month before its seeded first month: January is refused until the
        // officer deletes them on the opening-balances page.
        using (var officer = await app.SignInAsync("payroll"))
        {
            var refused = await WorkforceApp.SubmitAsync(officer, "/Payroll", "#first-month-form", ("month", "2026-01"));
            refused.StatusCode.Should().Be(HttpStatusCode.Redirect);
            (await officer.GetStringAsync(refused.Headers.Location!.OriginalString)).Should().Contain("的期初累计，首个计薪月份只能是");
            var cleared = await WorkforceApp.SubmitAsync(officer, "/OpeningBalances", "#opening-clear-form");
            cleared.StatusCode.Should().Be(HttpStatusCode.Redirect);
            (await officer.GetStringAsync("/OpeningBalances")).Should().Contain("尚无期初累计");
            var chosen = await WorkforceApp.SubmitAsync(officer, "/Payroll", "#first-month-form", ("month", "2026-01"));
            chosen.StatusCode.Should().Be(HttpStatusCode.Redirect);
        }
        (await payroll.GetFromJsonAsync<JsonElement>("/api/v1/payroll/order")).GetProperty("next").GetString().Should().Be("2026-01");

        // January, twice: the second run replaces the first atomically.
        await RunAsync(payroll, "2026-01");
        var firstIds = await app.WithDbAsync(db => db.Payslips.Where(p => p.Month == new YearMonth(2026, 1)).Select(p => p.Id).ToListAsync());
        await RunAsync(payroll, "2026-01");
        expected["2026-01"] = await InServiceAsync(app, new YearMonth(2026, 1));
        var hrApprove = (await hr.PostAsync("/api/v1/payroll/periods/2026-01/approve", null)).StatusCode;
        // Four eyes: the officer who ran the month cannot approve it; a second payroll officer can.
        var own = await payroll.PostAsync("/api/v1/payroll/periods/2026-01/approve", null);
        own.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var ownApproval = await own.Content.ReadAsStringAsync();
        string runnerPage;
        using (var officer = await app.SignInAsync("payroll"))
        {
            runnerPage = await officer.GetStringAsync("/Payroll/Period/2026-01");
        }
        (await check.PostAsync("/api/v1/payroll/periods/2026-01/approve", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await payroll.PostAsync("/api/v1/payroll/periods/2026-01/lock", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        var runLocked = (await payroll.PostAsync("/api/v1/payroll/periods/2026-01/runs", null)).StatusCode;

        await RunAsync(payroll, "2026-02");
        expected["2026-02"] = await InServiceAsync(app, new YearMonth(2026, 2));
        (await check.PostAsync("/api/v1/payroll/periods/2026-02/approve", null)).EnsureSuccessStatusCode();
        (await payroll.PostAsync("/api/v1/payroll/periods/2026-02/lock", null)).EnsureSuccessStatusCode();

        // A certificate registered in December 2025 is verified only now: January and February were paid without it.
        var (workerId, allowance) = await app.WithDbAsync(async db =>
        {
            var worker = await db.Workers.Include(w => w.Certificates).Where(w => w.LeaveDate == null && w.HireDate < new LocalDate(2025, 1, 1)
                && !w.Certificates.Any()).OrderBy(w => w.Id).FirstAsync();
            var certificate = worker.AddCertificate(CertificateLevel.AssistantSocialWorker, "RETRO-" + worker.Id, new LocalDate(2025, 12, 10));
            certificate.Verify(new LocalDate(2026, 3, 5), "test");
            await db.SaveChangesAsync();
            return (worker.Id, Workforce.Payroll.Rules.RuleSetProfiles.Suzhou().CertificateAllowance(CertificateLevel.AssistantSocialWorker));
        });

        await RunAsync(payroll, "2026-03");
        await RunAsync(payroll, "2026-03");
        expected["2026-03"] = await InServiceAsync(app, new YearMonth(2026, 3));
        var marchId = await app.WithDbAsync(db => db.Payslips.Where(p => p.Month == new YearMonth(2026, 3) && p.WorkerId == workerId).Select(p => p.Id).SingleAsync());
        var march = await payroll.GetFromJsonAsync<JsonElement>($"/api/v1/payroll/payslips/{marchId}");
        (await check.PostAsync("/api/v1/payroll/periods/2026-03/approve", null)).EnsureSuccessStatusCode();
        (await payroll.PostAsync("/api/v1/payroll/periods/2026-03/lock", null)).EnsureSuccessStatusCode();

        await RunAsync(payroll, "2026-04");
        expected["2026-04"] = await InServiceAsync(app, new YearMonth(2026, 4));
        var aprilId = await app.WithDbAsync(db => db.Payslips.Where(p => p.Month == new YearMonth(2026, 4) && p.WorkerId == workerId).Select(p => p.Id).SingleAsync());
        var april = await payroll.GetFromJsonAsync<JsonElement>($"/api/v1/payroll/payslips/{aprilId}");
        (await check.PostAsync("/api/v1/payroll/periods/2026-04/approve", null)).EnsureSuccessStatusCode();
        (await payroll.PostAsync("/api/v1/payroll/periods/2026-04/lock", null)).EnsureSuccessStatusCode();
        return new Scenario(expected, workerId, allowance.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), firstIds, march, april, runLocked, hrApprove,
            ownApproval, runnerPage);
    }

    [Fact]
    public async Task TheBankFileOfAMonthUsesTheSalaryAccountsRecordedWhenTheMonthWasApproved()
    {
        var month = await NextMonthAsync(app);
        var label = Workforce.Application.Common.Months.Label(month);
        using var payroll = await app.ApiAsync("payroll");
        await RunAsync(payroll, label);
        var (workerId, before) = await app.WithDbAsync(async db =>
        {
            var id = await db.Payslips.Where(p => p.Month == month && db.BankAccounts.Any(b => b.WorkerId == p.WorkerId)).OrderBy(p => p.WorkerId).Select(p => p.WorkerId).FirstAsync();
            return (id, (await db.BankAccounts.SingleAsync(b => b.WorkerId == id)).Number.Value);
        });
        using (var check = await app.ApiAsync("payroll.check"))
        {
            (await check.PostAsync($"/api/v1/payroll/periods/{label}/approve", null)).EnsureSuccessStatusCode();
        }

        const string After = "6222000011112222333";
        var changed = await payroll.PutAsJsonAsync($"/api/v1/pay-facts/salary-accounts/{workerId}", new { bankName = "新开户银行", accountNumber = After });
        changed.StatusCode.Should().Be(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        (await payroll.PostAsync($"/api/v1/payroll/periods/{label}/lock", null)).EnsureSuccessStatusCode();

        using var officer = await app.SignInAsync("payroll");
        var csv = await officer.GetStringAsync($"/Payroll/BankFile/{label}");
        csv.Should().Contain(before, "the account in force when the month was approved").And.NotContain(After).And.NotContain("新开户银行");
        var recorded = await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "BankAccountsRecorded"));
        recorded.Should().BeTrue();
    }

    [Fact]
    public async Task ARunComputesEveryWorkerInServiceOnceAndTheTotalsAreTheSumsOfThePayslips()
    {
        var s = await ScenarioAsync();
        using var payroll = await app.ApiAsync("payroll");
        foreach (var (month, count) in s.Expected)
        {
            var period = await payroll.GetFromJsonAsync<JsonElement>($"/api/v1/payroll/periods/{month}");
            period.GetProperty("status").GetString().Should().Be("Locked");
            period.GetProperty("payslips").GetInt32().Should().Be(count, $"{month}: one payslip per worker in service");
            var ym = new YearMonth(int.Parse(month[..4]), int.Parse(month[5..]));
            var (rows, net, gross) = await app.WithDbAsync(async db => (
                await db.Payslips.CountAsync(p => p.Month == ym),
                await db.Payslips.Where(p => p.Month == ym).SumAsync(p => p.NetFen),
                await db.Payslips.Where(p => p.Month == ym).SumAsync(p => p.GrossFen)));
            rows.Should().Be(count, "no duplicates are stored");
            period.GetProperty("net").GetString().Should().Be((net / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
            period.GetProperty("gross").GetString().Should().Be((gross / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        }
        var leftovers = await app.WithDbAsync(db => db.Payslips.CountAsync(p => s.FirstRunIds.Contains(p.Id)));
        leftovers.Should().Be(0, "a re-run before approval replaces the previous payslips");
    }

    [Fact]
    public async Task TheOfficerWhoRanAMonthCannotApproveItAndThePeriodPageSaysWhoMay()
    {
        var s = await ScenarioAsync();
        s.OwnApproval.Should().Contain("四眼原则");
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(s.PeriodPageForRunner);
        page.QuerySelector("#approve").Should().BeNull("the runner is not offered the approval");
        page.QuerySelector("#who-approves")!.TextContent.Should().Contain("须由另一名薪酬专员或管理员审批");
        var period = await app.WithDbAsync(db => db.PayPeriods.SingleAsync(p => p.Month == new YearMonth(2026, 1)));
        var (runner, checker) = await app.WithDbAsync(async db => (
            await db.Users.Where(u => u.UserName == "payroll").Select(u => u.Id).SingleAsync(),
            await db.Users.Where(u => u.UserName == "payroll.check").Select(u => u.Id).SingleAsync()));
        (period.CalculatedBy, period.ApprovedBy).Should().Be((runner, checker));
        period.ApprovedAt.Should().NotBeNull();
        using var checkPage = await app.SignInAsync("payroll.check");
        var locked = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await checkPage.GetStringAsync("/Payroll/Period/2026-01"));
        locked.QuerySelector("#period-officers")!.TextContent.Should().Contain("区薪酬专员").And.Contain("区薪酬复核员");
    }

    [Fact]
    public async Task MonthEndChecksReconcileTheTotalsAndTheBankFileAndListWhoChangedAndWhy()
    {
        var s = await ScenarioAsync();
        using var payroll = await app.ApiAsync("payroll");
        var march = await payroll.GetFromJsonAsync<JsonElement>("/api/v1/payroll/periods/2026-03/checks");
        var (gross, net, deductions, tax, paid, withAccount, netBefore, netNow) = await app.WithDbAsync(async db =>
        {
            var m = db.Payslips.Where(p => p.Month == new YearMonth(2026, 3));
            return (await m.SumAsync(p => p.GrossFen), await m.SumAsync(p => p.NetFen), await m.SumAsync(p => p.DeductionsFen), await m.SumAsync(p => p.TaxFen),
                await m.CountAsync(), await m.CountAsync(p => db.BankAccounts.Any(b => b.WorkerId == p.WorkerId)),
                await db.Payslips.Where(p => p.Month == new YearMonth(2026, 2) && p.WorkerId == s.CertifiedWorker).Select(p => p.NetFen).SingleAsync(),
                await m.Where(p => p.WorkerId == s.CertifiedWorker).Select(p => p.NetFen).SingleAsync());
        });
        static string Yuan(long fen) => (fen / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        march.GetProperty("totalsBalanced").GetBoolean().Should().BeTrue();
        (march.GetProperty("gross").GetString(), march.GetProperty("net").GetString(), march.GetProperty("deductions").GetString(), march.GetProperty("tax").GetString())
            .Should().Be((Yuan(gross), Yuan(net), Yuan(deductions), Yuan(tax)));
        gross.Should().Be(net + deductions + tax);
        march.GetProperty("bankBalanced").GetBoolean().Should().BeTrue();
        (march.GetProperty("withAccount").GetInt32() + march.GetProperty("withoutAccountCount").GetInt32()).Should().Be(paid);
        march.GetProperty("withAccount").GetInt32().Should().Be(withAccount);
        march.GetProperty("accountsRecordedAtApproval").GetBoolean().Should().BeTrue();
        march.GetProperty("previous").GetString().Should().Be("2026-02");
        march.GetProperty("changed").GetInt32().Should().BePositive();
        var certified = march.GetProperty("variances").EnumerateArray().Single(v => v.GetProperty("workerId").GetInt64() == s.CertifiedWorker);
        certified.GetProperty("difference").GetString().Should().Be(Yuan(netNow - netBefore));
        certified.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("code").GetString()).Should().Contain(c => c!.Contains("CERT_ALLOWANCE"));

        var january = await payroll.GetFromJsonAsync<JsonElement>("/api/v1/payroll/periods/2026-01/checks");
        january.GetProperty("previous").ValueKind.Should().Be(JsonValueKind.Null, "December 2025 was not computed here");
        (await payroll.GetAsync("/api/v1/payroll/periods/2099-01/checks")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        using var page = await app.SignInAsync("payroll");
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await page.GetStringAsync("/Payroll/Period/2026-03"));
        doc.QuerySelector("#check-totals")!.TextContent.Should().Contain("通过").And.Contain("应发");
        doc.QuerySelector("#check-bank")!.TextContent.Should().Contain("通过");
        doc.QuerySelector("#check-variance")!.TextContent.Should().Contain("2026-02");
        doc.QuerySelectorAll("#variance-table tbody tr").Should().NotBeEmpty();
    }

    [Fact]
    public async Task ALockedPeriodRefusesRunsAndHrOfficersCannotApprove()
    {
        var s = await ScenarioAsync();
        s.RunLocked.Should().Be(HttpStatusCode.BadRequest);
        // Months are paid in order: a run for any other month than the next is refused, naming the next.
        using var payroll = await app.ApiAsync("payroll");
        var next = Workforce.Application.Common.Months.Label(await NextMonthAsync(app));
        var far = await payroll.PostAsync("/api/v1/payroll/periods/2099-01/runs", null);
        far.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await far.Content.ReadAsStringAsync()).Should().Contain($"下一个应发月份是 {next}");
        var chooseAgain = await payroll.PostAsJsonAsync("/api/v1/payroll/first-month", new { month = "2025-06" });
        chooseAgain.StatusCode.Should().Be(HttpStatusCode.BadRequest, "the first month is fixed once a month is locked");
        s.HrApprove.Should().Be(HttpStatusCode.Forbidden);
        using var hr = await app.ApiAsync("hr");
        (await hr.PostAsync("/api/v1/payroll/periods/2026-04/lock", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await hr.PostAsync("/api/v1/payroll/periods/2026-05/runs", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ALateCertificateIsPaidBackForEachLockedMonthOnceWithAnExplanation()
    {
        var s = await ScenarioAsync();
        var lines = s.MarchRetroPayslip.GetProperty("lines").EnumerateArray().ToList();
        var retro = lines.Where(l => l.GetProperty("retroactive").GetBoolean()).ToList();
        retro.Where(l => l.GetProperty("code").GetString() == "RETRO_CERT_ALLOWANCE").Select(l => l.GetProperty("from").GetString())
            .Should().BeEquivalentTo(["2026-01-01", "2026-02-01"]);
        foreach (var line in retro.Where(l => l.GetProperty("code").GetString() == "RETRO_CERT_ALLOWANCE"))
        {
            line.GetProperty("amount").GetString().Should().Be(s.CertificateAllowance);
            line.GetProperty("explanation").GetString().Should().Contain(line.GetProperty("from").GetString()![..7] + " 补发").And.Contain("+" + s.CertificateAllowance);
        }
        lines.Should().Contain(l => l.GetProperty("code").GetString() == "CERT_ALLOWANCE", "March itself pays the allowance");
        s.AprilPayslip.GetProperty("lines").EnumerateArray().Should().NotContain(l => l.GetProperty("retroactive").GetBoolean(),
            "once paid and locked, a correction is not paid again");
        YearMonth[] scenarioMonths = [new(2026, 3), new(2026, 4)];
        var others = await app.WithDbAsync(db => db.Payslips.CountAsync(p => p.HasRetro && p.WorkerId != s.CertifiedWorker && scenarioMonths.Contains(p.Month)));
        others.Should().Be(0, "nobody else's facts changed");
    }

    [Fact]
    public async Task ThePayslipPageReadsInTheReadersLanguageIncludingACorrectionStoredBeforeTheSwitch()
    {
        var s = await ScenarioAsync();
        var id = s.MarchRetroPayslip.GetProperty("id").GetInt64();
        using var payroll = await app.SignInAsync("payroll");
        async Task<(string Lines, string Worksheet)> PageAsync()
        {
            var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await payroll.GetStringAsync($"/Payroll/Payslip/{id}"));
            var rows = doc.QuerySelectorAll("#payslip-lines tbody tr").Select(tr => tr.TextContent)
                .Where(t => t.Contains("Grade pay", StringComparison.Ordinal) || t.Contains("等级工资", StringComparison.Ordinal)
                    || t.Contains("Certificate allowance", StringComparison.Ordinal) || t.Contains("持证津贴", StringComparison.Ordinal));
            return (string.Join("\n", rows), doc.QuerySelector("#payslip")!.TextContent);
        }

        var (zhLines, zhPage) = await PageAsync();
        zhLines.Should().Contain("等级工资").And.Contain("基数 ").And.Contain("补发/补扣·持证津贴").And.Contain("补发");
        zhPage.Should().Contain("个人所得税累计预扣计算表").And.Contain("累计应纳税所得额");

        (await LanguageTests.SwitchLanguageAsync(payroll)).Should().Be("en");
        var (enLines, enPage) = await PageAsync();
        enLines.Should().Contain("Grade pay").And.Contain("base ").And.Contain("Correction · Certificate allowance").And.Contain("2026-01 back pay")
            .And.NotMatchRegex(@"\p{IsCJKUnifiedIdeographs}", "the engine's lines and the stored correction read in English (items a district names in its rule set keep that name)");
        enPage.Should().Contain("Cumulative withholding worksheet").And.Contain("Cumulative taxable income");
        (await LanguageTests.SwitchLanguageAsync(payroll)).Should().Be("zh-CN");
    }

    [Fact]
    public async Task APayslipExplainsEveryLineAndNetIsGrossLessDeductionsAndTax()
    {
        var s = await ScenarioAsync();
        var p = s.AprilPayslip;
        decimal Y(string name) => decimal.Parse(p.GetProperty(name).GetString()!.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        Y("net").Should().Be(Y("gross") - Y("deductions") - Y("tax"));
        p.GetProperty("lines").EnumerateArray().Should().OnlyContain(l => l.GetProperty("explanation").GetString()!.Contains("依据 R"));
    }

    [Fact]
    public async Task AWorkerSeesOnlyTheirOwnPayslipsAndAStreetOfficerOnlyTheStreets()
    {
        var s = await ScenarioAsync();
        var (approvedOwn, otherPayslip, ownPayslip, otherStreetPayslip) = await app.WithDbAsync(async db =>
        {
            var own = await db.Users.Where(u => u.UserName == "trainee").Select(u => u.WorkerId!.Value).SingleAsync();
            var path = await db.OrgUnits.Where(u => u.Code == "320508001").Select(u => u.Path).SingleAsync();
            var streetUnits = db.OrgUnits.Where(u => u.Path.StartsWith(path)).Select(u => u.Id);
            return (await db.Payslips.CountAsync(p => p.WorkerId == own && db.PayPeriods.Any(x => x.Id == p.PeriodId && (x.Status == PeriodStatus.Approved || x.Status == PeriodStatus.Locked))),
                await db.Payslips.Where(p => p.WorkerId != own).Select(p => p.Id).FirstAsync(),
                await db.Payslips.Where(p => p.WorkerId == own).Select(p => p.Id).FirstAsync(),
                await db.Payslips.Where(p => !streetUnits.Contains(p.CommunityId)).Select(p => p.Id).FirstAsync());
        });
        using var worker = await app.ApiAsync("trainee");
        var mine = await worker.GetFromJsonAsync<JsonElement>("/api/v1/me/payslips");
        mine.GetArrayLength().Should().Be(approvedOwn).And.BeGreaterThanOrEqualTo(4);
        (await worker.GetAsync($"/api/v1/payroll/payslips/{otherPayslip}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await worker.GetAsync($"/api/v1/me/payslips/{otherPayslip}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await worker.GetAsync($"/api/v1/payroll/payslips/{ownPayslip}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await worker.GetAsync("/api/v1/payroll/periods/2026-01")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        using var street = await app.ApiAsync("hr.street");
        (await street.GetAsync($"/api/v1/payroll/payslips/{otherStreetPayslip}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var list = await street.GetFromJsonAsync<JsonElement>("/api/v1/payroll/periods/2026-01/payslips?pageSize=500");
        var inStreet = await app.WithDbAsync(async db =>
        {
            var path = await db.OrgUnits.Where(u => u.Code == "320508001").Select(u => u.Path).SingleAsync();
            return await db.Payslips.CountAsync(p => p.Month == new YearMonth(2026, 1) && db.OrgUnits.Any(u => u.Id == p.CommunityId && u.Path.StartsWith(path)));
        });
        list.GetProperty("total").GetInt32().Should().Be(inStreet);
        (await street.PostAsync("/api/v1/payroll/periods/2026-05/runs", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "HR officers do not run payroll");
    }

    [Fact]
    public async Task APayslipPdfIsOneA4PageWithTheNameAndNetAndAUnitsMonthPrintsAsOneStreamedFile()
    {
        await ScenarioAsync();
        var shots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(shots);
        var (payslip, name, net, own, other, community, inCommunity, names) = await app.WithDbAsync(async db =>
        {
            // A typical payslip: no retroactive corrections (a long one continues on a second page).
            var p = await db.Payslips.Where(x => x.Month == new YearMonth(2026, 3) && !x.HasRetro).OrderBy(x => x.Id).FirstAsync();
            var trainee = await db.Users.Where(u => u.UserName == "trainee").Select(u => u.WorkerId!.Value).SingleAsync();
            var ownId = await db.Payslips.Where(x => x.WorkerId == trainee && x.Month == new YearMonth(2026, 3)).Select(x => x.Id).SingleAsync();
            var otherId = await db.Payslips.Where(x => x.WorkerId != trainee && x.Month == new YearMonth(2026, 3)).Select(x => x.Id).FirstAsync();
            var count = await db.Payslips.CountAsync(x => x.Month == new YearMonth(2026, 3) && x.CommunityId == p.CommunityId);
            var workers = await db.Payslips.Where(x => x.Month == new YearMonth(2026, 3) && x.CommunityId == p.CommunityId)
                .Join(db.Workers, x => x.WorkerId, w => w.Id, (x, w) => w.Name).ToListAsync();
            return (p.Id, await db.Workers.Where(w => w.Id == p.WorkerId).Select(w => w.Name).SingleAsync(), p.NetFen, ownId, otherId, p.CommunityId, count, workers);
        });
        var file = Path.Combine(Path.GetTempPath(), $"payslip-{Guid.NewGuid():N}.pdf");
        try
        {
            using var payroll = await app.ApiAsync("payroll");
            var response = await payroll.GetAsync($"/api/v1/payroll/payslips/{payslip}/pdf");
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
            await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
            var text = PdfTests.Poppler("pdftotext", "-layout", file, "-");
            text.Should().Contain(name).And.Contain(new Workforce.Payroll.Money(net).ToString()).And.Contain("实发合计");
            PdfTests.Poppler("pdfinfo", file).Should().MatchRegex(@"Pages:\s+1\n").And.MatchRegex(@"Page size:\s+595.28 x 841.89");
            new FileInfo(file).Length.Should().BeLessThan(300_000);
            PdfTests.Poppler("pdftoppm", "-png", "-r", "80", "-singlefile", file, Path.Combine(shots, "24-payslip-pdf"));

            // The worker: their own approved payslip from 我的工资条 and the API; another's is not found.
            using var worker = await app.SignInAsync("trainee");
            (await worker.GetAsync($"/Me/Payslips/{own}/pdf")).StatusCode.Should().Be(HttpStatusCode.OK);
            (await worker.GetStringAsync($"/Me/Payslips/{own}")).Should().Contain($"/Me/Payslips/{own}/pdf");
            (await worker.GetAsync($"/Me/Payslips/{other}/pdf")).StatusCode.Should().Be(HttpStatusCode.NotFound);
            using var workerApi = await app.ApiAsync("trainee");
            (await workerApi.GetAsync($"/api/v1/payroll/payslips/{other}/pdf")).StatusCode.Should().Be(HttpStatusCode.NotFound);

            // A community's month: one file, a page (or more) per payslip, every name in it.
            using var officer = await app.SignInAsync("payroll");
            var batch = await officer.GetAsync($"/Payroll/PayslipsPdf/2026-03?unitId={community}", HttpCompletionOption.ResponseHeadersRead);
            batch.StatusCode.Should().Be(HttpStatusCode.OK);
            await File.WriteAllBytesAsync(file, await batch.Content.ReadAsByteArrayAsync());
            var pages = int.Parse(System.Text.RegularExpressions.Regex.Match(PdfTests.Poppler("pdfinfo", file), @"Pages:\s+(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            pages.Should().BeGreaterThanOrEqualTo(inCommunity);
            var all = PdfTests.Poppler("pdftotext", file, "-");
            names.Should().OnlyContain(n => all.Contains(n));
            (await officer.GetStringAsync("/Payroll/Register/2026-03")).Should().Contain("/Payroll/PayslipsPdf/2026-03");
            (await payroll.GetAsync("/api/v1/payroll/periods/2031-01/payslips.pdf")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task TheTaxDeclarationHasTheWithholdingClientsColumnsAndItsTotalsAreThePayslips()
    {
        await ScenarioAsync();
        using var payroll = await app.ApiAsync("payroll");
        var month = new YearMonth(2026, 3);
        var response = await payroll.GetAsync("/api/v1/payroll/periods/2026-03/tax-declaration");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var part = workbook.WorkbookPart!;
        var sheets = part.Workbook.Descendants<DocumentFormat.OpenXml.Spreadsheet.Sheet>().ToList();
        sheets.Select(x => x.Name!.Value).Should().Equal("正常工资薪金所得", "全年一次性奖金收入", "本系统计算（核对用）");
        List<List<DocumentFormat.OpenXml.Spreadsheet.Cell>> Rows(int i) => [.. ((DocumentFormat.OpenXml.Packaging.WorksheetPart)part.GetPartById(sheets[i].Id!)).Worksheet
            .Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Select(r => r.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().ToList())];
        var salary = Rows(0);
        salary[0].Select(c => c.InnerText).Should().Equal(Workforce.Application.Payroll.TaxDeclaration.SalaryHeaders);
        salary[0].Select(c => c.InnerText).Should().StartWith(["工号", "*姓名", "*证件类型", "*证件号码", "本期收入", "本期免税收入", "基本养老保险费", "基本医疗保险费", "失业保险费", "住房公积金"]);

        var (count, income, pension, housing, ids) = await app.WithDbAsync(async db =>
        {
            var payslips = await db.Payslips.Where(p => p.Month == month).Select(p => new { p.WorkerId, p.TaxableIncomeFen, p.LinesData }).ToListAsync();
            long Sum(string code) => payslips.Sum(p => Workforce.Data.PayslipLineCodec.Decode(p.LinesData).Where(l => l.Code == code || l.Code == "RETRO_" + code).Sum(l => l.AmountFen));
            var workerIds = payslips.Select(p => p.WorkerId).ToList();
            var cards = await db.Workers.Where(w => workerIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), w => w.IdCard.Value);
            return (payslips.Count, payslips.Sum(p => p.TaxableIncomeFen), Sum("PENSION_EE"), Sum("HOUSING_FUND_EE"), cards);
        });
        salary.Should().HaveCount(count + 1, "a header and one row per payslip, no total row the client would import as a person");
        decimal Column(int i) => salary.Skip(1).Sum(r => decimal.Parse(r[i].InnerText, System.Globalization.CultureInfo.InvariantCulture));
        Column(4).Should().Be(income / 100m);
        Column(6).Should().Be(pension / 100m);
        Column(9).Should().Be(housing / 100m);
        salary[1][4].DataType!.Value.Should().Be(DocumentFormat.OpenXml.Spreadsheet.CellValues.Number, "amounts are numbers");
        salary[1][3].DataType!.Value.Should().Be(DocumentFormat.OpenXml.Spreadsheet.CellValues.InlineString, "the ID number is text, all 18 characters");
        salary.Skip(1).Should().OnlyContain(r => r[2].InnerText == "居民身份证" && ids[r[0].InnerText] == r[3].InnerText);

        // The reconciliation sheet ends with the totals of this system's worksheet.
        var check = Rows(2);
        check[^1][0].InnerText.Should().Be("合计");
        var tax = await app.WithDbAsync(db => db.Payslips.Where(p => p.Month == month).SumAsync(p => p.TaxThisMonthFen));
        decimal.Parse(check[^1][Workforce.Application.Payroll.TaxDeclaration.CheckHeaders.ToList().IndexOf("本期应预扣预缴税额")].InnerText, System.Globalization.CultureInfo.InvariantCulture)
            .Should().Be(tax / 100m);
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "TaxDeclarationExported"))).Should().BeGreaterThan(0);

        // The period page offers it; an HR officer may not have it (it carries ID numbers); a month without payslips is refused.
        using (var officer = await app.SignInAsync("payroll"))
        {
            (await officer.GetStringAsync("/Payroll/Period/2026-03")).Should().Contain("id=\"tax-declaration\"");
        }
        using var hr = await app.ApiAsync("hr");
        (await hr.GetAsync("/api/v1/payroll/periods/2026-03/tax-declaration")).StatusCode.Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
        (await payroll.GetAsync("/api/v1/payroll/periods/2031-03/tax-declaration")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task TheRegisterExportsAsXlsxAndALockedMonthAsABankFileThatIsAudited()
    {
        await ScenarioAsync();
        using var payroll = await app.SignInAsync("payroll");
        var xlsx = await payroll.GetAsync("/Payroll/ExportRegister/2026-02");
        xlsx.StatusCode.Should().Be(HttpStatusCode.OK);
        var rows = XlsxFiles.ReadAll(await xlsx.Content.ReadAsStreamAsync(), 60);
        var (count, gross, withAccount) = await app.WithDbAsync(async db => (
            await db.Payslips.CountAsync(p => p.Month == new YearMonth(2026, 2)),
            await db.Payslips.Where(p => p.Month == new YearMonth(2026, 2)).SumAsync(p => p.GrossFen),
            await db.Payslips.CountAsync(p => p.Month == new YearMonth(2026, 2) && db.BankAccounts.Any(b => b.WorkerId == p.WorkerId))));
        rows.Should().HaveCount(count + 1, "a header and one row per payslip");
        var grossColumn = Array.IndexOf(rows[0], "应发合计");
        grossColumn.Should().BePositive();
        rows.Skip(1).Sum(r => decimal.Parse(r[grossColumn]!, System.Globalization.CultureInfo.InvariantCulture)).Should().Be(gross / 100m);
        var gradeColumn = Array.IndexOf(rows[0], "等级工资");
        gradeColumn.Should().BePositive("a column per component");

        var bank = await payroll.GetAsync("/Payroll/BankFile/2026-02");
        bank.StatusCode.Should().Be(HttpStatusCode.OK);
        bank.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var csv = (await bank.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        csv[0].Trim('\uFEFF', '\r').Should().Be("序号,姓名,开户行,账号,金额（元）,用途");
        csv.Should().HaveCount(withAccount + 1);
        csv[1].Should().EndWith("\"2026-02 工资\"\r");
        // Every field quoted: a spreadsheet keeps the 19-digit account number as written.
        var fields = csv[1].TrimEnd('\r').Split("\",\"");
        fields.Should().HaveCount(6);
        fields[3].Should().MatchRegex(@"^\d{19}$");
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "BankFileExported"))).Should().BeGreaterThan(0);

        // The same file as xlsx: the account cell is text (an inline string), the same 19 digits.
        var bankXlsx = await payroll.GetAsync("/Payroll/BankFile/2026-02?format=xlsx");
        bankXlsx.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using (var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(await bankXlsx.Content.ReadAsByteArrayAsync()), false))
        {
            var sheet = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet;
            var account = sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().Single(c => c.CellReference == "D2");
            account.DataType!.Value.Should().Be(DocumentFormat.OpenXml.Spreadsheet.CellValues.InlineString);
            account.InnerText.Should().Be(fields[3]);
            sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Should().HaveCount(withAccount + 1);
        }

        using var hr = await app.SignInAsync("hr");
        (await hr.GetAsync("/Payroll/BankFile/2026-02")).StatusCode.Should().NotBe(HttpStatusCode.OK, "HR officers do not make bank files");
    }
}
