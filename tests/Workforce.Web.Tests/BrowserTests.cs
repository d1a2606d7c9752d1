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

    [Fact]
    public async Task AnOfficerSignsInAndBrowsesTheWorkerList()
    {
        File.Exists(ChromiumPath).Should().BeTrue("browser tests need Debian's chromium (apt-get install -y chromium fonts-noto-cjk)");
        var shots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(shots);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1440, Height = 960 } });
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") { problems.Add($"{m.Text} @ {m.Location} on {page.Url}"); } };
        page.RequestFailed += (_, r) => problems.Add("request failed: " + r.Url);
        page.Response += (_, r) => { if (r.Status >= 400) { problems.Add($"{r.Status} {r.Url}"); } };
        page.PageError += (_, e) => problems.Add(e);
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
}
