using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Workforce.Web.Tests;

/// <summary>
/// QR sign-in and residents' feedback in Chromium: the teacher's screen shows the rotating QR code, a trainee's phone opens its
/// link, signs in as themself on the way and signs in to the session, and the teacher's list fills without a reload; a resident
/// rates a worker on a phone from the worker's code.
/// </summary>
public partial class BrowserTests
{
    [Fact]
    public async Task ATraineeSignsInFromAPhoneByTheTeachersQrCodeAndTheListFillsLive()
    {
        var shots = Shots();
        var baseUrl = app.BaseAddress.ToString().TrimEnd('/');
        var worker = await TalentTests.FreeWorkerAsync(app, "320508006");
        await TalentTests.CreateTraineeAsync(app, "trainee.phone", worker.Id);
        using var api = await app.ApiAsync("hr");
        var (campId, _, session, _, _, _) = await TrainingSignInTests.CampWithSessionNowAsync(api, "扫码签到演示营", worker.Id, 0);

        var (playwright, browser, page, problems) = await OpenAsync();
        using var _ = playwright;
        await using var __ = browser;
        await SignInAsync(page, "hr");
        await page.GotoAsync($"{baseUrl}/Training/Details/{campId}");
        await page.ClickAsync(".signin-link");
        await page.WaitForSelectorAsync("#signin-qr svg");
        (await page.InnerTextAsync("#signin-present")).Should().Be("0");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "signin-teacher.png"), FullPage = true });
        var code = (await page.InnerTextAsync("#signin-code")).Trim();

        // The trainee's phone opens the QR link, signs in to the product on the way, then signs in to the session.
        var phone = await browser.NewPageAsync(new BrowserNewPageOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 375, Height = 812 }, IsMobile = true, HasTouch = true });
        await phone.GotoAsync($"{baseUrl}/Me/SignIn/{session}?c={code}");
        await phone.FillAsync("#UserName", "trainee.phone");
        await phone.FillAsync("#Password", WorkforceApp.Password);
        await phone.ClickAsync("#login-submit");
        await phone.WaitForSelectorAsync("#signin-form");
        (await phone.InputValueAsync("#signin-code-input")).Should().Be(code);
        (await phone.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth")).Should().BeLessThanOrEqualTo(375, "the page fits the phone");
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "phone-signin.png"), FullPage = true });
        await phone.ClickAsync("#signin-submit");
        await phone.WaitForSelectorAsync("#signin-done");
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "phone-signin-done.png") });

        // The teacher's list follows without a reload.
        await page.WaitForFunctionAsync("() => document.getElementById('signin-present').textContent === '1'", null, new PageWaitForFunctionOptions { Timeout = 15000 });
        (await page.InnerTextAsync("#signin-list")).Should().Contain(worker.Name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "signin-teacher-filled.png"), FullPage = true });

        // The officers' views: hours by unit with its charts, and the worker's running file.
        await page.GotoAsync($"{baseUrl}/Training/Hours?OrgUnitId={worker.OrgUnitId}&ShortOnly=false");
        await page.WaitForSelectorAsync($"#hours-table tr[data-worker='{worker.Id}']");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "training-hours.png"), FullPage = true });
        // An external training recorded through the form, the person chosen with the picker.
        await page.ClickAsync("#x-worker-ts-control");
        await page.Keyboard.TypeAsync(worker.Name);
        await page.WaitForSelectorAsync(".ts-dropdown .option");
        await page.Keyboard.PressAsync("Enter");
        await page.FillAsync("#x-title", "社会工作实务能力提升班");
        await page.FillAsync("#x-org", "苏州市民政局");
        await page.FillAsync("#x-date", "2026-06-15");
        await page.FillAsync("#x-hours", "7.5");
        await page.ClickAsync("#record-external");
        await page.WaitForSelectorAsync(".alert-success");
        (await app.WithDbAsync(db => db.ExternalTrainings.AnyAsync(e => e.WorkerId == worker.Id && e.Minutes == 450))).Should().BeTrue();

        // A commendation recorded on the running file's 奖惩 form.
        await page.GotoAsync($"{baseUrl}/Workers/{worker.Id}/File");
        await page.SelectOptionAsync("#c-type", "Praise");
        await page.FillAsync("#c-date", "2026-07-01");
        await page.FillAsync("#c-by", "平江街道党工委");
        await page.FillAsync("#c-effect", "通报表扬，记入履职台账");
        await page.ClickAsync("#record-conduct");
        await page.WaitForSelectorAsync(".alert-success");
        await page.WaitForSelectorAsync("#timeline li[data-kind='Conduct']");
        await page.WaitForSelectorAsync("#timeline li[data-kind='Training']");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "running-file.png"), FullPage = true });

        // The trainee's hours on the phone.
        await phone.GotoAsync($"{baseUrl}/Me/Growth");
        await phone.WaitForSelectorAsync("#my-hours-bar");
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "phone-hours.png"), FullPage = true });

        // A resident rates the worker on a phone from the worker's own code.
        await phone.GotoAsync($"{baseUrl}/Me/Feedback");
        var link = (await phone.InnerTextAsync("#my-feedback-url")).Trim();
        var resident = await browser.NewPageAsync(new BrowserNewPageOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 375, Height = 812 }, IsMobile = true, HasTouch = true });
        await resident.GotoAsync(link);
        await resident.ClickAsync("label[for='star-5']");
        await resident.FillAsync("#feedback-comment", "讲解耐心，手续一次办好");
        await resident.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "phone-feedback.png"), FullPage = true });
        await resident.ClickAsync("#feedback-submit");
        await resident.WaitForSelectorAsync("#feedback-thanks");
        problems.Should().BeEmpty();
    }
}
