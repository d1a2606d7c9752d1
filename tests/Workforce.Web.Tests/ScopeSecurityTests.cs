using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workforce.Application.Common;
using Workforce.Domain.Organisation;
using Xunit.Abstractions;

namespace Workforce.Web.Tests;

/// <summary>
/// One answer for "not yours" (issue 12): an object outside the caller's scope is 404 for every role and endpoint — never 403,
/// which would tell that it exists — list filters naming another scope's unit or worker included; every API error is
/// problem+json; no 500 for a bad id; a street officer's run and period figures are their street's.
/// </summary>
[Collection(AppCollection.Name)]
public class ScopeSecurityTests(WorkforceApp app, ITestOutputHelper output)
{
    private Task<(long Own, long Other)> StreetsAsync() => app.WithDbAsync(async db =>
    {
        var streets = await db.OrgUnits.Where(u => u.Type == OrgUnitType.Street).OrderBy(u => u.Path).Select(u => new { u.Id, u.Name }).ToListAsync();
        return (streets.Single(s => s.Name == "平江街道").Id, streets.First(s => s.Name != "平江街道").Id);
    });

    private Task<long> WorkerInAsync(long streetId) => app.WithDbAsync(async db =>
    {
        var path = await db.OrgUnits.Where(u => u.Id == streetId).Select(u => u.Path).SingleAsync();
        return await db.Workers.Where(w => db.OrgUnits.Any(u => u.Id == w.OrgUnitId && u.Path.StartsWith(path))).OrderBy(w => w.Id).Select(w => w.Id).FirstAsync();
    });

    [Theory]
    [InlineData("trainee")]
    [InlineData("hr.street")]
    public async Task EveryRouteNamingSomeoneElsesObjectAnswers404NeverA403OrA500(string user)
    {
        var (_, other) = await StreetsAsync();
        var foreignWorker = await WorkerInAsync(other);
        var routes = RouteWalker.GetRoutes(app, (_, p) => p.Name is "id" or "month" ? "2026-01" : foreignWorker.ToString(System.Globalization.CultureInfo.InvariantCulture), output.WriteLine, foreignWorker)
            .Where(r => r.NamesAnObject).ToList();
        routes.Should().HaveCountGreaterThan(20);
        using var page = await app.SignInAsync(user);
        using var api = await app.ApiAsync(user);
        var wrong = new List<string>();
        foreach (var route in routes)
        {
            using var response = await (route.Api ? api : page).GetAsync(route.Path);
            var code = (int)response.StatusCode;
            if (code is 403 or >= 500 || (route.Api && code >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json"))
            {
                wrong.Add($"{route.Path}: {code} {response.Content.Headers.ContentType?.MediaType}");
            }
            if (route.Path.Contains("/workers/" + foreignWorker, StringComparison.OrdinalIgnoreCase) && code == 200)
            {
                wrong.Add($"{route.Path}: 200 for a worker outside the scope");
            }
        }
        output.WriteLine($"{routes.Count} routes naming an object walked as {user}");
        wrong.Should().BeEmpty();
    }

    [Fact]
    public async Task AListFilteredByAnotherScopesUnitOrWorkerIsNotFoundOnPagesAndTheApi()
    {
        var (own, other) = await StreetsAsync();
        var foreignWorker = await WorkerInAsync(other);
        var ownWorker = await WorkerInAsync(own);
        using var api = await app.ApiAsync("hr.street");
        using var page = await app.SignInAsync("hr.street");
        (await api.GetAsync($"/api/v1/workers?orgUnitId={own}")).StatusCode.Should().Be(HttpStatusCode.OK);
        foreach (var path in new[]
        {
            $"/api/v1/workers?orgUnitId={other}", $"/api/v1/org-units?parentId={other}", $"/api/v1/reserve-pool/compliance?orgUnitId={other}",
            $"/api/v1/payroll/periods/2026-01/payslips?orgUnitId={other}", $"/api/v1/payroll/periods/2026-01/payslips?workerId={foreignWorker}",
            $"/api/v1/certificates?orgUnitId={other}",
        })
        {
            var response = await api.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.NotFound, path);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json", path);
        }
        (await api.GetAsync($"/api/v1/certificates?orgUnitId={own}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await api.GetAsync($"/api/v1/payroll/periods/2026-01/payslips?workerId={ownWorker}")).StatusCode.Should().Be(HttpStatusCode.OK);
        foreach (var path in new[] { $"/Workers?OrgUnitId={other}", $"/Workers/Export?OrgUnitId={other}", $"/Payroll/Register/2026-01?unitId={other}", $"/Payroll/ExportRegister/2026-01?unitId={other}" })
        {
            (await page.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.NotFound, path);
        }
    }

    [Fact]
    public async Task AStreetOfficerSeesTheRunAndPeriodFiguresOfTheirStreet()
    {
        await PayrollTests.EnsureScenarioAsync(app);
        var (own, _) = await StreetsAsync();
        var (streetPayslips, districtPayslips, runId) = await app.WithDbAsync(async db =>
        {
            var path = await db.OrgUnits.Where(u => u.Id == own).Select(u => u.Path).SingleAsync();
            var period = await db.PayPeriods.Where(p => p.Month == new NodaTime.YearMonth(2026, 1)).SingleAsync();
            var street = await db.Payslips.CountAsync(p => p.PeriodId == period.Id && db.OrgUnits.Any(u => u.Id == p.CommunityId && u.Path.StartsWith(path)));
            return (street, period.Payslips, period.RunId!.Value);
        });
        streetPayslips.Should().BeLessThan(districtPayslips);
        using var street = await app.ApiAsync("hr.street");
        var run = await street.GetFromJsonAsync<JsonElement>($"/api/v1/payroll/runs/{runId}");
        (run.GetProperty("total").GetInt32(), run.GetProperty("processed").GetInt32()).Should().Be((streetPayslips, streetPayslips));
        var period = await street.GetFromJsonAsync<JsonElement>("/api/v1/payroll/periods/2026-01");
        period.GetProperty("payslips").GetInt32().Should().Be(streetPayslips);
        using var district = await app.ApiAsync("payroll");
        (await district.GetFromJsonAsync<JsonElement>($"/api/v1/payroll/runs/{runId}")).GetProperty("total").GetInt32().Should().Be(districtPayslips);

        using var page = await app.SignInAsync("hr.street");
        var html = await page.GetStringAsync("/Payroll/Period/2026-01");
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        doc.QuerySelector("[data-total='Pay.Payslips']")!.TextContent.Trim().Should().Be(streetPayslips.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>Every API error is problem+json, also a body the server cannot read.</summary>
[Collection(AppCollection.Name)]
public class ApiErrorTests(WorkforceApp app)
{
    [Theory]
    [InlineData("multipart/form-data; boundary=xyz", "not a multipart body at all")]
    [InlineData("multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.xlsx\"\r\n\r\nabc")]
    [InlineData("application/json", "{\"month\": ")]
    public async Task AnUnreadableBodyIsAProblemNotAPage(string contentType, string body)
    {
        using var api = await app.ApiAsync("payroll");
        using var content = new StringContent(body);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        var path = contentType.StartsWith("multipart", StringComparison.Ordinal) ? "/api/v1/pay-facts/assessments/import" : "/api/v1/payroll/first-month";
        var response = await api.PostAsync(path, content);
        ((int)response.StatusCode).Should().BeInRange(400, 499, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }
}
