using Microsoft.Playwright;

namespace Workforce.Web.Tests;

/// <summary>
/// The main flow in Debian's Chromium: sign in, dashboard, worker list, search, detail. Saves
/// screenshots (bin/.../screenshots) and fails on any Content-Security-Policy violation or page error.
/// </summary>
[Collection(AppCollection.Name)]
public class BrowserTests(WorkforceApp app)
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

    private async Task SignInAsync(IPage page, string user)
    {
        await page.GotoAsync(app.BaseAddress.ToString().TrimEnd('/') + "/Account/Login");
        await page.FillAsync("#UserName", user);
        await page.FillAsync("#Password", WorkforceApp.Password);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
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
        await page.WaitForURLAsync(url => url.Contains("Post=Head", StringComparison.Ordinal));
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
}
