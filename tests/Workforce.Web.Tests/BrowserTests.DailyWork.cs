using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Workforce.Web.Tests;

/// <summary>Daily work in Chromium: the dashboard's charts from local assets, the person picker, sortable lists.</summary>
public partial class BrowserTests
{
    [Fact]
    public async Task TheDashboardDrawsItsChartsFromLocalAssetsAndEachLeadsToTheListBehindIt()
    {
        var shots = Shots();
        var (playwright, browser, page, problems) = await OpenAsync();
        using var _ = playwright;
        await using var __ = browser;
        var baseUrl = app.BaseAddress.ToString().TrimEnd('/');
        var external = new List<string>();
        page.Request += (_, r) => { if (!r.Url.StartsWith(baseUrl, StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal)) { external.Add(r.Url); } };

        await SignInAsync(page, "admin");
        // Figures are kept for a while (other tests changed the registry meanwhile): the officer recomputes them with the page's button.
        var before = await page.GetAttributeAsync("#dashboard-computed", "data-computed");
        await page.ClickAsync("#dashboard-refresh");
        await page.WaitForFunctionAsync("t => { const e = document.querySelector('#dashboard-computed'); return e && e.getAttribute('data-computed') !== t; }", before);
        await page.WaitForSelectorAsync("#chart-age[data-rendered] svg");
        var charts = await page.Locator("[data-chart]").CountAsync();
        var computed = await app.WithDbAsync(db => db.PayPeriods.AnyAsync(p => p.Status != Workforce.Domain.Pay.PeriodStatus.Open));
        charts.Should().Be(computed ? 12 : 10, "ten workforce and talent charts for HR and, once a month is computed, the cost by month and by unit for payroll; the admin sees both");
        (await page.Locator("[data-chart][data-rendered] svg").CountAsync()).Should().Be(charts, "every chart is drawn");
        (await page.Locator("#chart-age svg path").CountAsync()).Should().BeGreaterThan(4, "the age chart has bars");
        (await page.InnerTextAsync("#todo-panel")).Should().Contain("待办");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "dashboard-charts.png"), FullPage = true });

        // The table under the education chart links each category to the worker list filtered by it.
        var education = page.Locator("#chart-education").Locator("xpath=..").Locator("details");
        await education.Locator("summary").ClickAsync();
        var link = education.Locator("tbody a").First;
        var category = await link.InnerTextAsync();
        var count = int.Parse(await education.Locator("tbody tr").First.Locator("td").Nth(1).InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await link.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Workers?Education=", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await page.WaitForSelectorAsync("#worker-table");
        (await page.InnerTextAsync("main")).Should().Contain(count.ToString(System.Globalization.CultureInfo.InvariantCulture), $"the list behind '{category}' holds the chart's {count} workers");

        // A payroll officer sees the cost charts and not the structure charts.
        await SignOutAsync(page);
        await SignInAsync(page, "payroll");
        await page.WaitForSelectorAsync("#chart-cost");
        (await page.Locator("#chart-age").CountAsync()).Should().Be(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "dashboard-payroll.png"), FullPage = true });

        external.Should().BeEmpty("charts come from the app's own assets (ECharts from npm), never a CDN");
        problems.Should().BeEmpty();
    }

    [Fact]
    public async Task AnOfficerPicksAPersonByTypingPartOfANameWithTheKeyboardAndNoIdIsTyped()
    {
        var shots = Shots();
        var (playwright, browser, page, problems) = await OpenAsync();
        using var _ = playwright;
        await using var __ = browser;
        var baseUrl = app.BaseAddress.ToString().TrimEnd('/');
        var worker = await app.WithDbAsync(db => db.Workers.Where(w => w.LeaveDate == null && !w.Certificates.Any()).OrderBy(w => w.Id).Select(w => new { w.Id, w.Name }).FirstAsync());

        await SignInAsync(page, "hr");
        await page.GotoAsync(baseUrl + "/Certificates");
        (await page.Locator("#certificate-form input[type=number]").CountAsync()).Should().Be(0, "no internal id is typed");
        await page.ClickAsync("#Input_WorkerId-ts-control");
        await page.Keyboard.TypeAsync(worker.Name);
        await page.WaitForSelectorAsync(".ts-dropdown .option");
        var option = await page.InnerTextAsync(".ts-dropdown .option");
        option.Should().Contain(worker.Name).And.Contain("********", "the option shows the masked ID number");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "picker-certificate.png") });
        await page.Keyboard.PressAsync("Enter");
        (await page.InputValueAsync("#Input_WorkerId")).Should().Be(worker.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.SelectOptionAsync("#Input_Level", "AssistantSocialWorker");
        await page.FillAsync("#Input_Number", "PICK-2026-0001");
        await page.FillAsync("#Input_RegisteredOn", "2026-06-01");
        await page.ClickAsync("#certificate-form button[type=submit]");
        await page.WaitForSelectorAsync(".alert-success");
        (await app.WithDbAsync(db => db.Certificates.AnyAsync(c => c.WorkerId == worker.Id && c.Number == "PICK-2026-0001"))).Should().BeTrue();

        // The mentorship form picks a mentor and two mentees the same way.
        await page.GotoAsync(baseUrl + "/Mentorships");
        (await page.Locator("#mentorship-form input[type=number], #shadowing-form input[type=number]").CountAsync()).Should().Be(0);
        await page.ClickAsync("#m-mentee-ts-control");
        await page.Keyboard.TypeAsync(worker.Name[..1]);
        await page.WaitForSelectorAsync(".ts-dropdown .option");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        (await page.Locator("#m-mentee option:checked").CountAsync()).Should().Be(2, "two mentees chosen with the keyboard");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "picker-mentees.png") });
        problems.Should().BeEmpty();
    }

    [Fact]
    public async Task EveryRoleOpensEveryPageOfItsMenuInChromiumWithoutAnErrorAndSubmitsItsSearchForms()
    {
        var shots = Shots();
        var baseUrl = app.BaseAddress.ToString().TrimEnd('/');
        foreach (var role in new[] { "trainee", "payroll", "payroll.check", "hr.street", "hr", "admin" })
        {
            var (playwright, browser, page, problems) = await OpenAsync();
            using var _ = playwright;
            await using var __ = browser;
            await SignInAsync(page, role);
            var menu = await page.Locator("#nav a[href]").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href')).filter(h => h && h.startsWith('/'))");
            menu.Should().NotBeEmpty();
            foreach (var href in menu.Distinct())
            {
                var response = await page.GotoAsync(baseUrl + href);
                response!.Status.Should().BeLessThan(400, $"{role} opens {href} from the menu");
                (await page.Locator("form input[name=__RequestVerificationToken]").CountAsync()).Should().Be(await page.Locator("form[method=post]").CountAsync(), $"every form of {href} carries its token");
                // The page's search or filter form, as the user submits it (its current values).
                var search = page.Locator("form[role=search] button[type=submit]");
                if (await search.CountAsync() > 0)
                {
                    await search.First.ClickAsync();
                    await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
                }
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, $"crawl-{role}-{href.Trim('/').Replace('/', '-')}.png") });
            }
            problems.Should().BeEmpty($"{role}'s pages run without errors");
        }
    }

    [Fact]
    public async Task ATraineesPagesFitAPhoneOf375Pixels()
    {
        var shots = Shots();
        var baseUrl = app.BaseAddress.ToString().TrimEnd('/');
        var (playwright, browser, _, problems) = await OpenAsync();
        using var __ = playwright;
        await using var ___ = browser;
        var phone = await browser.NewPageAsync(new BrowserNewPageOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 375, Height = 812 }, IsMobile = true, HasTouch = true });
        await SignInAsync(phone, "trainee");
        foreach (var path in new[] { "/", "/Me/Growth", "/Me/Payslips", "/Me/Assessment" })
        {
            await phone.GotoAsync(baseUrl + path);
            var width = await phone.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth");
            width.Should().BeLessThanOrEqualTo(375, $"{path} does not scroll sideways on a phone");
            await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, $"phone-trainee-{path.Trim('/').Replace('/', '-')}.png"), FullPage = true });
        }
        problems.Should().BeEmpty();
    }

    [Fact]
    public async Task AnOfficerSortsTheWorkerListByAClickAndFindsACommunityInTheFoldedOrganisationTree()
    {
        var shots = Shots();
        var (playwright, browser, page, problems) = await OpenAsync();
        using var _ = playwright;
        await using var __ = browser;
        var baseUrl = app.BaseAddress.ToString().TrimEnd('/');
        await SignInAsync(page, "hr");

        await page.GotoAsync(baseUrl + "/Workers");
        await page.ClickAsync("th a[data-sort=hireDate]");
        await page.WaitForURLAsync(url => url.Contains("Sort=hireDate", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await page.WaitForSelectorAsync("th[aria-sort=ascending] a[data-sort=hireDate]");
        var dates = await page.Locator("#worker-table tbody tr td:nth-child(10)").AllInnerTextsAsync();
        dates.Should().HaveCount(20).And.BeInAscendingOrder(StringComparer.Ordinal);
        await page.ClickAsync("a[data-page-size='50']");
        await page.WaitForURLAsync(url => url.Contains("PageSize=50", StringComparison.Ordinal) && url.Contains("Sort=hireDate", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await page.WaitForSelectorAsync("#worker-table tbody tr:nth-child(50)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "workers-sorted.png") });

        var community = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Type == Workforce.Domain.Organisation.OrgUnitType.Community).OrderBy(u => u.Path).Skip(20).Select(u => u.Name).FirstAsync());
        await page.GotoAsync(baseUrl + "/OrgUnits");
        (await page.Locator($"li[data-tree-name='{community}']").IsVisibleAsync()).Should().BeFalse("streets are folded, so their communities are out of sight");
        var folded = await page.EvaluateAsync<int>("() => document.scrollingElement.scrollHeight");
        await page.FillAsync("#tree-search", community);
        await page.Locator($"li[data-tree-name='{community}']").First.WaitForAsync();
        (await page.Locator("#org-tree li[data-tree-name]:visible").CountAsync()).Should().BeLessThan(6, "only the match and its street and district stay");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "org-tree-search.png") });
        folded.Should().BeLessThan(1500, "the folded tree is short (it was 3,115 px fully expanded)");
        problems.Should().BeEmpty();
    }
}
