using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Workforce.Domain.Organisation;
using Workforce.Domain.Workers;

namespace Workforce.Web.Tests;

[Collection(AppCollection.Name)]
public class RegistryPagesTests(WorkforceApp app)
{
    [Fact]
    public async Task AnAdminCreatesAStreetScopedOfficerWhoSeesOnlyThatStreet()
    {
        var street = await app.WithDbAsync(db => db.OrgUnits.SingleAsync(u => u.Code == "320508002"));
        using var admin = await app.SignInAsync("admin");
        var token = await WorkforceApp.FormTokenAsync(admin, "/Admin/Users/Create");
        var name = "cl." + Guid.NewGuid().ToString("N")[..6];

        var bad = await admin.PostAsync("/Admin/Users/Create", WorkforceApp.Form(token, ("Input.UserName", name), ("Input.DisplayName", "沧浪专员"), ("Input.Password", "short"), ("Input.Roles", "HrOfficer")));
        var badDoc = new HtmlParser().ParseDocument(await bad.Content.ReadAsStringAsync());
        badDoc.QuerySelector("[data-valmsg-for='Input.OrgUnitId']")!.TextContent.Should().Contain("管辖范围");
        (await app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == name))).Should().BeFalse("nothing is saved on bad input");

        var created = await admin.PostAsync("/Admin/Users/Create", WorkforceApp.Form(token, ("Input.UserName", name), ("Input.DisplayName", "沧浪专员"),
            ("Input.Password", "Str0ng#Password"), ("Input.Roles", "HrOfficer"), ("Input.OrgUnitId", street.Id.ToString())));
        created.StatusCode.Should().Be(HttpStatusCode.Redirect);

        using var api = app.Client();
        var response = await api.PostAsJsonAsync("/api/v1/auth/token", new { userName = name, password = "Str0ng#Password" });
        var accessToken = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        api.DefaultRequestHeaders.Authorization = new("Bearer", accessToken);
        var units = await api.GetFromJsonAsync<JsonElement>("/api/v1/org-units?type=Street");
        units.EnumerateArray().Select(u => u.GetProperty("name").GetString()).Should().Equal(street.Name);
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == name).Select(u => u.Id).SingleAsync());
        (await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.EntityType == "UserRole" && e.EntityId.StartsWith(userId) && e.UserName == "admin"))).Should().BeTrue();
    }

    [Fact]
    public async Task AnHrOfficerRegistersAWorkerThenChangesTheirPost()
    {
        var community = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Type == OrgUnitType.Community).OrderBy(u => u.Code).Skip(3).FirstAsync());
        using var hr = await app.SignInAsync("hr");
        var token = await WorkforceApp.FormTokenAsync(hr, "/Workers/Create");
        var first17 = "32050819950606" + "123";
        var id = first17 + IdCardNumber.ComputeCheckCharacter(first17);

        var invalid = await hr.PostAsync("/Workers/Create", WorkforceApp.Form(token, ("Input.Name", "陆晓"), ("Input.IdCardNumber", id), ("Input.Education", "Bachelor"),
            ("Input.PoliticalStatus", "YouthLeague"), ("Input.HireDate", "2023-09-01"), ("Input.CommunityId", community.Id.ToString()), ("Input.Post", "Head"), ("Input.Grade", "3")));
        invalid.StatusCode.Should().Be(HttpStatusCode.OK);
        new HtmlParser().ParseDocument(await invalid.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for='Input.Grade']")!.TextContent
            .Should().Contain("等级 3 不在“正职”岗位的等级区间 7–18 内");

        var missing = await hr.PostAsync("/Workers/Create", WorkforceApp.Form(token, ("Input.Name", "陆晓")));
        new HtmlParser().ParseDocument(await missing.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for='Input.IdCardNumber']")!.TextContent.Should().Be("请填写身份证号。");

        var created = await hr.PostAsync("/Workers/Create", WorkforceApp.Form(token, ("Input.Name", "陆晓"), ("Input.IdCardNumber", id), ("Input.Phone", "13912340000"), ("Input.Education", "Bachelor"),
            ("Input.PoliticalStatus", "YouthLeague"), ("Input.HireDate", "2023-09-01"), ("Input.CommunityId", community.Id.ToString()), ("Input.Post", "Staff"), ("Input.Grade", "3")));
        created.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var details = created.Headers.Location!.ToString();
        var workerId = long.Parse(details[(details.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

        token = await WorkforceApp.FormTokenAsync(hr, details);
        var overlap = await hr.PostAsync($"/Workers/AssignPost/{workerId}", WorkforceApp.Form(token, ("AssignPost.CommunityId", community.Id.ToString()), ("AssignPost.Post", "Deputy"), ("AssignPost.Grade", "5"), ("AssignPost.AssignmentStart", "2023-09-01")));
        new HtmlParser().ParseDocument(await overlap.Content.ReadAsStringAsync()).QuerySelector(".validation-summary-errors, [data-valmsg-for='AssignPost.AssignmentStart']")!.TextContent.Should().Contain("重叠");

        var promoted = await hr.PostAsync($"/Workers/AssignPost/{workerId}", WorkforceApp.Form(token, ("AssignPost.CommunityId", community.Id.ToString()), ("AssignPost.Post", "Deputy"), ("AssignPost.Grade", "5"), ("AssignPost.AssignmentStart", "2025-01-01")));
        promoted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var history = await app.WithDbAsync(db => db.PostAssignments.Where(a => a.WorkerId == workerId).OrderBy(a => a.Start).ToListAsync());
        history.Select(a => (a.Post, a.Grade.Value, a.End?.ToString("yyyy-MM-dd", null))).Should().Equal((Post.Staff, 3, "2024-12-31"), (Post.Deputy, 5, (string?)null));
    }

    [Fact]
    public async Task TheInterfaceSwitchesToEnglish()
    {
        using var hr = await app.SignInAsync("hr");
        (await hr.GetStringAsync("/Workers")).Should().Contain("社区工作者");
        var token = await WorkforceApp.FormTokenAsync(hr, "/Workers");
        var switched = await hr.PostAsync("/Home/SetLanguage", WorkforceApp.Form(token, ("culture", "en"), ("returnUrl", "/Workers")));
        switched.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var english = new HtmlParser().ParseDocument(await hr.GetStringAsync("/Workers"));
        english.QuerySelector("h1")!.TextContent.Should().Be("Community workers");
        english.QuerySelector("#worker-table th")!.TextContent.Should().Be("Name");
    }

    [Fact]
    public async Task DataProtectionKeysLiveInTheDatabase()
    {
        using var client = await app.SignInAsync("payroll");
        (await app.WithDbAsync(db => db.DataProtectionKeys.CountAsync())).Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task TheOrganisationTreeShowsStreetsCommunitiesAndGrids()
    {
        using var street = await app.SignInAsync("hr.street");
        var tree = new HtmlParser().ParseDocument(await street.GetStringAsync("/OrgUnits"));
        tree.QuerySelectorAll(".tree a").Select(a => a.TextContent).Should().HaveCount(11).And.Contain("平江街道");
        var community = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Type == OrgUnitType.Community && u.Code.StartsWith("320508001")).OrderBy(u => u.Code).FirstAsync());
        var page = new HtmlParser().ParseDocument(await street.GetStringAsync($"/OrgUnits/Details/{community.Id}"));
        page.QuerySelectorAll("tbody tr").Should().HaveCountGreaterThanOrEqualTo(3, "each community has its grids");
        var other = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Type == OrgUnitType.Community && !u.Code.StartsWith("320508001")).Select(u => u.Id).FirstAsync());
        (await street.GetAsync($"/OrgUnits/Details/{other}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
