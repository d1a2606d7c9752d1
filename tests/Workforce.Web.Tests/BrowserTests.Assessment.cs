using Microsoft.Playwright;

namespace Workforce.Web.Tests;

/// <summary>The 民主测评 in Chromium: the officer opens a round and prints codes; a voter answers on a 375 px phone without signing in; the officer's count follows live.</summary>
public partial class BrowserTests
{
    [Fact]
    public async Task AVoterAnswersAPrintedBallotCodeOnAPhoneAndTheOfficersCountFollowsLive()
    {
        var shots = Shots();
        var baseUrl = app.BaseAddress.ToString().TrimEnd('/');
        var (playwright, browser, page, problems) = await OpenAsync();
        using var _ = playwright;
        await using var __ = browser;

        await SignInAsync(page, "hr");
        await page.GotoAsync(baseUrl + "/Assessments");
        await page.SelectOptionAsync("#o-unit", new SelectOptionValue { Label = "沧浪街道" });
        await page.FillAsync("#o-year", "2026");
        await page.ClickAsync("#open-round");
        await page.WaitForSelectorAsync("#stages");
        await page.ClickAsync("#advance");
        await page.WaitForSelectorAsync("#codes-form");
        var round = page.Url;

        await page.FillAsync("#c-count", "3");
        await page.ClickAsync("#codes-sheet");
        await page.WaitForSelectorAsync("#ballot-sheet");
        (await page.Locator(".ballot-card svg").CountAsync()).Should().Be(3, "each code is printed with its QR code");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "assessment-codes.png"), FullPage = true });
        var codes = await page.Locator(".ballot-code").AllInnerTextsAsync();

        await page.GotoAsync(round);
        await page.WaitForSelectorAsync("#live-count");
        (await page.InnerTextAsync("#ballots-returned")).Should().Be("0");

        // The voter's phone: its own context, not signed in.
        var phone = await browser.NewPageAsync(new BrowserNewPageOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 375, Height = 812 }, IsMobile = true, HasTouch = true });
        await phone.GotoAsync($"{baseUrl}/b/{codes[0].Trim()}");
        await phone.WaitForSelectorAsync("#ballot-form");
        var people = phone.Locator("fieldset[data-person]");
        var count = await people.CountAsync();
        count.Should().BeGreaterThan(0);
        for (var i = 0; i < count; i++)
        {
            await people.Nth(i).Locator("label").Nth(i % 2).ClickAsync();
        }
        (await phone.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth")).Should().BeLessThanOrEqualTo(375, "the ballot fits the phone");
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "phone-ballot.png"), FullPage = true });
        await phone.ClickAsync("#ballot-submit");
        await phone.WaitForSelectorAsync("#ballot-thanks");
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "phone-ballot-thanks.png") });

        // The officer's page counts the ballot without a reload; the same code again is refused on the phone.
        await page.WaitForFunctionAsync("() => document.getElementById('ballots-returned').textContent === '1'", null, new PageWaitForFunctionOptions { Timeout = 15000 });
        await phone.GotoAsync($"{baseUrl}/b/{codes[0].Trim()}");
        (await phone.InnerTextAsync("#ballot-error")).Should().Contain("已使用");
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "phone-ballot-used.png") });
        problems.Should().BeEmpty();
    }
}
