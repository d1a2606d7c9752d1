using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;

namespace Workforce.Web.Tests;

[Collection(AppCollection.Name)]
public class SecurityTests(WorkforceApp app)
{
    [Fact]
    public async Task EveryResponseCarriesTheSecurityHeaders()
    {
        using var client = app.Client();
        var response = await client.GetAsync("/Account/Login");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.Should().Contain("script-src 'self'").And.Contain("frame-ancestors 'none'").And.NotContain("unsafe-inline");
        response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().Should().Be("strict-origin-when-cross-origin");
        response.Headers.GetValues("X-Frame-Options").Single().Should().Be("DENY");
    }

    [Fact]
    public async Task PagesContainNoInlineScript()
    {
        using var client = await app.SignInAsync("admin");
        var someWorker = await app.WithDbAsync(db => db.Workers.Select(w => w.Id).FirstAsync());
        foreach (var path in new[] { "/", "/Workers", "/OrgUnits", "/Admin/Users", "/Admin/Users/Create", "/Admin/Audit", $"/Workers/Details/{someWorker}", "/Workers/Create", "/Workers/Import", $"/Workers/Edit/{someWorker}" })
        {
            var doc = new HtmlParser().ParseDocument(await client.GetStringAsync(path));
            // A JSON data block (the dashboard's chart data) is not script: the browser never runs it, the CSP has nothing to allow.
            doc.QuerySelectorAll("script").Should().OnlyContain(s => s.HasAttribute("src") || s.GetAttribute("type") == "application/json", $"{path} must not carry inline script");
            doc.QuerySelectorAll("[style]").Should().BeEmpty($"{path} must not carry inline styles (CSP)");
        }
    }

    [Fact]
    public async Task TheAuthCookieIsHttpOnlyAndSameSite()
    {
        using var client = app.Client();
        var response = await WorkforceApp.PostLoginAsync(client, "hr", WorkforceApp.Password);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("Workforce.Auth=", StringComparison.Ordinal));
        cookie.Should().Contain("httponly").And.Contain("samesite=strict");
    }

    [Fact]
    public async Task UnknownUserAndWrongPasswordGetTheSameAnswer()
    {
        using var client = app.Client();
        var unknown = await (await WorkforceApp.PostLoginAsync(client, "nobody-" + Guid.NewGuid().ToString("N")[..6], "Whatever#123")).Content.ReadAsStringAsync();
        var wrong = await (await WorkforceApp.PostLoginAsync(client, "payroll", "Wrong#Password1")).Content.ReadAsStringAsync();
        string Message(string html) => new HtmlParser().ParseDocument(html).QuerySelector(".validation-summary-errors")!.TextContent.Trim();
        Message(unknown).Should().Be(Message(wrong)).And.Contain("用户名或密码错误");
    }

    [Fact]
    public async Task FiveFailedSignInsLockTheAccount()
    {
        var user = "lock-" + Guid.NewGuid().ToString("N")[..6];
        await app.WithDbAsync(async db =>
        {
            var users = app.Services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Data.Identity.ApplicationUser>>();
            var created = await users.CreateAsync(new Data.Identity.ApplicationUser { UserName = user, DisplayName = "锁定测试", OrgUnitId = await db.OrgUnits.Select(u => u.Id).FirstAsync() }, WorkforceApp.Password);
            created.Succeeded.Should().BeTrue();
            await users.AddToRoleAsync((await users.FindByNameAsync(user))!, Data.Identity.Roles.HrOfficer);
            return 0;
        });
        using var client = app.Client();
        for (var i = 0; i < 5; i++)
        {
            (await WorkforceApp.PostLoginAsync(client, user, "Wrong#Password1")).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        var afterLock = await WorkforceApp.PostLoginAsync(client, user, WorkforceApp.Password);
        afterLock.StatusCode.Should().Be(HttpStatusCode.OK, "the right password no longer signs in while locked");
        using var api = app.Client();
        (await api.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password = WorkforceApp.Password })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task APostWithoutTheAntiforgeryTokenIsRefused()
    {
        using var client = await app.SignInAsync("admin");
        var response = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent([]));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var create = await client.PostAsync("/Workers/Create", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Name"] = "测试" }));
        create.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData(null, "/Workers", "/Account/Login")]
    [InlineData("trainee", "/Workers", "/Account/AccessDenied")]
    [InlineData("trainee", "/OrgUnits", "/Account/AccessDenied")]
    [InlineData("hr", "/Admin/Users", "/Account/AccessDenied")]
    [InlineData("payroll", "/Workers/Create", "/Account/AccessDenied")]
    [InlineData("hr.street", "/Admin/Audit", "/Account/AccessDenied")]
    public async Task PagesRedirectWhoMayNotSeeThem(string? user, string path, string redirect)
    {
        using var client = user is null ? app.Client() : await app.SignInAsync(user);
        var response = await client.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain(redirect);
    }

    [Fact]
    public async Task ATraineeSeesOnlyTheirOwnRecord()
    {
        using var client = await app.SignInAsync("trainee");
        var (ownId, ownName, otherId) = await app.WithDbAsync(async db =>
        {
            var ids = await db.Workers.OrderBy(w => w.Id).Select(w => new { w.Id, w.Name }).Take(2).ToListAsync();
            return (ids[0].Id, ids[0].Name, ids[1].Id);
        });
        var home = new HtmlParser().ParseDocument(await client.GetStringAsync("/"));
        home.QuerySelector("#worker-name")!.TextContent.Should().Be(ownName);
        (await client.GetAsync($"/Workers/Details/{otherId}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "someone else's record is not found");
        (await client.GetAsync($"/Workers/Details/{ownId}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the registry pages are for officers; a trainee uses the start page");
    }
}
