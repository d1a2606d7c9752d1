using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workforce.Domain.Organisation;

namespace Workforce.Web.Tests;

/// <summary>
/// The typed JSON API: every operation integrators were promised is in the OpenAPI document with a schema for each
/// answer, and the endpoints added with the application layer answer through HTTP within the caller's scope
/// (another scope's id: 404).
/// </summary>
[Collection(AppCollection.Name)]
public class TypedApiTests(WorkforceApp app)
{
    private const string Street = "/320508/320508001/";

    /// <summary>The operations of the list, each of which must be in the OpenAPI document.</summary>
    public static readonly (string Method, string Path)[] Promised =
    [
        ("get", "/api/v1/certificates"), ("post", "/api/v1/certificates"), ("post", "/api/v1/certificates/{id}/verify"),
        ("get", "/api/v1/mentorships"), ("post", "/api/v1/mentorships"), ("post", "/api/v1/mentorships/{id}/check-ins"),
        ("get", "/api/v1/shadowing-placements"), ("post", "/api/v1/shadowing-placements"),
        ("get", "/api/v1/pay-facts/assessments"), ("post", "/api/v1/pay-facts/assessments"), ("post", "/api/v1/pay-facts/assessments/import"),
        ("get", "/api/v1/pay-facts/leader-recognitions"), ("post", "/api/v1/pay-facts/leader-recognitions"),
        ("get", "/api/v1/pay-facts/deductions"), ("post", "/api/v1/pay-facts/deductions/import"),
        ("get", "/api/v1/pay-facts/salary-accounts/{workerId}"), ("put", "/api/v1/pay-facts/salary-accounts/{workerId}"),
        ("get", "/api/v1/audit"),
        ("get", "/api/v1/admin/users"), ("post", "/api/v1/admin/users"), ("put", "/api/v1/admin/users/{id}"), ("post", "/api/v1/admin/users/{id}/unlock"),
        ("get", "/api/v1/workers/lookup"),
        ("post", "/api/v1/payroll/periods/{month}/runs"), ("get", "/api/v1/payroll/runs/{id}"), ("get", "/api/v1/payroll/periods/{month}"),
        ("get", "/api/v1/payroll/payslips/{id}"), ("get", "/api/v1/me/payslips"),
        ("get", "/api/v1/assessments/schemes"), ("put", "/api/v1/assessments/schemes"), ("get", "/api/v1/assessments/rounds"), ("post", "/api/v1/assessments/rounds"),
        ("get", "/api/v1/assessments/rounds/{id}"), ("post", "/api/v1/assessments/rounds/{id}/evaluations"), ("post", "/api/v1/assessments/rounds/{id}/advance"),
        ("post", "/api/v1/assessments/rounds/{id}/codes"), ("post", "/api/v1/assessments/rounds/{id}/evaluations/import"),
        ("get", "/api/v1/training/hours"), ("post", "/api/v1/training/external-trainings"), ("get", "/api/v1/me/training-hours"), ("post", "/api/v1/me/sign-ins/{sessionId}"),
        ("get", "/api/v1/workers/{id}/file"), ("get", "/api/v1/workers/{id}/conduct-records"), ("post", "/api/v1/workers/{id}/conduct-records"), ("put", "/api/v1/conduct-records/{id}"), ("get", "/api/v1/assessments/rounds/{id}/count"), ("post", "/api/v1/assessments/rounds/{id}/objections"),
        ("post", "/api/v1/assessments/rounds/{id}/objections/{objectionId}/decision"), ("get", "/api/v1/me/assessments"), ("put", "/api/v1/me/assessments/{roundId}/report"),
        ("post", "/api/v1/recruitment/rounds/{id}/posts"), ("put", "/api/v1/recruitment/rounds/{id}/candidates/{candidateId}/work-history"),
        ("post", "/api/v1/recruitment/rounds/{id}/candidates/{candidateId}/choice"), ("get", "/api/v1/recruitment/rounds/{id}/candidates/{candidateId}/eligibility"),
        ("post", "/api/v1/recruitment/rounds/{id}/candidates/{candidateId}/second-review"), ("put", "/api/v1/recruitment/rounds/{id}/rules"),
    ];

    [Fact]
    public async Task TheOpenApiDocumentHasEveryPromisedOperationAndASchemaForEveryAnswer()
    {
        using var client = app.Client();
        var doc = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        foreach (var (method, path) in Promised)
        {
            (paths.TryGetProperty(path, out var item) && item.TryGetProperty(method, out _)).Should().BeTrue($"{method.ToUpperInvariant()} {path} is promised to integrators");
        }
        var missing = new List<string>();
        foreach (var path in paths.EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (!operation.Value.GetProperty("responses").EnumerateObject().Any(r => r.Name.StartsWith('2')))
                {
                    missing.Add($"{operation.Name.ToUpperInvariant()} {path.Name}: no success answer");
                }
                foreach (var response in operation.Value.GetProperty("responses").EnumerateObject())
                {
                    var code = int.Parse(response.Name, System.Globalization.CultureInfo.InvariantCulture);
                    var needsBody = code is 200 or 201 || code >= 400;
                    var hasSchema = response.Value.TryGetProperty("content", out var content) && content.EnumerateObject().Any(c => c.Value.TryGetProperty("schema", out _));
                    if (needsBody && !hasSchema)
                    {
                        missing.Add($"{operation.Name.ToUpperInvariant()} {path.Name} {code}");
                    }
                }
            }
        }
        missing.Should().BeEmpty("every answer with a body names its schema");
    }

    [Fact]
    public async Task TheWorkerLookUpFindsByNamePartIdTailOrCommunityWithinScopeOnly()
    {
        var (inside, outside, insideCommunity) = await app.WithDbAsync(async db =>
        {
            var i = await db.Workers.AsNoTracking().Where(w => w.LeaveDate == null && db.OrgUnits.Any(u => u.Id == w.OrgUnitId && u.Path.StartsWith(Street))).OrderBy(w => w.Id).FirstAsync();
            var o = await db.Workers.AsNoTracking().Where(w => w.LeaveDate == null && db.OrgUnits.Any(u => u.Id == w.OrgUnitId && !u.Path.StartsWith(Street))).OrderBy(w => w.Id).FirstAsync();
            var c = await db.OrgUnits.Where(u => u.Id == i.OrgUnitId).Select(u => u.Name).SingleAsync();
            return (i, o, c);
        });
        using var street = await app.ApiAsync("hr.street");
        using var district = await app.ApiAsync("hr");
        async Task<List<JsonElement>> Find(HttpClient client, string q) =>
            [.. (await client.GetFromJsonAsync<JsonElement>("/api/v1/workers/lookup?take=50&q=" + Uri.EscapeDataString(q))).EnumerateArray()];

        var byTail = await Find(street, inside.IdCard.Value[^6..]);
        byTail.Should().Contain(w => w.GetProperty("id").GetInt64() == inside.Id);
        var hit = byTail.First(w => w.GetProperty("id").GetInt64() == inside.Id);
        hit.GetProperty("maskedIdNumber").GetString().Should().Be(inside.IdCard.Masked).And.NotContain(inside.IdCard.Value[6..14]);
        hit.GetProperty("community").GetString().Should().Be(insideCommunity);
        var surname = inside.Name.Substring(0, 1);
        (await Find(street, surname)).Should().NotBeEmpty().And.OnlyContain(w => w.GetProperty("name").GetString()!.Contains(surname, StringComparison.Ordinal) || w.GetProperty("community").GetString()!.Contains(surname, StringComparison.Ordinal));
        (await Find(street, insideCommunity)).Should().NotBeEmpty().And.OnlyContain(w => w.GetProperty("community").GetString() == insideCommunity || w.GetProperty("name").GetString()!.Contains(insideCommunity, StringComparison.Ordinal));
        (await Find(street, outside.IdCard.Value)).Should().BeEmpty("a worker outside the street is not found, even by the full number");
        (await Find(district, outside.IdCard.Value)).Should().ContainSingle(w => w.GetProperty("id").GetInt64() == outside.Id);
        (await Find(street, "")).Should().BeEmpty();
        (await (await app.ApiAsync("trainee")).GetAsync("/api/v1/workers/lookup?q=a")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task CertificatesAreRecordedVerifiedAndListedWithinScope()
    {
        var (inside, outside) = await TwoWorkersAsync();
        using var hr = await app.ApiAsync("hr");
        using var street = await app.ApiAsync("hr.street");
        var number = "API" + Guid.NewGuid().ToString("N")[..8];
        var created = await hr.PostAsJsonAsync("/api/v1/certificates", new { workerId = outside, level = "AssistantSocialWorker", number, registeredOn = "2025-06-01" });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var certificate = await created.Content.ReadFromJsonAsync<JsonElement>();
        certificate.GetProperty("verifiedOn").ValueKind.Should().Be(JsonValueKind.Null);
        var id = certificate.GetProperty("id").GetInt64();
        (await street.PostAsync($"/api/v1/certificates/{id}/verify", null)).StatusCode.Should().Be(HttpStatusCode.NotFound, "the holder is outside the street");
        var refused = await street.PostAsJsonAsync("/api/v1/certificates", new { workerId = outside, level = "SocialWorker", number = number + "X", registeredOn = "2025-06-01" });
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("WorkerId")[0].GetString().Should().NotBeNullOrEmpty();
        var duplicate = await hr.PostAsJsonAsync("/api/v1/certificates", new { workerId = inside, level = "AssistantSocialWorker", number, registeredOn = "2025-06-01" });
        duplicate.StatusCode.Should().Be(HttpStatusCode.BadRequest, "the same level and number anywhere is refused");

        var verified = await hr.PostAsync($"/api/v1/certificates/{id}/verify", null);
        verified.StatusCode.Should().Be(HttpStatusCode.OK);
        (await verified.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("verifiedBy").GetString().Should().Be("hr");
        var list = await hr.GetFromJsonAsync<JsonElement>($"/api/v1/certificates?q={number}");
        list.GetProperty("total").GetInt32().Should().Be(1);
        list.GetProperty("items")[0].GetProperty("workerName").GetString().Should().NotBeNullOrEmpty();
        (await street.GetFromJsonAsync<JsonElement>($"/api/v1/certificates?q={number}")).GetProperty("total").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task APairingIsCreatedCheckedInAndHiddenFromAnotherScope()
    {
        var workers = await app.WithDbAsync(db => db.Workers.AsNoTracking()
            .Where(w => w.LeaveDate == null && db.OrgUnits.Any(u => u.Id == w.OrgUnitId && u.Path.StartsWith("/320508/320508003/"))).OrderBy(w => w.Id).Select(w => w.Id).Take(3).ToListAsync());
        using var hr = await app.ApiAsync("hr");
        using var street = await app.ApiAsync("hr.street");
        var created = await hr.PostAsJsonAsync("/api/v1/mentorships", new
        {
            kind = "WorkerToWorker", mentorId = workers[0], menteeIds = new[] { workers[1], workers[2] }, start = "2026-01-01", end = "2026-12-31", goals = "熟悉网格工作",
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var pairing = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = pairing.GetProperty("id").GetInt64();
        pairing.GetProperty("mentees").GetArrayLength().Should().Be(2);
        pairing.GetProperty("missing").GetArrayLength().Should().BeGreaterThan(0, "no check-in has been held since January");

        var checkedIn = await hr.PostAsJsonAsync($"/api/v1/mentorships/{id}/check-ins", new { kind = "MonthlyTalk", date = "2026-01-15", note = "首次谈心" });
        checkedIn.StatusCode.Should().Be(HttpStatusCode.OK);
        (await checkedIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checkIns").EnumerateArray().Should().ContainSingle(c => c.GetProperty("heldOn").GetString() == "2026-01-15");
        (await street.GetAsync($"/api/v1/mentorships/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await street.PostAsJsonAsync($"/api/v1/mentorships/{id}/check-ins", new { kind = "MonthlyTalk", date = "2026-02-15", note = "越权" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await street.GetFromJsonAsync<JsonElement>("/api/v1/mentorships")).EnumerateArray().Should().NotContain(m => m.GetProperty("id").GetInt64() == id);
        (await hr.PostAsJsonAsync($"/api/v1/mentorships/{id}/check-ins", new { kind = "MonthlyTalk", note = "" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var placed = await hr.PostAsJsonAsync("/api/v1/shadowing-placements", new { workerId = workers[1], hostOrganisation = "深圳市南山区桃源街道", city = "深圳", start = "2026-04-01", end = "2026-04-14" });
        placed.StatusCode.Should().Be(HttpStatusCode.Created);
        var placement = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        (await street.PostAsJsonAsync($"/api/v1/shadowing-placements/{placement}/report", new { report = "越权" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var reported = await hr.PostAsJsonAsync($"/api/v1/shadowing-placements/{placement}/report", new { report = "学习了网格化治理经验" });
        (await reported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("report").GetString().Should().Be("学习了网格化治理经验");
    }

    [Fact]
    public async Task PayFactsAreReadAndWrittenWithinScope()
    {
        var (inside, outside) = await TwoWorkersAsync();
        using var payroll = await app.ApiAsync("payroll");
        using var street = await app.ApiAsync("hr.street");
        var rated = await payroll.PostAsJsonAsync("/api/v1/pay-facts/assessments", new { workerId = outside, year = 2022, rating = "Excellent", note = "姑组发〔2023〕1号" });
        rated.StatusCode.Should().Be(HttpStatusCode.OK);
        (await payroll.GetFromJsonAsync<JsonElement>("/api/v1/pay-facts/assessments?year=2022")).EnumerateArray()
            .Should().Contain(a => a.GetProperty("workerId").GetInt64() == outside && a.GetProperty("rating").GetString() == "Excellent");
        (await street.PostAsJsonAsync("/api/v1/pay-facts/assessments", new { workerId = outside, year = 2022, rating = "Unqualified" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await street.GetFromJsonAsync<JsonElement>("/api/v1/pay-facts/assessments?year=2022")).EnumerateArray().Should().NotContain(a => a.GetProperty("workerId").GetInt64() == outside);

        (await street.GetAsync($"/api/v1/pay-facts/salary-accounts/{outside}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await street.PutAsJsonAsync($"/api/v1/pay-facts/salary-accounts/{outside}", new { bankName = "某银行", accountNumber = "6217000000000000001" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var set = await street.PutAsJsonAsync($"/api/v1/pay-facts/salary-accounts/{inside}", new { bankName = "苏州银行平江支行", accountNumber = "6217856000099998888" });
        set.StatusCode.Should().Be(HttpStatusCode.OK);
        var account = await set.Content.ReadFromJsonAsync<JsonElement>();
        account.GetProperty("maskedNumber").GetString().Should().Be("6217 **** **** 8888");
        account.ToString().Should().NotContain("6217856000099998888");
        (await street.PutAsJsonAsync($"/api/v1/pay-facts/salary-accounts/{inside}", new { bankName = "x", accountNumber = "12ab" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var recognised = await payroll.PostAsJsonAsync("/api/v1/pay-facts/leader-recognitions", new { workerId = outside, year = 2021, document = "姑组发〔2021〕9号" });
        recognised.StatusCode.Should().Be(HttpStatusCode.Created);
        var recognition = (await recognised.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        (await payroll.PostAsJsonAsync("/api/v1/pay-facts/leader-recognitions", new { workerId = outside, year = 2021, document = "again" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await street.DeleteAsync($"/api/v1/pay-facts/leader-recognitions/{recognition}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await payroll.DeleteAsync($"/api/v1/pay-facts/leader-recognitions/{recognition}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await payroll.GetFromJsonAsync<JsonElement>("/api/v1/pay-facts/deductions?month=2026-01")).ValueKind.Should().Be(JsonValueKind.Array);

        var sheet = new MemoryStream();
        Workforce.Application.Common.XlsxTable.Write(sheet, "考核", ["身份证号", "姓名", "年度", "等次"], [["110105194912310021", "无此人", "2025", "优秀"]]);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(sheet.ToArray()), "file", "a.xlsx" } };
        var import = await payroll.PostAsync("/api/v1/pay-facts/assessments/import", form);
        import.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var report = await import.Content.ReadFromJsonAsync<JsonElement>();
        report.GetProperty("written").GetBoolean().Should().BeFalse();
        report.GetProperty("errors")[0].GetProperty("column").GetString().Should().StartWith("A");
    }

    [Fact]
    public async Task AdminsManageAccountsAndReadTheAuditTrailThroughTheApi()
    {
        using var admin = await app.ApiAsync("admin");
        using var hr = await app.ApiAsync("hr");
        (await hr.GetAsync("/api/v1/admin/users")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await hr.GetAsync("/api/v1/audit")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var street = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Path == Street).Select(u => u.Id).SingleAsync());
        var name = "api.user." + Guid.NewGuid().ToString("N")[..6];
        var weak = await admin.PostAsJsonAsync("/api/v1/admin/users", new { userName = name, displayName = "接口用户", password = "short", roles = new[] { "HrOfficer" }, orgUnitId = street });
        weak.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var noScope = await admin.PostAsJsonAsync("/api/v1/admin/users", new { userName = name, displayName = "接口用户", password = "Str0ng#Passw0rd", roles = new[] { "HrOfficer" } });
        (await noScope.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("OrgUnitId")[0].GetString().Should().NotBeNullOrEmpty();
        var created = await admin.PostAsJsonAsync("/api/v1/admin/users", new { userName = name, displayName = "接口用户", password = "Str0ng#Passw0rd", roles = new[] { "HrOfficer" }, orgUnitId = street });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var user = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = user.GetProperty("id").GetString();
        user.GetProperty("orgUnitId").GetInt64().Should().Be(street);
        var updated = await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}", new { userName = name, displayName = "改名", roles = new[] { "PayrollOfficer" }, orgUnitId = street });
        (await updated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Should().Equal("PayrollOfficer");
        (await admin.PostAsync($"/api/v1/admin/users/{id}/unlock", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await admin.PutAsJsonAsync("/api/v1/admin/users/no-such-user", new { userName = name, displayName = "x", roles = new[] { "HrOfficer" }, orgUnitId = street })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/users")).EnumerateArray().Should().Contain(u => u.GetProperty("userName").GetString() == name);

        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit?entityType=ApplicationUser&pageSize=10");
        audit.GetProperty("total").GetInt32().Should().BeGreaterThan(0);
        audit.GetProperty("items").EnumerateArray().Should().OnlyContain(e => e.GetProperty("entityType").GetString() == "ApplicationUser")
            .And.Contain(e => e.GetProperty("entityId").GetString() == id);
        audit.ToString().Should().NotContain("Str0ng#Passw0rd").And.NotContain("AQAAAA", "password hashes are redacted");
    }

    [Fact]
    public async Task TheApiReferenceIsServedFromTheAppItself()
    {
        using var client = app.Client();
        var page = await client.GetStringAsync("/api/reference");
        page.Should().Contain("/scalar/scalar.js").And.Contain("/js/api-reference.js").And.NotContain("<script>").And.NotContain("cdn.");
        (await client.GetAsync("/scalar/scalar.js")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private Task<(long Inside, long Outside)> TwoWorkersAsync() => app.WithDbAsync(async db =>
    {
        var inside = await db.Workers.Where(w => w.LeaveDate == null && db.OrgUnits.Any(u => u.Id == w.OrgUnitId && u.Path.StartsWith(Street))).OrderByDescending(w => w.Id).Select(w => w.Id).FirstAsync();
        var outside = await db.Workers.Where(w => w.LeaveDate == null && db.OrgUnits.Any(u => u.Id == w.OrgUnitId && u.Type == OrgUnitType.Community && !u.Path.StartsWith(Street)))
            .OrderByDescending(w => w.Id).Select(w => w.Id).FirstAsync();
        return (inside, outside);
    });
}
