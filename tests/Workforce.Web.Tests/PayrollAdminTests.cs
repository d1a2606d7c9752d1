using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workforce.Domain.Assessment;
using Workforce.Domain.Pay;
using Workforce.Payroll.Rules;
using Workforce.Application.Common;
using Workforce.Web.Jobs;

namespace Workforce.Web.Tests;

/// <summary>Rule sets with four-eyes approval, pay facts through the pages, and the scheduled monthly job.</summary>
[Collection(AppCollection.Name)]
public class PayrollAdminTests(WorkforceApp app)
{
    [Fact]
    public async Task ARuleSetDraftTakesEffectOnlyWhenASecondOfficerApprovesIt()
    {
        using var payroll = await app.ApiAsync("payroll");
        using var admin = await app.ApiAsync("admin");
        using var hr = await app.ApiAsync("hr");

        var bad = await payroll.PostAsync("/api/v1/payroll/rule-sets", new StringContent("{\"schema\":\"workforce-payroll-rules/1\",\"code\":\"suzhou\",\"bogus\":1}", Encoding.UTF8, "application/json"));
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("bogus", "the refusal names the unknown key");

        var document = RuleSetProfiles.Suzhou().ToDocument();
        document.Version = 90;
        document.EffectiveFrom = new LocalDate(2030, 1, 1);
        document.GradePay.BaseAmounts.Add(new YearAmount { Year = 2030, Amount = 5300m });
        var created = await payroll.PostAsync("/api/v1/payroll/rule-sets", new StringContent(RuleSetJson.Serialize(document), Encoding.UTF8, "application/json"));
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        (await hr.PostAsync($"/api/v1/payroll/rule-sets/{id}/approve", null)).StatusCode.Should().Be(HttpStatusCode.NotFound, "a role refused an endpoint naming an object gets 404");
        var own = await payroll.PostAsync($"/api/v1/payroll/rule-sets/{id}/approve", null);
        own.StatusCode.Should().Be(HttpStatusCode.BadRequest, "the author cannot approve their own version");
        (await app.WithDbAsync(db => db.RuleSetVersions.Where(v => v.Id == id).Select(v => v.Status).SingleAsync())).Should().Be(RuleSetStatus.Draft);

        (await admin.PostAsync($"/api/v1/payroll/rule-sets/{id}/approve", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        var list = await payroll.GetFromJsonAsync<JsonElement>("/api/v1/payroll/rule-sets");
        var versions = list.EnumerateArray().Where(v => v.GetProperty("status").GetString() == "Approved").ToList();
        versions.Should().Contain(v => v.GetProperty("id").GetInt64() == id);
        versions.Should().Contain(v => v.GetProperty("effectiveTo").GetString() == "2029-12-31", "the open-ended predecessor now ends the day before");
        var json = await payroll.GetStringAsync($"/api/v1/payroll/rule-sets/{id}");
        RuleSet.FromJson(json).BaseAmount(2030).Should().Be(5300m);
        var audited = await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(RuleSetVersion) && e.EntityId == id.ToString()));
        audited.Should().BeGreaterThanOrEqualTo(2, "creation and approval are audited");
    }

    [Fact]
    public async Task RuleSetPagesSpeakPlainChineseWithTheVersionInTheTitle()
    {
        var id = await app.WithDbAsync(db => db.RuleSetVersions.OrderBy(v => v.Id).Select(v => v.Id).FirstAsync());
        using var payroll = await app.SignInAsync("payroll");
        var parser = new AngleSharp.Html.Parser.HtmlParser();
        var details = parser.ParseDocument(await payroll.GetStringAsync($"/RuleSets/Details/{id}"));
        var main = details.QuerySelector("main")?.TextContent ?? details.Body!.TextContent;
        details.QuerySelector("h1")!.TextContent.Should().MatchRegex(@"v\d+").And.NotContain("@");
        main.Should().NotContain("docs/").And.NotContain("v@");
        details.QuerySelectorAll(".card-header").Select(h => h.TextContent).Should().NotContain(h => h.Contains('（') || h.Contains("year amount", StringComparison.Ordinal), "headings carry no format hints");
        var posts = details.QuerySelectorAll("#coefficient-table tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
        posts.Should().Contain("正职").And.NotContain(["Head", "Deputy", "Staff"]);
        main.Should().Contain("社会保险").And.NotContain(">Social<");
        details.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).Should().NotContain(["Social", "HousingFund"]);
        var whatIf = parser.ParseDocument(await payroll.GetStringAsync($"/RuleSets/WhatIf/{id}"));
        whatIf.QuerySelector("h1")!.TextContent.Should().MatchRegex(@"v\d+").And.NotContain("@");
        var index = parser.ParseDocument(await payroll.GetStringAsync("/RuleSets"));
        index.QuerySelector("label[for=rs-file]")!.TextContent.Should().Contain(".json");
    }

    [Fact]
    public async Task AssessmentsImportChecksEveryRowFirstAndWritesNothingUntilAllAreValid()
    {
        var workers = await app.WithDbAsync(db => db.Workers.OrderByDescending(w => w.Id).Take(2).ToListAsync());
        byte[] Sheet(params string?[][] rows)
        {
            using var stream = new MemoryStream();
            XlsxTable.Write(stream, "考核", ["身份证号", "姓名", "年度", "等次"], rows);
            return stream.ToArray();
        }
        using var hr = await app.SignInAsync("hr");
        async Task<string> PostAsync(byte[] file, bool dryRun)
        {
            var token = await WorkforceApp.FormTokenAsync(hr, "/PayFacts/Assessments?year=2021");
            using var content = new MultipartFormDataContent
            {
                { new ByteArrayContent(file), "file", "a.xlsx" },
                { new StringContent(dryRun ? "true" : "false"), "dryRun" },
                { new StringContent("2021"), "year" },
                { new StringContent(token), "__RequestVerificationToken" },
            };
            var response = await hr.PostAsync("/PayFacts/ImportAssessments", content);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            return await response.Content.ReadAsStringAsync();
        }

        var badSheet = Sheet(
            [workers[0].IdCard.Value, workers[0].Name, "2021", "优秀"],
            [workers[1].IdCard.Value, "别人", "2021", "合格（称职）"],
            ["110101199001011234", "某某", "2021", "合格（称职）"]);
        var page = await PostAsync(badSheet, dryRun: false);
        page.Should().Contain("import-errors").And.Contain("别人");
        (await app.WithDbAsync(db => db.AnnualAssessments.CountAsync(a => a.Year == 2021))).Should().Be(0, "one bad row stops the whole import");

        var good = Sheet([workers[0].IdCard.Value, workers[0].Name, "2021", "优秀"], [workers[1].IdCard.Value, workers[1].Name, "2021", "不合格"]);
        (await PostAsync(good, dryRun: true)).Should().NotContain("import-errors");
        (await app.WithDbAsync(db => db.AnnualAssessments.CountAsync(a => a.Year == 2021))).Should().Be(0, "a dry run writes nothing");
        await PostAsync(good, dryRun: false);
        var stored = await app.WithDbAsync(db => db.AnnualAssessments.Where(a => a.Year == 2021).OrderByDescending(a => a.WorkerId).Select(a => a.Rating).ToListAsync());
        stored.Should().Equal(AssessmentRating.Excellent, AssessmentRating.Unqualified);
    }

    [Fact]
    public async Task ASalaryAccountIsValidatedEncryptedAtRestAndMasked()
    {
        var workerId = await app.WithDbAsync(db => db.Workers.OrderBy(w => w.Id).Skip(3).Select(w => w.Id).FirstAsync());
        using var hr = await app.SignInAsync("hr");
        var token = await WorkforceApp.FormTokenAsync(hr, $"/PayFacts/BankAccount/{workerId}");
        await hr.PostAsync($"/PayFacts/SetBankAccount/{workerId}", WorkforceApp.Form(token, ("bankName", "中国银行苏州分行"), ("accountNumber", "12ab")));
        var refused = await hr.GetStringAsync($"/PayFacts/BankAccount/{workerId}");
        refused.Should().Contain("12 至 30 位数字");

        token = await WorkforceApp.FormTokenAsync(hr, $"/PayFacts/BankAccount/{workerId}");
        await hr.PostAsync($"/PayFacts/SetBankAccount/{workerId}", WorkforceApp.Form(token, ("bankName", "中国银行苏州分行"), ("accountNumber", "6217 8560 0001 2345 678")));
        var page = await hr.GetStringAsync($"/PayFacts/BankAccount/{workerId}");
        page.Should().Contain("6217 **** **** 5678").And.NotContain("6217856000012345678");

        await using var connection = new SqliteConnection($"Data Source={app.DatabaseFile}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT NumberEncrypted FROM BankAccounts WHERE WorkerId = {workerId}";
        var raw = (string)(await command.ExecuteScalarAsync())!;
        raw.Should().NotContain("6217856000012345678").And.NotContain("5678");
    }

    [Fact]
    public async Task TheScheduledJobComputesAMonthOnceAndSkipsItAfterwards()
    {
        var job = ActivatorUtilities.CreateInstance<MonthlyPayrollJob>(app.Services);
        var district = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.ParentId == null).Select(u => u.Id).SingleAsync());
        // Months are paid in order: the month after the shared scenario's last locked one.
        var month = await PayrollTests.NextMonthAsync(app);

        var first = await job.RunAsync(district, month, CancellationToken.None);
        var second = await job.RunAsync(district, month, CancellationToken.None);

        first.Should().NotBeNull();
        second.Should().BeNull("a computed period is not computed again by the schedule");
        var runs = await app.WithDbAsync(db => db.PayrollRuns.Where(r => r.Month == month).Select(r => new { r.Status, r.Trigger }).ToListAsync());
        runs.Should().ContainSingle().Which.Should().Be(new { Status = RunStatus.Succeeded, Trigger = RunTrigger.Scheduled });
        using var payroll = await app.ApiAsync("payroll");
        (await payroll.PostAsync($"/api/v1/payroll/periods/{Months.Label(month)}/approve", null)).EnsureSuccessStatusCode();
        (await payroll.PostAsync($"/api/v1/payroll/periods/{Months.Label(month)}/lock", null)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task TheRegisterKeptBetweenRequestsFollowsAReRunAndARenameAtOnce()
    {
        var month = await PayrollTests.NextMonthAsync(app);
        var label = Months.Label(month);
        using var payroll = await app.ApiAsync("payroll");
        using var officer = await app.SignInAsync("payroll");
        var parser = new AngleSharp.Html.Parser.HtmlParser();
        async Task<(List<long> Ids, List<string> Names, string Count)> RegisterAsync(string query = "")
        {
            var page = parser.ParseDocument(await officer.GetStringAsync($"/Payroll/Register/{label}?pageSize=500{query}"));
            var links = page.QuerySelectorAll("#register-table tbody tr td:first-child a").ToList();
            return ([.. links.Select(a => long.Parse(a.GetAttribute("href")!.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture))],
                [.. links.Select(a => a.TextContent.Trim())], page.QuerySelector("#register-count")!.TextContent.Trim());
        }

        await PayrollTests.RunAsync(payroll, label);
        var first = await RegisterAsync();
        (await RegisterAsync()).Ids.Should().Equal(first.Ids, "the kept order answers the second request");
        await PayrollTests.RunAsync(payroll, label);
        var stored = await app.WithDbAsync(db => db.Payslips.Where(p => p.Month == month).Select(p => p.Id).ToListAsync());
        var second = await RegisterAsync();
        second.Ids.Should().NotIntersectWith(first.Ids, "a re-run replaced the payslips and raised the payslips' stamp").And.BeSubsetOf(stored);
        second.Count.Should().Be(first.Count);
        second.Ids.Should().HaveCount(Math.Min(500, stored.Count));

        // A rename (the registry's stamp) reaches the kept register at once, by name order too.
        var worker = await app.WithDbAsync(db => db.Payslips.Where(p => p.Month == month).OrderBy(p => p.Id).Select(p => p.WorkerId).FirstAsync());
        var name = await app.WithDbAsync(db => db.Workers.Where(w => w.Id == worker).Select(w => w.Name).SingleAsync());
        (await RegisterAsync("&sort=name")).Names[0].Should().NotBe("一一改名");
        async Task RenameAsync(string to) => await app.WithDbAsync(async db =>
        {
            var w = await db.Workers.SingleAsync(x => x.Id == worker);
            w.UpdateProfile(to, w.IdCard, w.Phone, w.Education, w.PoliticalStatus, w.HireDate);
            return await db.SaveChangesAsync();
        });
        await RenameAsync("一一改名");
        try
        {
            (await RegisterAsync("&sort=name")).Names[0].Should().Be("一一改名");
        }
        finally
        {
            await RenameAsync(name);
        }
        using var check = await app.ApiAsync("payroll.check");
        (await check.PostAsync($"/api/v1/payroll/periods/{label}/approve", null)).EnsureSuccessStatusCode();
        (await payroll.PostAsync($"/api/v1/payroll/periods/{label}/lock", null)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task DeductionsImportReplacesAMonthsDeclarationAndRefusesBadAmounts()
    {
        var worker = await app.WithDbAsync(db => db.Workers.OrderByDescending(w => w.Id).Skip(5).FirstAsync());
        using var payroll = await app.SignInAsync("payroll");
        async Task<string> PostAsync(string amount)
        {
            using var stream = new MemoryStream();
            XlsxTable.Write(stream, "扣除", ["身份证号", "姓名", "月份", "金额"], [[worker.IdCard.Value, worker.Name, "2026-12", amount]]);
            var token = await WorkforceApp.FormTokenAsync(payroll, "/PayFacts/Deductions?month=2026-12");
            using var content = new MultipartFormDataContent
            {
                { new ByteArrayContent(stream.ToArray()), "file", "d.xlsx" },
                { new StringContent("false"), "dryRun" },
                { new StringContent("2026-12"), "month" },
                { new StringContent(token), "__RequestVerificationToken" },
            };
            return await (await payroll.PostAsync("/PayFacts/ImportDeductions", content)).Content.ReadAsStringAsync();
        }
        (await PostAsync("-5")).Should().Contain("import-errors");
        (await PostAsync("12.345")).Should().Contain("import-errors", "amounts are yuan to the fen");
        await PostAsync("1500.50");
        await PostAsync("2000");
        var stored = await app.WithDbAsync(db => db.SpecialDeductions.Where(d => d.WorkerId == worker.Id).Select(d => new { d.Month, d.AmountFen }).ToListAsync());
        stored.Should().ContainSingle().Which.Should().Be(new { Month = new YearMonth(2026, 12), AmountFen = 200000L });
    }

    [Fact]
    public async Task ACancelledRunChangesNothing()
    {
        using var scope = app.Services.CreateScope();
        var runner = scope.ServiceProvider.GetRequiredService<Workforce.Application.Payroll.PayrollRunner>();
        var district = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.ParentId == null).Select(u => u.Id).SingleAsync());
        var month = await PayrollTests.NextMonthAsync(app);
        var run = await runner.StartAsync(district, month, RunTrigger.Manual, null, CancellationToken.None);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await runner.ExecuteAsync(run.Id, cancelled.Token);

        var (status, payslips, period) = await app.WithDbAsync(async db => (
            await db.PayrollRuns.Where(r => r.Id == run.Id).Select(r => r.Status).SingleAsync(),
            await db.Payslips.CountAsync(p => p.Month == month),
            await db.PayPeriods.Where(p => p.Month == month).Select(p => p.Status).SingleAsync()));
        status.Should().Be(RunStatus.Cancelled);
        payslips.Should().Be(0);
        period.Should().Be(PeriodStatus.Open);
    }
}
