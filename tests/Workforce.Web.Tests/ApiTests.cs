using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workforce.Domain.Organisation;

namespace Workforce.Web.Tests;

[Collection(AppCollection.Name)]
public class ApiTests(WorkforceApp app)
{
    [Fact]
    public async Task IssuesABearerToken()
    {
        using var client = app.Client();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "hr", password = WorkforceApp.Password });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("tokenType").GetString().Should().Be("Bearer");
        json.RootElement.GetProperty("accessToken").GetString().Should().NotBeNullOrEmpty();
        json.RootElement.GetProperty("expiresIn").GetInt32().Should().Be(3600);
    }

    [Fact]
    public async Task AWrongPasswordGets401ProblemDetails()
    {
        using var client = app.Client();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "hr", password = "nope" });
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task TheStreetOfficerListsOnlyThatStreetsWorkers()
    {
        using var district = await app.ApiAsync("hr");
        using var street = await app.ApiAsync("hr.street");
        var all = await district.GetFromJsonAsync<JsonElement>("/api/v1/workers?pageSize=200");
        var mine = await street.GetFromJsonAsync<JsonElement>("/api/v1/workers?pageSize=200");
        var streetUnits = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Path.StartsWith("/320508/320508001/")).Select(u => u.Id).ToListAsync());
        mine.GetProperty("total").GetInt32().Should().BeGreaterThan(0).And.BeLessThan(all.GetProperty("total").GetInt32());
        mine.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("orgUnitId").GetInt64()).Should().OnlyContain(id => streetUnits.Contains(id));
        var units = await street.GetFromJsonAsync<JsonElement>("/api/v1/org-units?type=Community");
        units.EnumerateArray().Should().HaveCount(10).And.OnlyContain(u => streetUnits.Contains(u.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task FiltersAndFindsByExactIdNumber()
    {
        using var hr = await app.ApiAsync("hr");
        var heads = await hr.GetFromJsonAsync<JsonElement>("/api/v1/workers?post=Head&pageSize=5");
        heads.GetProperty("items").EnumerateArray().Should().OnlyContain(i => i.GetProperty("post").GetString() == "Head");
        var (id, idCard) = await app.WithDbAsync(async db => await db.Workers.OrderBy(w => w.Id).Skip(7).Select(w => new { w.Id, w.IdCard }).FirstAsync() is var w ? (w.Id, w.IdCard) : default);
        var found = await hr.GetFromJsonAsync<JsonElement>($"/api/v1/workers?q={idCard.Value}");
        found.GetProperty("total").GetInt32().Should().Be(1);
        var item = found.GetProperty("items")[0];
        item.GetProperty("id").GetInt64().Should().Be(id);
        item.GetProperty("idCardMasked").GetString().Should().Be(idCard.Masked);
        found.GetRawText().Should().NotContain(idCard.Value, "the API never returns a full ID number");
    }

    [Fact]
    public async Task CreatingAWorkerValidatesAndRefusesDuplicates()
    {
        using var hr = await app.ApiAsync("hr");
        var community = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Type == OrgUnitType.Community).OrderBy(u => u.Code).Select(u => u.Id).FirstAsync());
        var bad = await hr.PostAsJsonAsync("/api/v1/workers", new { name = "张三", idCardNumber = "110105194912310021", education = "Bachelor", politicalStatus = "Masses", hireDate = "2024-03-01", communityId = community, post = "Staff", grade = 3 });
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("IdCardNumber")[0].GetString().Should().Contain("校验位");

        var outOfBand = await hr.PostAsJsonAsync("/api/v1/workers", new { name = "张三", idCardNumber = "11010519491231002X", education = "Bachelor", politicalStatus = "Masses", hireDate = "2024-03-01", communityId = community, post = "Staff", grade = 13 });
        (await outOfBand.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("Grade")[0].GetString().Should().Contain("1–12");

        var good = await hr.PostAsJsonAsync("/api/v1/workers", new { name = "张三", idCardNumber = "11010519491231002X", phone = "13800138000", education = "Bachelor", politicalStatus = "Masses", hireDate = "2024-03-01", communityId = community, post = "Staff", grade = 3 });
        good.StatusCode.Should().Be(HttpStatusCode.Created);
        var created = await good.Content.ReadFromJsonAsync<JsonElement>();
        created.GetProperty("idCardMasked").GetString().Should().Be("1101**********002X");
        created.GetProperty("phoneMasked").GetString().Should().Be("138****8000");
        created.GetProperty("grade").GetInt32().Should().Be(3);

        var again = await hr.PostAsJsonAsync("/api/v1/workers", new { name = "张三丰", idCardNumber = "11010519491231002x", education = "Bachelor", politicalStatus = "Masses", hireDate = "2024-03-01", communityId = community, post = "Staff", grade = 3 });
        again.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("IdCardNumber")[0].GetString().Should().Contain("已登记");
    }

    [Fact]
    public async Task AStreetOfficerCannotCreateOutsideTheirStreet()
    {
        using var street = await app.ApiAsync("hr.street");
        var outside = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Type == OrgUnitType.Community && !u.Path.StartsWith("/320508/320508001/")).Select(u => u.Id).FirstAsync());
        var response = await street.PostAsJsonAsync("/api/v1/workers", new { name = "李四", idCardNumber = "44052418800101001" + "4", education = "College", politicalStatus = "Masses", hireDate = "2024-03-01", communityId = outside, post = "Staff", grade = 1 });
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("CommunityId")[0].GetString().Should().Contain("管辖范围");
    }

    public static TheoryData<string?, string, string, HttpStatusCode> Matrix()
    {
        var data = new TheoryData<string?, string, string, HttpStatusCode>();
        // user, method, path template, expected. {inside} = a worker of 平江街道, {outside} = one elsewhere, {district} = the district unit.
        void Row(string? u, string m, string p, HttpStatusCode s) => data.Add(u, m, p, s);
        foreach (var (u, read) in new[] { ("admin", true), ("hr", true), ("hr.street", true), ("payroll", true), ("trainee", false) })
        {
            // A role refused an endpoint gets 403, or 404 when the endpoint names an object (one answer for "not yours").
            var denied = HttpStatusCode.Forbidden;
            var notFound = HttpStatusCode.NotFound;
            Row(u, "GET", "/api/v1/org-units", read ? HttpStatusCode.OK : denied);
            Row(u, "GET", "/api/v1/org-units/{district}", !read ? notFound : u == "hr.street" ? HttpStatusCode.NotFound : HttpStatusCode.OK);
            Row(u, "GET", "/api/v1/workers", read ? HttpStatusCode.OK : denied);
            Row(u, "GET", "/api/v1/workers/{inside}", read ? HttpStatusCode.OK : notFound);
            Row(u, "GET", "/api/v1/workers/{outside}", !read ? notFound : u == "hr.street" ? HttpStatusCode.NotFound : HttpStatusCode.OK);
            var write = u is "admin" or "hr" or "hr.street";
            Row(u, "POST", "/api/v1/workers", write ? HttpStatusCode.BadRequest : denied);
            Row(u, "PUT", "/api/v1/workers/{outside}", !write ? notFound : u == "hr.street" ? HttpStatusCode.NotFound : HttpStatusCode.OK);
            Row(u, "PUT", "/api/v1/workers/{inside}", write ? HttpStatusCode.OK : notFound);
        }
        foreach (var (m, p) in new[] { ("GET", "/api/v1/org-units"), ("GET", "/api/v1/org-units/{district}"), ("GET", "/api/v1/workers"), ("GET", "/api/v1/workers/{inside}"), ("POST", "/api/v1/workers"), ("PUT", "/api/v1/workers/{inside}") })
        {
            Row(null, m, p, HttpStatusCode.Unauthorized);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EveryRoleGetsTheRightAnswerFromEveryEndpoint(string? user, string method, string template, HttpStatusCode expected)
    {
        var ids = await app.WithDbAsync(async db =>
        {
            var district = await db.OrgUnits.Where(u => u.Type == OrgUnitType.District).Select(u => u.Id).SingleAsync();
            var inside = await db.Workers.Where(w => db.OrgUnits.Any(u => u.Id == w.OrgUnitId && u.Path.StartsWith("/320508/320508001/"))).OrderBy(w => w.Id).FirstAsync();
            var outside = await db.Workers.Where(w => db.OrgUnits.Any(u => u.Id == w.OrgUnitId && !u.Path.StartsWith("/320508/320508001/"))).OrderBy(w => w.Id).FirstAsync();
            return (district, inside, outside);
        });
        var worker = template.Contains("{outside}", StringComparison.Ordinal) ? ids.outside : ids.inside;
        var path = template.Replace("{district}", ids.district.ToString(), StringComparison.Ordinal)
            .Replace("{inside}", ids.inside.Id.ToString(), StringComparison.Ordinal).Replace("{outside}", ids.outside.Id.ToString(), StringComparison.Ordinal);
        using var client = await app.ApiAsync(user);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { name = "" });
        }
        else if (method == "PUT")
        {
            // The worker's own values: authorised callers save without changing anything.
            request.Content = JsonContent.Create(new
            {
                name = worker.Name, idCardNumber = worker.IdCard.Value, phone = worker.Phone?.Value, education = worker.Education.ToString(),
                politicalStatus = worker.PoliticalStatus.ToString(), hireDate = worker.HireDate.ToString("yyyy-MM-dd", null),
            });
        }
        var response = await client.SendAsync(request);
        response.StatusCode.Should().Be(expected, $"{user ?? "anonymous"} {method} {template}");
    }

    [Fact]
    public async Task HealthChecksTheDatabase()
    {
        using var client = app.Client();
        var response = await client.GetAsync("/health");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }

    [Fact]
    public async Task PublishesTheOpenApiDocument()
    {
        using var client = app.Client();
        var doc = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.Should().Contain(["/api/v1/auth/token", "/api/v1/workers", "/api/v1/workers/{id}", "/api/v1/org-units", "/api/v1/org-units/{id}"]);
        paths.Should().OnlyContain(p => p.StartsWith("/api/", StringComparison.Ordinal));
    }
}
