using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Workforce.Web.Tests;

/// <summary>
/// The main flow in Debian's Chromium: sign in, dashboard, worker list, search, detail. Saves
/// screenshots (bin/.../screenshots) and fails on any Content-Security-Policy violation or page error.
/// </summary>
[Collection(AppCollection.Name)]
public partial class BrowserTests(WorkforceApp app)
{
    private const string ChromiumPath = "/usr/bin/chromium";

    private static string Shots()
    {
        var shots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(shots);
        return shots;
    }

    /// <summary>Chromium with a page that records console errors, failed requests, 4xx/5xx responses and page errors.</summary>
    private static async Task<(IPlaywright Playwright, IBrowser Browser, IPage Page, List<string> Problems)> OpenAsync()
    {
        File.Exists(ChromiumPath).Should().BeTrue("browser tests need Debian's chromium (apt-get install -y chromium fonts-noto-cjk)");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1440, Height = 960 } });
        page.SetDefaultTimeout(60_000);
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") { problems.Add($"{m.Text} @ {m.Location} on {page.Url}"); } };
        page.RequestFailed += (_, r) => problems.Add("request failed: " + r.Url);
        page.Response += (_, r) => { if (r.Status >= 400) { problems.Add($"{r.Status} {r.Url}"); } };
        page.PageError += (_, e) => problems.Add(e);
        return (playwright, browser, page, problems);
    }

    private Task SignInAsync(IPage page, string user) => SignInAsync(page, user, app.BaseAddress.ToString().TrimEnd('/'));

    private static async Task SignInAsync(IPage page, string user, string baseUrl)
    {
        await page.GotoAsync(baseUrl + "/Account/Login");
        await page.FillAsync("#UserName", user);
        await page.FillAsync("#Password", WorkforceApp.Password);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        // Attached, not visible: on a phone the button sits in the folded menu.
        await page.WaitForSelectorAsync("#logout", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
    }

    /// <summary>
    /// Signs out with the layout's button and waits for the sign-in form. It waits for the navigation to commit and then for
    /// the form, not for the load event: after a POST that redirects, Playwright sometimes misses that event (seen in CI).
    /// </summary>
    private static async Task SignOutAsync(IPage page)
    {
        await page.ClickAsync("#logout");
        await page.WaitForURLAsync(url => url.Contains("/Account/Login", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await page.WaitForSelectorAsync("#UserName");
    }

    [Fact]
    public async Task AnOfficerSignsInAndBrowsesTheWorkerList()
    {
        var shots = Shots();
        var (playwright, browser, page, problems) = await OpenAsync();
        using var _ = playwright;
        await using var __ = browser;
        var baseUrl = app.BaseAddress.ToString().TrimEnd('/');

        await page.GotoAsync(baseUrl + "/");
        page.Url.Should().Contain("/Account/Login");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "01-login.png") });
        await page.FillAsync("#UserName", "admin");
        await page.FillAsync("#Password", WorkforceApp.Password);
        await page.ClickAsync("#login-submit");
        await page.WaitForSelectorAsync("#fig-workers");
        int.Parse(await page.InnerTextAsync("#fig-workers"), System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThanOrEqualTo(WorkforceApp.SeededWorkers);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "02-dashboard.png"), FullPage = true });

        await page.ClickAsync("a.nav-link[href='/Workers']");
        await page.WaitForSelectorAsync("#worker-table tbody tr");
        (await page.Locator("#worker-table tbody tr").CountAsync()).Should().Be(20);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "03-workers.png"), FullPage = true });

        await page.SelectOptionAsync("#post", "Head");
        await page.ClickAsync("form[role=search] button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("Post=Head", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        var firstName = await page.Locator("#worker-table tbody tr td a").First.InnerTextAsync();
        await page.Locator("#worker-table tbody tr td a").First.ClickAsync();
        await page.WaitForSelectorAsync("#worker-name");
        (await page.InnerTextAsync("#worker-name")).Should().Be(firstName);
        (await page.InnerTextAsync("#worker-idcard")).Should().Contain("**********");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "04-worker.png"), FullPage = true });

        problems.Should().BeEmpty("pages must run without script errors or CSP violations");
    }

    [Fact]
    public async Task ATraineeSeesTheirProgressBarsAndAnOfficerTheReservePool()
    {
        var shots = Shots();
        var (playwright, browser, page, problems) = await OpenAsync();
        using var _ = playwright;
        await using var __ = browser;
        var baseUrl = app.BaseAddress.ToString().TrimEnd('/');

        await SignInAsync(page, "trainee");
        await page.ClickAsync("#nav-growth");
        await page.WaitForSelectorAsync("section.camp-progress");
        (await page.Locator("section.camp-progress progress.bar").CountAsync()).Should().BeGreaterThan(6, "overall, required courses and one bar per course");
        var overall = page.Locator("section.camp-progress progress.bar").First;
        int.Parse(await overall.GetAttributeAsync("max") ?? "0", System.Globalization.CultureInfo.InvariantCulture).Should().Be(17, "the demo camp plans 17 sessions");
        (await page.InnerTextAsync("section.camp-progress")).Should().Contain("小班施教").And.Contain("必修课合格");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "05-trainee-growth.png"), FullPage = true });
        var denied = await page.GotoAsync(baseUrl + "/ReservePool");
        page.Url.Should().Contain("/Account/AccessDenied");
        problems.RemoveAll(p => p.Contains("/ReservePool", StringComparison.Ordinal));

        await page.Context.ClearCookiesAsync();
        await SignInAsync(page, "hr");
        await page.GotoAsync(baseUrl + "/ReservePool");
        await page.WaitForSelectorAsync("#compliance-table tbody tr");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "06-reserve-pool.png"), FullPage = true });
        await page.Locator("#reserve-table tbody tr td a").First.ClickAsync();
        await page.WaitForSelectorAsync("#review-table");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "07-growth-file.png"), FullPage = true });
        await page.GotoAsync(baseUrl + "/Training");
        await page.Locator("#camp-table tbody tr td a").First.ClickAsync();
        await page.WaitForSelectorAsync("#cohort-table progress");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "08-camp.png"), FullPage = true });
        await page.GotoAsync(baseUrl + "/Certificates");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "09-certificates.png"), FullPage = true });
        await page.GotoAsync(baseUrl + "/Mentorships");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "10-mentorships.png"), FullPage = true });

        problems.Should().BeEmpty("pages must run without script errors or CSP violations");
    }

    [Fact]
    public async Task AnOfficerRunsASmallRecruitmentRoundEndToEnd()
    {
        var shots = Shots();
        var (playwright, browser, page, problems) = await OpenAsync();
        using var _ = playwright;
        await using var __ = browser;
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        var baseUrl = app.BaseAddress.ToString().TrimEnd('/');
        await SignInAsync(page, "hr");

        // The round starts from the shipped template of 绩溪县's 2025 announcement (40, 45 with three years of community work;
        // own, a parent's or the spouse's registration in 绩溪; 资格初审 and 复审).
        await page.GotoAsync(baseUrl + "/Recruitment");
        await page.Locator("#round-form fieldset").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(shots, "10-round-rules.png") });
        await page.SelectOptionAsync("#template", "-1");
        await page.ClickAsync("#template-load");
        await page.WaitForSelectorAsync("#template-summary");
        (await page.InnerTextAsync("#template-summary")).Should().Contain("社区工作满 3 年：年龄放宽至 45 周岁").And.Contain("安徽省宣城市绩溪县").And.Contain("m.ahgkw.org");
        await page.FillAsync("#r-name", "浏览器测试招聘");
        await page.FillAsync("#r-date", "2026-04-01");
        await page.FillAsync("#r-post-quota", "1");
        await page.Locator("#round-form").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(shots, "10-round-template.png") });
        await page.ClickAsync("#round-create");
        await page.WaitForSelectorAsync("#register-form");
        (await page.InnerTextAsync("#round-rules")).Should().Contain("1985-04-01 至 2008-04-01 之间出生", "40 周岁以下, born on or after the date 41 years before (含)");

        // While registration is open the officer adds a rule the template lacks: veterans declare an item that relaxes the cap by 5.
        await page.ClickAsync("#rules-link");
        await page.WaitForSelectorAsync("#rules-form");
        await page.FillAsync("input[name='Rules.BonusItems[0].Code']", "VET");
        await page.FillAsync("input[name='Rules.BonusItems[0].Name']", "退役军人");
        await page.FillAsync("input[name='Rules.BonusItems[0].Points']", "2");
        await page.FillAsync("input[name='Rules.AgeRelaxations[1].ItemCode']", "VET");
        await page.FillAsync("input[name='Rules.AgeRelaxations[1].ExtraYears']", "5");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "10-round-rules-page.png"), FullPage = true });
        await page.ClickAsync("#rules-save");
        await page.WaitForSelectorAsync("#register-form");
        (await page.InnerTextAsync("main .alert")).Should().Contain("招聘规则已修改");
        (await page.InnerTextAsync("#round-rules")).Should().Contain("退役军人：年龄放宽至 45 周岁").And.Contain("退役军人 +2");
        var rules = await app.WithDbAsync(db => db.RecruitmentRounds.Where(r => r.Name == "浏览器测试招聘").OrderByDescending(r => r.Id).Select(r => r.Rules).FirstAsync());
        (rules.MaxAge, rules.AgeRelaxations.Count, rules.HouseholdOf, rules.TwoStageReview).Should().Be((40, 2, Workforce.Domain.Recruitment.HouseholdOf.SelfParentOrSpouse, true));
        // A second post reserved for veterans, with an opening ratio of 3:1 and cancelled when short of it: no one registers for it.
        await page.FillAsync("#p-name", "退役军人定向岗");
        await page.FillAsync("#p-ratio", "3");
        await page.SelectOptionAsync("#p-shortfall", "Cancel");
        await page.SelectOptionAsync("#p-reserved", "VET");
        await page.ClickAsync("#post-add");
        await page.WaitForSelectorAsync("main .alert");
        (await page.InnerTextAsync("main .alert")).Should().Contain("岗位已添加");
        (await page.InnerTextAsync(".reserved-badge")).Should().Contain("定向：退役军人");
        // 吴二's own registration is in Suzhou, a parent's in 绩溪. 钱四 is 45 without a relaxation: disqualified, then admitted by an
        // override with its document.
        string[] names = ["周一", "吴二", "郑三", "钱四"];
        foreach (var name in names)
        {
            await page.FillAsync("#a-name", name);
            await page.FillAsync("#a-id", RecruitmentTests.IdCard(name == "钱四" ? 1980 : 1998));
            await page.SelectOptionAsync("#a-edu", "Bachelor");
            await page.FillAsync("#a-area", name == "吴二" ? "江苏省苏州市姑苏区" : "安徽省宣城市绩溪县华阳镇");
            await page.FillAsync("#a-parent-area", name == "吴二" ? "安徽省宣城市绩溪县扬溪镇" : string.Empty);
            await page.ClickAsync("#register");
            await page.WaitForSelectorAsync("main .alert");
            (await page.InnerTextAsync("main .alert")).Should().Contain("报名已登记");
        }
        (await page.Locator("#applicant-table tbody tr").CountAsync()).Should().Be(4);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "10-round-registration.png"), FullPage = true });
        await page.ClickAsync("#advance");
        await page.WaitForSelectorAsync("#round-steps .text-bg-danger:has-text('资格审查')");
        (await page.InnerTextAsync(".opening-notice")).Should().Contain("退役军人定向岗", "the short post is cancelled and its notice is on the post table");
        var qian = page.Locator("#applicant-table tbody tr", new PageLocatorOptions { HasText = "钱四" });
        (await qian.InnerTextAsync()).Should().Contain("资格审查不通过").And.Contain("45 岁");
        await qian.Locator(".decide-form input[name=reason]").FillAsync("经区委组织部认定为紧缺人才，同意报考");
        await qian.Locator(".decide-form input[type=file]").SetInputFilesAsync(new FilePayload { Name = "紧缺人才认定.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray() });
        await qian.Locator(".decide-form button[value=true]").ClickAsync();
        await page.WaitForSelectorAsync(".alert-success");
        qian = page.Locator("#applicant-table tbody tr", new PageLocatorOptions { HasText = "钱四" });
        (await qian.InnerTextAsync()).Should().Contain("紧缺人才认定.pdf").And.Contain("经区委组织部认定为紧缺人才");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "10-round-override.png"), FullPage = true });
        await page.ClickAsync("#advance");
        await page.WaitForSelectorAsync("#save-scores");
        var inputs = page.Locator("#applicant-table input.score-input");
        await inputs.Nth(0).FillAsync("86");
        await inputs.Nth(1).FillAsync("78.5");
        await inputs.Nth(2).FillAsync("90");
        await inputs.Nth(3).FillAsync("61");
        await page.ClickAsync("#save-scores");
        await page.WaitForSelectorAsync(".alert-success");
        await page.ClickAsync("#advance");
        await page.WaitForSelectorAsync("#round-steps .text-bg-danger:has-text('面试')");
        // 资格复审 of the three shortlisted before their interview (the template's second review).
        (await page.Locator(".second-review-form").CountAsync()).Should().Be(3);
        for (var i = 0; i < 3; i++)
        {
            await page.Locator(".second-review-form").Nth(i).Locator("button[value=true]").ClickAsync();
            await page.WaitForFunctionAsync($"document.querySelectorAll('.second-reviewed').length >= {i + 1}");
        }
        (await page.Locator(".second-reviewed").CountAsync()).Should().Be(3);
        var marks = page.Locator("#applicant-table input[name^='marks']");
        (await marks.CountAsync()).Should().Be(3, "one place → up to three interviewees");
        await marks.Nth(0).FillAsync("80 82 84 86 95");
        await marks.Nth(1).FillAsync("70 71 72 73 74");
        await marks.Nth(2).FillAsync("88 88 90 91 60");
        await page.ClickAsync("#save-scores");
        await page.WaitForSelectorAsync(".alert-success");
        await page.ClickAsync("#advance");
        await page.WaitForSelectorAsync(".vet-form");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "11-round-vetting.png"), FullPage = true });
        await page.FillAsync(".vet-form input[name=note]", "考察合格，体检合格");
        await page.ClickAsync(".vet-form button[type=submit]");
        await page.WaitForSelectorAsync(".alert-success");
        await page.ClickAsync("#ranking-link");
        await page.WaitForSelectorAsync(".ranking-table tbody tr");
        (await page.InnerTextAsync(".ranking-table tbody tr")).Should().Contain("郑三").And.Contain("去掉一个最高分和一个最低分");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "12-ranking.png"), FullPage = true });
        await page.GoBackAsync();
        var today = app.Services.GetRequiredService<Workforce.Application.Common.BusinessCalendar>().Today;
        await page.FillAsync("#notice-start", today.PlusDays(-7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("#advance");
        await page.WaitForSelectorAsync("#notice-link");
        await page.ClickAsync("#notice-link");
        await page.WaitForSelectorAsync("#notice");
        (await page.InnerTextAsync("#notice")).Should().Contain("郑三").And.Contain("公示期");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "13-notice.png"), FullPage = true });
        await page.GoBackAsync();
        await page.ClickAsync("#advance");
        await page.WaitForSelectorAsync("#hire-date");
        await page.FillAsync("#hire-date", "2026-07-01");
        await page.ClickAsync("#hire");
        await page.WaitForSelectorAsync("#hire-report");
        (await page.InnerTextAsync("#hire-report")).Should().Contain("郑三").And.Contain("2026-12-31");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "14-hired.png"), FullPage = true });

        problems.Should().BeEmpty("pages must run without script errors or CSP violations");
    }

    [Fact]
    public async Task APayrollOfficerRunsApprovesAndLocksAMonthAndTheWorkerReadsTheirPayslip()
    {
        var shots = Shots();
        var (playwright, browser, page, problems) = await OpenAsync();
        using var _ = playwright;
        await using var __ = browser;
        var baseUrl = app.BaseAddress.ToString().TrimEnd('/');
        page.Dialog += (_, d) => d.AcceptAsync();

        // Months are paid in order: the officer opens the month the periods page names as next.
        var month = await PayrollTests.NextMonthAsync(app);
        var label = Workforce.Application.Common.Months.Label(month);
        await SignInAsync(page, "payroll");
        await page.ClickAsync("#nav-payroll");
        await page.ClickAsync("#nav-periods");
        await page.WaitForSelectorAsync("#period-table");
        (await page.InnerTextAsync("#next-month")).Should().Be(label);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "14-periods-next-month.png"), FullPage = true });
        await page.ClickAsync("#next-month");
        await page.ClickAsync("#start-run");
        // The page polls the run and reloads when it ends: calculated, it names who may approve.
        await page.WaitForSelectorAsync("#who-approves");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "15-period-calculated.png"), FullPage = true });
        (await page.InnerTextAsync("#run-table")).Should().Contain("完成");
        await page.ClickAsync("#open-register");
        await page.WaitForSelectorAsync("#register-table tbody tr");
        var count = int.Parse(await page.InnerTextAsync("#register-count"), System.Globalization.CultureInfo.InvariantCulture);
        var expected = await app.WithDbAsync(db => db.Payslips.CountAsync(p => p.Month == month));
        count.Should().Be(expected);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "16-register.png"), FullPage = true });
        await page.Locator("#register-table tbody tr td a").First.ClickAsync();
        await page.WaitForSelectorAsync("#payslip-lines");
        (await page.InnerTextAsync("#payslip-lines")).Should().Contain("依据 R2 等级工资");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "17-payslip.png"), FullPage = true });
        // The PDF button downloads the payslip as a PDF.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#payslip-pdf"));
        var pdfPath = Path.Combine(shots, "17-payslip.pdf");
        await download.SaveAsAsync(pdfPath);
        (await File.ReadAllBytesAsync(pdfPath)).Take(5).Should().Equal("%PDF-"u8.ToArray());
        download.SuggestedFilename.Should().EndWith(".pdf");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "18-payslip-print.png"), FullPage = true });
        (await page.Locator("nav.navbar").IsVisibleAsync()).Should().BeFalse("the print stylesheet hides the navigation");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });

        // Four eyes: the officer who ran the month is told a second officer approves it; payroll.check does.
        await page.GotoAsync(baseUrl + "/Payroll/Period/" + label);
        (await page.InnerTextAsync("#who-approves")).Should().Contain("须由另一名薪酬专员或管理员审批");
        (await page.Locator("#approve").CountAsync()).Should().Be(0);
        await SignOutAsync(page);
        await SignInAsync(page, "payroll.check");
        await page.GotoAsync(baseUrl + "/Payroll/Period/" + label);
        await page.ClickAsync("#approve");
        await page.WaitForSelectorAsync("#lock");
        await page.ClickAsync("#lock");
        await page.WaitForSelectorAsync("#bank-file");
        (await page.InnerTextAsync("#period-status")).Should().Be("已锁定");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "19-period-locked.png"), FullPage = true });
        await page.GotoAsync(baseUrl + "/RuleSets");
        await page.Locator("#ruleset-table tbody tr td a").First.ClickAsync();
        await page.WaitForSelectorAsync("#coefficient-table");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "20-ruleset.png"), FullPage = true });
        await page.ClickAsync("#what-if");
        await page.WaitForSelectorAsync("#whatif-units");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "21-what-if.png"), FullPage = true });

        await page.Context.ClearCookiesAsync();
        await SignInAsync(page, "trainee");
        await page.ClickAsync("#nav-payslips");
        await page.WaitForSelectorAsync("#history-table");
        (await page.InnerTextAsync("#history-table")).Should().Contain(label);
        await page.Locator("#history-table tbody tr td a").First.ClickAsync();
        await page.WaitForSelectorAsync("#payslip-lines");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "22-my-payslip.png"), FullPage = true });

        // On a 375 px phone the payslip fits the width: no sideways scrolling, explanations folded under a tap.
        await page.SetViewportSizeAsync(375, 812);
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#payslip-lines");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(375);
        (await page.EvaluateAsync<int>("document.getElementById('payslip-lines').getBoundingClientRect().width")).Should().BeLessThanOrEqualTo(375);
        await page.Locator("#payslip-lines .explain-narrow summary").First.ClickAsync();
        (await page.Locator("#payslip-lines .explain-narrow[open]").First.InnerTextAsync()).Should().Contain("依据");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "23-my-payslip-phone.png"), FullPage = true });
        await page.SetViewportSizeAsync(1440, 960);

        problems.Should().BeEmpty("pages must run without script errors or CSP violations");
    }

    [Fact]
    public async Task OfficersDeclareABaseDeriveTheYearsBasesRecordTheAdvancementAndADecisionWithItsReason()
    {
        var shots = Shots();
        var database = Path.Combine(Path.GetTempPath(), $"workforce-bases-ui-{Guid.NewGuid():N}.db");
        try
        {
            using var fresh = KestrelApp.Http(database, ("Demo:RecordAdvancements", "false"));
            var (playwright, browser, page, problems) = await OpenAsync();
            using var _ = playwright;
            await using var __ = browser;
            var baseUrl = fresh.Address.ToString().TrimEnd('/');
            page.Dialog += (_, d) => d.AcceptAsync();
            var worker = await fresh.WithDbAsync(db => db.Workers.OrderBy(w => w.Id).FirstAsync());

            // HR declares a contribution base on the 缴费基数 tab: checked first, then written.
            await SignInAsync(page, "hr", baseUrl);
            await page.GotoAsync(baseUrl + "/PayFacts/Bases?year=2026");
            using (var sheet = new MemoryStream())
            {
                Workforce.Application.Common.XlsxTable.Write(sheet, "缴费基数", ["身份证号", "姓名", "缴费年度", "月缴费基数（元）"], [[worker.IdCard.Value, worker.Name, "2026", "8800"]]);
                var file = new FilePayload { Name = "bases.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = sheet.ToArray() };
                await page.SetInputFilesAsync("#bases-file", file);
                await page.ClickAsync("#import-bases");
                await page.WaitForSelectorAsync("#import-result.alert-info");
                await page.SetInputFilesAsync("#bases-file", file);
                await page.UncheckAsync("#bases-dry");
                await page.ClickAsync("#import-bases");
                await page.WaitForSelectorAsync("#import-result.alert-success");
            }
            (await page.InnerTextAsync("#bases-table")).Should().Contain(worker.Name).And.Contain("8,800.00").And.Contain("申报");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "25-contribution-bases.png"), FullPage = true });

            // HR records the year's advancement from the workers page (confirmed), then a decision with its reason.
            await page.GotoAsync(baseUrl + "/Workers");
            await page.ClickAsync("#advancement summary");
            await page.ClickAsync("#advancement-submit");
            await page.WaitForSelectorAsync(".alert-success");
            (await page.InnerTextAsync(".alert-success")).Should().Contain("年度晋级：记录");
            var (post, grade) = await fresh.WithDbAsync(async db => await db.Workers.Where(w => w.Id == worker.Id).Select(w => new { w.CurrentPost, w.CurrentGrade }).SingleAsync() is var x
                ? (x.CurrentPost!.Value, x.CurrentGrade!.Value) : default);
            await page.GotoAsync(baseUrl + $"/Workers/Details/{worker.Id}");
            await page.SelectOptionAsync("#AssignPost_Post", post.ToString());
            await page.FillAsync("#AssignPost_Grade", (grade + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.FillAsync("#AssignPost_AssignmentStart", fresh.Services.GetRequiredService<Workforce.Application.Common.BusinessCalendar>().Today.PlusDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            await page.FillAsync("#AssignPost_Reason", "表彰破格晋级（区委组织部文件）");
            await page.ClickAsync("#assign-post-form button[type=submit]");
            await page.WaitForSelectorAsync(".assignment-reason");
            (await page.InnerTextAsync(".assignment-reason")).Should().Contain("表彰破格晋级（区委组织部文件）");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "26-assignment-reason.png"), FullPage = true });
            await SignOutAsync(page);

            // The payroll officer derives the next contribution year's bases on the tab (confirmed); the declared one stays.
            await SignInAsync(page, "payroll", baseUrl);
            await page.GotoAsync(baseUrl + "/PayFacts/Bases?year=2026");
            await page.ClickAsync("#derive-bases");
            await page.WaitForSelectorAsync(".alert-success");
            (await page.InnerTextAsync(".alert-success")).Should().Contain("2026 缴费年度");
            (await fresh.WithDbAsync(db => db.ContributionBases.SingleAsync(b => b.WorkerId == worker.Id && b.Year == 2026))).BaseFen.Should().Be(880_000);
            problems.Should().BeEmpty();
        }
        finally
        {
            ScratchDatabases.Delete(database);
        }
    }

    [Fact]
    public async Task APayrollOfficerChoosesTheFirstMonthAtGoLive()
    {
        var shots = Shots();
        var database = Path.Combine(Path.GetTempPath(), $"workforce-golive-{Guid.NewGuid():N}.db");
        try
        {
            using var fresh = KestrelApp.Http(database);
            var (playwright, browser, page, problems) = await OpenAsync();
            using var _ = playwright;
            await using var __ = browser;
            var baseUrl = fresh.Address.ToString().TrimEnd('/');
            await SignInAsync(page, "payroll", baseUrl);
            page.Dialog += (_, d) => d.AcceptAsync();

            // The demo district goes live this month with opening balances (期初累计) for the months before it; the officer
            // corrects one worker's through the import (checked first, then written).
            var (opening, worker) = await fresh.WithDbAsync(async db =>
            {
                var o = await db.OpeningBalances.OrderBy(x => x.WorkerId).FirstAsync();
                return (o, await db.Workers.SingleAsync(w => w.Id == o.WorkerId));
            });
            await page.GotoAsync(baseUrl + "/Payroll");
            await page.ClickAsync("#opening-link");
            await page.WaitForSelectorAsync("#opening-status");
            (await page.InnerTextAsync("#opening-status")).Should().Contain("期初累计截至 " + Workforce.Application.Common.Months.Label(opening.AsOf));
            var corrected = opening.IncomeFen + 12_345;
            using (var sheet = new MemoryStream())
            {
                var a = opening.Amounts;
                string Yuan(long fen) => (fen / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
                Workforce.Application.Common.XlsxTable.Write(sheet, "期初累计", ["身份证号", "姓名", "累计收入额", "累计减除费用月数", "累计专项扣除", "累计专项附加扣除", "累计已预扣预缴税额", "预留绩效", "本年已发收入"],
                    [[worker.IdCard.Value, worker.Name, Yuan(corrected), a.DeductionMonths.ToString(System.Globalization.CultureInfo.InvariantCulture), Yuan(a.SpecialFen),
                        Yuan(a.AdditionalFen), Yuan(a.TaxFen), Yuan(a.ReserveFen), Yuan(a.GrossFen)]]);
                var file = new FilePayload { Name = "opening.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = sheet.ToArray() };
                await page.SetInputFilesAsync("#opening-file", file);
                await page.ClickAsync("#opening-submit");
                await page.WaitForSelectorAsync("#import-result.alert-info");
                (await fresh.WithDbAsync(db => db.OpeningBalances.SingleAsync(o => o.Id == opening.Id))).IncomeFen.Should().Be(opening.IncomeFen, "checked only");
                await page.SetInputFilesAsync("#opening-file", file);
                await page.UncheckAsync("#opening-dry");
                await page.ClickAsync("#opening-submit");
                await page.WaitForSelectorAsync("#import-result.alert-success");
            }
            (await fresh.WithDbAsync(db => db.OpeningBalances.SingleAsync(o => o.Id == opening.Id))).IncomeFen.Should().Be(corrected);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "13-opening-balances.png"), FullPage = true });

            // The go-live month is computed with them: tax is withheld from the first month on.
            await page.GotoAsync(baseUrl + "/Payroll");
            await page.ClickAsync("#next-month");
            await page.ClickAsync("#start-run");
            await page.WaitForSelectorAsync("#who-approves");
            var goLive = opening.AsOf.PlusMonths(1);
            (await fresh.WithDbAsync(db => db.Payslips.Where(p => p.Month == goLive).SumAsync(p => p.TaxFen))).Should().BeGreaterThan(0);

            // Going live in January instead: the opening balances are deleted first (confirmed), then January is chosen.
            await page.GotoAsync(baseUrl + "/OpeningBalances");
            await page.ClickAsync("#opening-clear");
            await page.WaitForSelectorAsync(".alert-success");
            (await fresh.WithDbAsync(db => db.OpeningBalances.CountAsync())).Should().Be(0);
            await page.GotoAsync(baseUrl + "/Payroll");
            await page.WaitForSelectorAsync("#first-month-form");
            await page.FillAsync("#first-month", "2026-01");
            await page.ClickAsync("#choose-first-month");
            await page.WaitForSelectorAsync(".alert-success");
            (await page.InnerTextAsync(".alert-success")).Should().Contain("2026-01");
            (await page.InnerTextAsync("#next-month")).Should().Be("2026-01");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "13-first-month.png"), FullPage = true });

            // A run for another month is refused, naming the next one.
            await page.GotoAsync(baseUrl + "/Payroll/Period/2026-03");
            await page.ClickAsync("#start-run");
            await page.WaitForSelectorAsync(".alert-danger");
            (await page.InnerTextAsync(".alert-danger")).Should().Contain("下一个应发月份是 2026-01");
            problems.Should().BeEmpty();
        }
        finally
        {
            ScratchDatabases.Delete(database);
        }
    }

    [Fact]
    public async Task AFileThatIsNotAnXlsxIsRefusedOnTheImportPageAndSigningOutEndsTheSession()
    {
        var shots = Shots();
        var (playwright, browser, page, problems) = await OpenAsync();
        using var _ = playwright;
        await using var __ = browser;
        var baseUrl = app.BaseAddress.ToString().TrimEnd('/');
        await SignInAsync(page, "hr");
        await page.GotoAsync(baseUrl + "/Workers/Import");
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "workers.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = "姓名,身份证号\n张三,1\n"u8.ToArray() });
        await page.UncheckAsync("#dryRun");
        await page.ClickAsync("#import-submit");
        await page.WaitForSelectorAsync("text=不是有效的 xlsx 文件");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "import-not-xlsx.png"), FullPage = true });

        var cookies = await page.Context.CookiesAsync();
        await SignOutAsync(page);
        // The cookie as it was before signing out, put back: the session ended on the server, so it opens nothing.
        await page.Context.AddCookiesAsync(cookies.Select(c => new Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite }));
        await page.GotoAsync(baseUrl + "/Workers");
        page.Url.Should().Contain("/Account/Login");
        problems.Should().BeEmpty();
    }

    [Fact]
    public async Task AnIntegratorOpensTheApiReferenceWithoutAnythingFromOutside()
    {
        var shots = Shots();
        var (playwright, browser, page, problems) = await OpenAsync();
        using var _ = playwright;
        await using var __ = browser;
        var external = new List<string>();
        page.Request += (_, r) => { if (!r.Url.StartsWith(app.BaseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal)) { external.Add(r.Url); } };
        await page.GotoAsync(app.BaseAddress.ToString().TrimEnd('/') + "/api/reference");
        await page.GetByText("/api/v1/admin/users/{id}/unlock").First.WaitForAsync();
        await page.GetByText("WorkersApi").First.ClickAsync();
        await page.GetByText("/api/v1/workers/lookup").First.WaitForAsync();
        (await page.ContentAsync()).Should().NotContain("Deploy API").And.NotContain("Ask AI");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "api-reference.png"), FullPage = false });
        external.Should().BeEmpty("the intranet has no internet: every asset comes from the app");
        problems.Should().BeEmpty();
    }

    [Fact]
    public async Task AnAdminCreatesEditsUnlocksDisablesAndEnablesAnAccountAndVerifiesTheAuditChainThroughThePages()
    {
        var shots = Shots();
        var (playwright, browser, page, problems) = await OpenAsync();
        using var _ = playwright;
        await using var __ = browser;
        var baseUrl = app.BaseAddress.ToString().TrimEnd('/');
        var name = "browser.admin." + Guid.NewGuid().ToString("N")[..6];
        await SignInAsync(page, "admin");

        // Create: a refused password keeps everything typed and says why; then the account is saved.
        await page.GotoAsync(baseUrl + "/Admin/Users/Create");
        await page.FillAsync("#Input_UserName", name);
        await page.FillAsync("#Input_DisplayName", "浏览器专员");
        await page.FillAsync("#Input_Password", "short");
        await page.CheckAsync("#role-HrOfficer");
        await page.SelectOptionAsync("#Input_OrgUnitId", new SelectOptionValue { Index = 1 });
        await page.ClickAsync("form.card button[type=submit]");
        (await page.InnerTextAsync("form.card .alert-danger")).Should().Contain("密码至少 12 位");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "admin-user-refused.png"), FullPage = true });
        (await page.InputValueAsync("#Input_UserName")).Should().Be(name);
        await page.FillAsync("#Input_Password", "Browser#Pass2026");
        await page.ClickAsync("form.card button[type=submit]");
        await page.WaitForURLAsync(url => url.EndsWith("/Admin/Users", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        (await page.InnerTextAsync(".alert-success")).Should().NotBeEmpty();
        var row = page.Locator("tr", new PageLocatorOptions { HasText = name });
        (await row.InnerTextAsync()).Should().Contain("浏览器专员");

        // Edit through the row's link.
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await page.FillAsync("#Input_DisplayName", "浏览器专员（改）");
        await page.ClickAsync("form.card button[type=submit]");
        await page.WaitForURLAsync(url => url.EndsWith("/Admin/Users", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        (await row.InnerTextAsync()).Should().Contain("浏览器专员（改）");

        // Locked out (as five wrong passwords would do): the row's unlock button ends it.
        await app.WithDbAsync(async db =>
        {
            using var scope = app.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Workforce.Data.Identity.ApplicationUser>>();
            var user = await users.FindByNameAsync(name);
            await users.SetLockoutEndDateAsync(user!, DateTimeOffset.MaxValue);
            return 0;
        });
        await page.ReloadAsync();
        var unlock = row.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "解锁" });
        await unlock.ClickAsync();
        await page.WaitForSelectorAsync(".alert-success");
        (await unlock.CountAsync()).Should().Be(0, "the account is no longer locked");

        // Disable (after confirming) and enable again from the row.
        page.Dialog += (_, d) => d.AcceptAsync();
        await row.Locator("button[data-action=disable]").ClickAsync();
        await page.WaitForSelectorAsync(".alert-success");
        (await row.InnerTextAsync()).Should().Contain("已停用");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "admin-user-disabled.png"), FullPage = true });
        await row.Locator("button[data-action=enable]").ClickAsync();
        await page.WaitForSelectorAsync(".alert-success");
        (await row.InnerTextAsync()).Should().Contain("正常");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "admin-users.png"), FullPage = true });

        // The audit page's own verify button.
        await page.GotoAsync(baseUrl + "/Admin/Audit");
        await page.ClickAsync("#verify-chain");
        await page.WaitForSelectorAsync("#verify-result.alert-success");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "admin-audit-verified.png") });
        problems.Should().BeEmpty("pages must run without script errors, failed requests or CSP violations");
    }
}
