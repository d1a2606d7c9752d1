using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Workforce.Web.Tests;

/// <summary>Single sign-on through a real OpenID Connect provider (OpenIddict, <see cref="OidcTestProvider"/>) in Chromium.</summary>
public partial class BrowserTests
{
    private static readonly Dictionary<string, string> ProviderUsers = new() { ["hr"] = "王芳（区人社局）", ["zhang.wei"] = "张伟" };

    // The provider's own sign-in page, as a person fills it in.
    private static async Task SignInAtProviderAsync(IPage page, string user)
    {
        await page.WaitForSelectorAsync("#provider-user");
        await page.FillAsync("#provider-user", user);
        await page.FillAsync("#provider-password", OidcTestProvider.Password);
        await page.ClickAsync("#provider-submit");
    }

    [Fact]
    public async Task AnOfficerSignsInThroughTheDistrictsSingleSignOnLandsWithTheLocalRolesAndSignsOutThereToo()
    {
        var shots = Shots();
        await using var provider = await OidcTestProvider.StartAsync(ProviderUsers);
        var database = Path.Combine(Path.GetTempPath(), $"workforce-sso-{Guid.NewGuid():N}.db");
        try
        {
            using var fresh = KestrelApp.Http(database, provider.Settings());
            await provider.RegisterClientAsync(fresh.Address);
            var (playwright, browser, page, problems) = await OpenAsync();
            using var _ = playwright;
            await using var __ = browser;
            var baseUrl = fresh.Address.ToString().TrimEnd('/');

            // The landing address of the provider's answer signs nobody in when opened without one.
            await page.GotoAsync(baseUrl + "/Account/ExternalCallback");
            (await page.GetAttributeAsync("#sso-refused", "data-outcome")).Should().Be("Failed");
            (await fresh.WithDbAsync(db => db.UserSessions.CountAsync())).Should().Be(0);

            // An officer opens a page of the system, is sent to sign in and chooses the district's platform.
            await page.GotoAsync(baseUrl + "/Workers");
            await page.WaitForSelectorAsync("#sso-login");
            (await page.InnerTextAsync("#sso-login")).Should().Contain("使用区统一身份认证平台登录");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "sso-01-login.png"), FullPage = true });
            await page.ClickAsync("#sso-login");
            await page.WaitForSelectorAsync("#provider-user");
            page.Url.Should().StartWith(provider.Authority.ToString(), "the provider asks for its own credentials");
            await SignInAtProviderAsync(page, "hr");

            // Back in the system with the local account's roles and scope: the worker list of an HR officer, no admin menu.
            await page.WaitForURLAsync(url => url.StartsWith(baseUrl + "/Workers", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
            await page.WaitForSelectorAsync("#logout", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
            var nav = await page.TextContentAsync("nav");
            nav.Should().Contain("招聘").And.Contain("区人事专员").And.NotContain("用户与权限").And.NotContain("审计日志");
            (await page.Locator("table tbody tr").CountAsync()).Should().BeGreaterThan(0);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "sso-02-signed-in.png"), FullPage = true });
            var hr = await fresh.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "hr"));
            (await fresh.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "SignInSucceeded" && e.EntityId == hr.Id && (e.After ?? "").Contains("sso")))).Should().Be(1);

            // Signing out ends the session here and at the provider: the next sign-in asks for the provider's credentials again.
            await SignOutAsync(page);
            (await fresh.WithDbAsync(db => db.UserSessions.CountAsync(s => s.UserId == hr.Id && s.EndedAt == null))).Should().Be(0);
            await page.ClickAsync("#sso-login");
            await page.WaitForSelectorAsync("#provider-user");

            // An identity the provider knows but this system does not is refused with a page that says what to do.
            await SignInAtProviderAsync(page, "zhang.wei");
            await page.WaitForSelectorAsync("#sso-refused");
            (await page.GetAttributeAsync("#sso-refused", "data-outcome")).Should().Be("Unknown");
            (await page.InnerTextAsync("#sso-refused")).Should().Contain("尚未在本系统开通").And.Contain("zhang.wei");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "sso-03-unknown.png"), FullPage = true });
            (await fresh.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "zhang.wei"))).Should().BeFalse();
            (await fresh.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "SsoSignInRefusedUnknown" && (e.After ?? "").Contains("zhang.wei")))).Should().Be(1);
            problems.Where(p => !p.Contains(provider.Authority.Authority, StringComparison.Ordinal)).Should().BeEmpty();
        }
        finally
        {
            ScratchDatabases.Delete(database);
        }
    }

    [Fact]
    public async Task WithPasswordsTurnedOffAnUnknownIdentityGetsADisabledAccountThatAnAdminApprovesAndThenSignsIn()
    {
        var shots = Shots();
        await using var provider = await OidcTestProvider.StartAsync(ProviderUsers);
        var database = Path.Combine(Path.GetTempPath(), $"workforce-sso-pending-{Guid.NewGuid():N}.db");
        try
        {
            using var fresh = KestrelApp.Http(database, provider.Settings(
                ("Sso:UnknownUsers", "CreateDisabled"), ("Sso:LocalPasswordSignIn", "false"), ("Sso:LocalPasswordAccounts:0", "admin")));
            await provider.RegisterClientAsync(fresh.Address);
            var (playwright, browser, page, problems) = await OpenAsync();
            using var _ = playwright;
            await using var __ = browser;
            page.Dialog += (_, d) => d.AcceptAsync();
            var baseUrl = fresh.Address.ToString().TrimEnd('/');

            // The sign-in page offers only the platform; a password is refused for everyone but the break-glass admin, here and on the API.
            await page.GotoAsync(baseUrl + "/Account/Login");
            await page.WaitForSelectorAsync("#password-off");
            (await page.Locator("#UserName").CountAsync()).Should().Be(0);
            using (var http = new HttpClient { BaseAddress = fresh.Address })
            {
                (await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = "hr", password = WorkforceApp.Password })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
                (await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = "admin", password = WorkforceApp.Password })).StatusCode.Should().Be(HttpStatusCode.OK);
            }
            await page.GotoAsync(baseUrl + "/Account/Login?local=true");
            await page.FillAsync("#UserName", "hr");
            await page.FillAsync("#Password", WorkforceApp.Password);
            await page.ClickAsync("#login-submit");
            (await page.InnerTextAsync(".alert-danger")).Should().Contain("用户名或密码错误");
            (await fresh.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "SignInRefusedPasswordOff"))).Should().Be(2);

            // 张伟 signs in through the platform for the first time: an account is created, disabled, waiting for approval.
            await page.GotoAsync(baseUrl + "/Account/Login");
            await page.ClickAsync("#sso-login");
            await SignInAtProviderAsync(page, "zhang.wei");
            await page.WaitForSelectorAsync("#sso-refused");
            (await page.GetAttributeAsync("#sso-refused", "data-outcome")).Should().Be("PendingApproval");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "sso-04-pending.png"), FullPage = true });
            var pending = await fresh.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "zhang.wei"));
            pending.IsDisabled.Should().BeTrue();
            pending.DisplayName.Should().Be("张伟");
            pending.PasswordHash.Should().BeNull();
            (await fresh.WithDbAsync(db => db.UserRoles.CountAsync(r => r.UserId == pending.Id))).Should().Be(0);
            (await fresh.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "AccountCreatedFromSso" && e.EntityId == pending.Id))).Should().Be(1);

            // The break-glass admin signs in with a password, finds the account awaiting approval, gives it a role and a unit, enables it.
            await page.GotoAsync(baseUrl + "/Account/Login?local=true");
            await page.FillAsync("#UserName", "admin");
            await page.FillAsync("#Password", WorkforceApp.Password);
            await page.ClickAsync("#login-submit");
            await page.WaitForSelectorAsync("#logout", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
            await page.GotoAsync(baseUrl + "/Admin/Users");
            var row = page.Locator("tr", new PageLocatorOptions { HasText = "zhang.wei" });
            (await row.InnerTextAsync()).Should().Contain("待审核");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "sso-05-approve.png"), FullPage = true });
            await row.GetByRole(AriaRole.Link).ClickAsync();
            await page.CheckAsync("#role-HrOfficer");
            await page.SelectOptionAsync("#Input_OrgUnitId", new SelectOptionValue { Index = 1 });
            await page.ClickAsync("form.card button[type=submit]");
            await page.WaitForURLAsync(url => url.EndsWith("/Admin/Users", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
            await row.Locator("button[data-action=enable]").ClickAsync();
            await page.WaitForSelectorAsync(".alert-success");
            await page.ClickAsync("#logout");
            await page.WaitForSelectorAsync("#password-off");

            // 张伟 is still signed in at the platform: one click lands on the dashboard as an HR officer.
            await page.GotoAsync(baseUrl + "/Account/Login");
            await page.ClickAsync("#sso-login");
            await page.WaitForURLAsync(url => url.TrimEnd('/') == baseUrl, new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
            await page.WaitForSelectorAsync("#logout", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
            (await page.TextContentAsync("nav")).Should().Contain("张伟").And.Contain("招聘");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "sso-06-approved.png"), FullPage = true });
            problems.Where(p => !p.Contains(provider.Authority.Authority, StringComparison.Ordinal)).Should().BeEmpty();
        }
        finally
        {
            ScratchDatabases.Delete(database);
        }
    }
}
