using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workforce.Application.Admin;
using Xunit.Abstractions;

namespace Workforce.Web.Tests;

/// <summary>
/// Accounts (issue 12): disabling, a password reset and a change of roles end the account's cookie sessions and bearer tokens
/// at once; signing out ends the session on the server; passwords per ASVS 5 (12+ characters, no composition rules, common
/// ones refused); sign-in does the same work for an unknown user as for a wrong password; security events in the audit trail.
/// </summary>
[Collection(AppCollection.Name)]
public class AccountSecurityTests(WorkforceApp app, ITestOutputHelper output)
{
    private const string Password = "a long and quiet river 2026";

    // A fresh HR officer account for the whole district, created through the admin API; returns its id.
    private async Task<(string Id, string Name)> NewAccountAsync(string role = "HrOfficer")
    {
        var name = "acct" + Guid.NewGuid().ToString("N")[..8];
        var district = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.ParentId == null).Select(u => u.Id).SingleAsync());
        using var admin = await app.ApiAsync("admin");
        var created = await admin.PostAsJsonAsync("/api/v1/admin/users", new { userName = name, displayName = "测试账户", password = Password, roles = new[] { role }, orgUnitId = district });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return ((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!, name);
    }

    private async Task<HttpClient> BearerAsync(string name) => await Authorised(await app.TokenAsync(name, Password));

    private Task<HttpClient> Authorised(string token)
    {
        var client = app.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return Task.FromResult(client);
    }

    private static async Task<HttpStatusCode> PageStatusAsync(HttpClient client) => (await client.GetAsync("/Workers")).StatusCode;

    [Fact]
    public async Task DisablingAnAccountOnTheUsersPageEndsItsCookieAndTokenAtOnceAndEnablingLetsItBackIn()
    {
        var (id, name) = await NewAccountAsync();
        using var cookie = await app.SignInAsync(name, Password);
        using var bearer = await BearerAsync(name);
        (await PageStatusAsync(cookie)).Should().Be(HttpStatusCode.OK);
        (await bearer.GetAsync("/api/v1/workers")).StatusCode.Should().Be(HttpStatusCode.OK);

        using var admin = await app.SignInAsync("admin");
        var disabled = await WorkforceApp.SubmitAsync(admin, "/Admin/Users", $"form[data-user='{name}'] button[data-action=disable]");
        disabled.StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await PageStatusAsync(cookie)).Should().Be(HttpStatusCode.Redirect, "the cookie session ended");
        (await bearer.GetAsync("/api/v1/workers")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the token ended");
        using var again = app.Client();
        (await WorkforceApp.PostLoginAsync(again, name, Password)).StatusCode.Should().Be(HttpStatusCode.OK, "a disabled account cannot sign in");
        (await again.PostAsJsonAsync("/api/v1/auth/token", new { userName = name, password = Password })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var list = new HtmlParser().ParseDocument(await admin.GetStringAsync("/Admin/Users"));
        list.QuerySelector($"form[data-user='{name}']")!.Closest("tr")!.TextContent.Should().Contain("已停用");

        var enabled = await WorkforceApp.SubmitAsync(admin, "/Admin/Users", $"form[data-user='{name}'] button[data-action=enable]");
        enabled.StatusCode.Should().Be(HttpStatusCode.Redirect);
        using var back = await app.SignInAsync(name, Password);
        (await PageStatusAsync(back)).Should().Be(HttpStatusCode.OK);
        (await PageStatusAsync(cookie)).Should().Be(HttpStatusCode.Redirect, "the old session stays ended");

        var events = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType == "Account" && e.EntityId == id).Select(e => e.Action).ToListAsync());
        events.Should().Contain(["SignInSucceeded", "AccountDisabled", "SignInRefusedDisabled", "AccountEnabled"]);
    }

    [Fact]
    public async Task TheApiDisablesAndEnablesAndAnAdminCannotDisableThemselves()
    {
        var (id, name) = await NewAccountAsync();
        using var bearer = await BearerAsync(name);
        using var admin = await app.ApiAsync("admin");
        var disabled = await admin.PostAsync($"/api/v1/admin/users/{id}/disable", null);
        disabled.StatusCode.Should().Be(HttpStatusCode.OK);
        (await disabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("disabled").GetBoolean().Should().BeTrue();
        (await bearer.GetAsync("/api/v1/workers")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await admin.PostAsync($"/api/v1/admin/users/{id}/enable", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        using var fresh = await BearerAsync(name);
        (await fresh.GetAsync("/api/v1/workers")).StatusCode.Should().Be(HttpStatusCode.OK);

        var self = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync());
        (await admin.PostAsync($"/api/v1/admin/users/{self}/disable", null)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await admin.PostAsync("/api/v1/admin/users/no-such-account/disable", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task APasswordResetOrARoleChangeEndsTheOldTokenAndCookieAtOnce()
    {
        var (id, name) = await NewAccountAsync();
        var district = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.ParentId == null).Select(u => u.Id).SingleAsync());
        using var admin = await app.ApiAsync("admin");

        using var token = await BearerAsync(name);
        using var cookie = await app.SignInAsync(name, Password);
        var reset = await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}", new { userName = name, displayName = "测试账户", password = "another long quiet river", roles = new[] { "HrOfficer" }, orgUnitId = district });
        reset.StatusCode.Should().Be(HttpStatusCode.OK, await reset.Content.ReadAsStringAsync());
        (await token.GetAsync("/api/v1/workers")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await PageStatusAsync(cookie)).Should().Be(HttpStatusCode.Redirect);

        var newToken = await app.TokenAsync(name, "another long quiet river");
        using var second = await Authorised(newToken);
        var roles = await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}", new { userName = name, displayName = "测试账户", roles = new[] { "PayrollOfficer" }, orgUnitId = district });
        roles.StatusCode.Should().Be(HttpStatusCode.OK);
        (await second.GetAsync("/api/v1/workers")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the token still names the old roles");

        var events = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType == "Account" && e.EntityId == id).Select(e => e.Action).ToListAsync());
        events.Should().Contain(["PasswordReset", "RolesChanged"]);
    }

    [Fact]
    public async Task SigningOutEndsTheSessionOnTheServerSoACopiedCookieOpensNothing()
    {
        var (_, name) = await NewAccountAsync();
        var jar = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = jar }) { BaseAddress = app.BaseAddress };
        (await WorkforceApp.PostLoginAsync(client, name, Password)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var copied = jar.GetCookieHeader(app.BaseAddress);
        (await PageStatusAsync(client)).Should().Be(HttpStatusCode.OK);

        var signedOut = await WorkforceApp.SubmitAsync(client, "/Workers", "form[action='/Account/Logout']");
        signedOut.StatusCode.Should().Be(HttpStatusCode.Redirect);

        using var thief = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.BaseAddress };
        thief.DefaultRequestHeaders.Add("Cookie", copied);
        (await thief.GetAsync("/Workers")).StatusCode.Should().Be(HttpStatusCode.Redirect, "the session ended on the server");
    }

    [Fact]
    public async Task AnAccountCreatedFromSingleSignOnWaitsDisabledAndOnlyADistrictAdminSeesIt()
    {
        var name = "sso." + Guid.NewGuid().ToString("N")[..8];
        using (var scope = app.Services.CreateScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            (await accounts.CreatePendingAsync("张 伟", "张伟", CancellationToken.None)).Should().BeNull("not a user name here");
            (await accounts.CreatePendingAsync(name, "张伟", CancellationToken.None)).Should().NotBeNull();
            (await accounts.CreatePendingAsync(name, "张伟", CancellationToken.None)).Should().BeNull("the name is taken now");
        }
        var account = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == name));
        account.IsDisabled.Should().BeTrue();
        account.PasswordHash.Should().BeNull();
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "AccountCreatedFromSso" && e.EntityId == account.Id))).Should().Be(1);

        using var admin = await app.ApiAsync("admin");
        (await admin.GetStringAsync("/api/v1/admin/users")).Should().Contain(name);
        // An admin of one street does not see accounts bound to no unit.
        var street = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.ParentId != null && u.Parent!.ParentId == null).OrderBy(u => u.Id).Select(u => u.Id).FirstAsync());
        var streetAdmin = "acct" + Guid.NewGuid().ToString("N")[..8];
        (await admin.PostAsJsonAsync("/api/v1/admin/users", new { userName = streetAdmin, displayName = "街道管理员", password = Password, roles = new[] { "Admin" }, orgUnitId = street }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        using var streetClient = await BearerAsync(streetAdmin);
        var list = await streetClient.GetAsync("/api/v1/admin/users");
        list.StatusCode.Should().Be(HttpStatusCode.OK);
        (await list.Content.ReadAsStringAsync()).Should().NotContain(name);
        (await streetClient.PostAsync($"/api/v1/admin/users/{account.Id}/enable", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == account.Id))).IsDisabled.Should().BeTrue();
    }

    [Fact]
    public async Task WithoutSingleSignOnTheProvidersAddressesAreNotThere()
    {
        using var client = app.Client();
        (await client.GetAsync("/Account/ExternalCallback")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var login = await client.GetStringAsync("/Account/Login");
        login.Should().NotContain("sso-login").And.Contain("login-submit");
        var token = new HtmlParser().ParseDocument(login).QuerySelector("form[action='/Account/Login'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        (await client.PostAsync("/Account/ExternalLogin", form)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/Account/Login")).Headers.GetValues("Content-Security-Policy").Single().Should().Contain("form-action 'self';");
    }

    [Theory]
    [InlineData("Password123!")]
    [InlineData("woaini1314")]
    [InlineData("a123456")]
    [InlineData("qq123456")]
    [InlineData("woaini1314520")]
    [InlineData("123456789012")]
    public async Task CommonPasswordsAreRefusedWithAMessage(string password)
    {
        PasswordPolicy.IsCommon(password).Should().BeTrue();
        using var admin = await app.ApiAsync("admin");
        var district = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.ParentId == null).Select(u => u.Id).SingleAsync());
        var response = await admin.PostAsJsonAsync("/api/v1/admin/users", new { userName = "weak" + Guid.NewGuid().ToString("N")[..6], displayName = "弱密码", password, roles = new[] { "HrOfficer" }, orgUnitId = district });
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("该密码过于常见");
    }

    [Fact]
    public async Task ALongPassphraseWithoutSymbolsIsAcceptedAndShortOnesAreNot()
    {
        PasswordPolicy.IsCommon("a long and quiet river 2026").Should().BeFalse();
        using var admin = await app.ApiAsync("admin");
        var district = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.ParentId == null).Select(u => u.Id).SingleAsync());
        var shortOne = await admin.PostAsJsonAsync("/api/v1/admin/users", new { userName = "short" + Guid.NewGuid().ToString("N")[..6], displayName = "短", password = "Xk#9vQ2!mZ", roles = new[] { "HrOfficer" }, orgUnitId = district });
        (await shortOne.Content.ReadAsStringAsync()).Should().Contain("至少 12 位");
        var name = "pass" + Guid.NewGuid().ToString("N")[..6];
        var withName = await admin.PostAsJsonAsync("/api/v1/admin/users", new { userName = name, displayName = "名", password = name + " is my secret", roles = new[] { "HrOfficer" }, orgUnitId = district });
        (await withName.Content.ReadAsStringAsync()).Should().Contain("不能包含用户名");
        (await NewAccountAsync()).Id.Should().NotBeEmpty("a 27-character phrase of lower-case words and digits is accepted");
    }

    [Fact]
    public async Task SignInTakesAsLongForAnUnknownUserAsForAWrongPasswordOnThePageAndTheTokenEndpoint()
    {
        var (_, name) = await NewAccountAsync();
        using var client = app.Client();
        // Unknown and wrong are tried in turn, 30 of each, so whatever else the machine does weighs on both alike; besides the
        // two medians, the median of the 30 pairs' ratios is compared, which a change of load between pairs does not move.
        async Task<(double Unknown, double Wrong, double Ratio)> MediansAsync(Func<string, Task> attempt)
        {
            var unknown = new List<double>();
            var wrong = new List<double>();
            for (var i = 0; i < 30; i++)
            {
                var clock = Stopwatch.StartNew();
                await attempt("nobody-" + Guid.NewGuid().ToString("N")[..6]);
                unknown.Add(clock.Elapsed.TotalMilliseconds);
                clock.Restart();
                await attempt(name);
                wrong.Add(clock.Elapsed.TotalMilliseconds);
            }
            static double Median(IEnumerable<double> t) => t.Order().Skip(14).Take(2).Average();
            return (Median(unknown), Median(wrong), Median(unknown.Zip(wrong, (u, w) => u / w)));
        }
        var token = await WorkforceApp.FormTokenAsync(client, "/Account/Login");
        Task Page(string user) => client.PostAsync("/Account/Login", WorkforceApp.Form(token, ("UserName", user), ("Password", "not the password at all")));
        Task Api(string user) => client.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password = "not the password at all" });
        await Page("nobody-here");
        await Page(name);

        var (pageUnknown, pageWrong, pageRatio) = await MediansAsync(Page);
        var (apiUnknown, apiWrong, apiRatio) = await MediansAsync(Api);
        output.WriteLine($"sign-in page: unknown user {pageUnknown:F0} ms, wrong password {pageWrong:F0} ms (pairs' median ratio {pageRatio:F2}); " +
            $"token endpoint: unknown {apiUnknown:F0} ms, wrong {apiWrong:F0} ms (pairs' median ratio {apiRatio:F2})");

        pageRatio.Should().BeInRange(1 / 1.2, 1.2);
        apiRatio.Should().BeInRange(1 / 1.2, 1.2);
        var unknownNames = await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "SignInFailed" && e.EntityId == "" && (e.After ?? "").Contains("nobody")));
        unknownNames.Should().Be(0, "the audit trail never records the name typed");
        (await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "SignInLockedOut"))).Should().BeTrue("thirty wrong passwords lock the account");
    }

    [Fact]
    public async Task AnObjectRefusedByIdIsASecurityEvent()
    {
        using var trainee = await app.ApiAsync("trainee");
        var other = await app.WithDbAsync(db => db.Workers.OrderByDescending(w => w.Id).Select(w => w.Id).FirstAsync());
        (await trainee.GetAsync($"/api/v1/workers/{other}")).StatusCode.Should().BeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden);
        var events = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "AccessRefused" && e.EntityId == other.ToString()).ToListAsync());
        events.Should().NotBeEmpty();
        events[0].UserName.Should().Be("trainee");
    }
}
