using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workforce.Domain.Organisation;
using Workforce.Domain.Recruitment;

namespace Workforce.Web.Tests;

/// <summary>Issue 18: a round's rules as its announcement writes them, through the API (age relaxations, years from the pension record, bonus modes, 递补 off).</summary>
[Collection(AppCollection.Name)]
public class RecruitmentRulesTests(WorkforceApp app)
{
    [Fact]
    public async Task ARoundWithRelaxedAgesPensionYearsASummedBonusAndNoSubstitutionIsStoredAndDecidesByThem()
    {
        var community = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Type == OrgUnitType.Community).OrderBy(u => u.Code).Skip(21).FirstAsync());
        using var hr = await app.ApiAsync("hr");
        var created = await hr.PostAsJsonAsync("/api/v1/recruitment/rounds", new
        {
            name = "2026年放宽年龄条件招聘（测试）", announcedOn = "2026-04-01",
            rules = new
            {
                maxAge = 35,
                bonusItems = new[] { new { code = "SW", name = "持社会工作者职业资格证书", points = 2 }, new { code = "VET", name = "退役军人", points = 3 } },
                bonusMode = "SummedWithCap", bonusCap = 4,
                ageRelaxations = new object[] { new { itemCode = "SW", extraYears = 5 }, new { minCommunityYears = 3, extraYears = 10 } },
                communityYearsFromPensionRecord = true,
                substitution = false,
            },
            posts = new[] { new { name = "社区工作者（放宽）", communityId = community.Id, post = "Staff", quota = 1 } },
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var (roundId, postId) = (body.GetProperty("id").GetInt64(), body.GetProperty("posts")[0].GetProperty("id").GetInt64());
        var rules = await app.WithDbAsync(db => db.RecruitmentRounds.Where(r => r.Id == roundId).Select(r => r.Rules).SingleAsync());
        (rules.BonusMode, rules.BonusCap, rules.AgeRelaxations.Count, rules.CommunityYearsFromPensionRecord, rules.Substitution).Should().Be((BonusMode.SummedWithCap, 4m, 2, true, false));

        async Task<long> RegisterAsync(string name, int birthYear, int? communityMonths, params string[] bonus)
        {
            var response = await hr.PostAsJsonAsync($"/api/v1/recruitment/rounds/{roundId}/applicants",
                new { postId, name, idCardNumber = RecruitmentTests.IdCard(birthYear), education = "Bachelor", bonus, communityMonths });
            response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            var applicant = await response.Content.ReadFromJsonAsync<JsonElement>();
            applicant.GetProperty("declaredCommunityMonths").ValueKind.Should().Be(communityMonths is null ? JsonValueKind.Null : JsonValueKind.Number);
            return applicant.GetProperty("id").GetInt64();
        }
        var veteran = await RegisterAsync("社区老将", 1982, 48);          // 43: needs 3 years on the pension record (cap 45)
        var declaredOnly = await RegisterAsync("只有申报", 1982, 48);      // 43, no record: 0 years
        var certified = await RegisterAsync("持证者", 1988, null, "SW", "VET"); // 37: certificate raises the cap to 40; bonus 2 + 3 capped at 4
        var tooOld = await RegisterAsync("超龄持证", 1984, null, "SW");     // 41 > 40

        // The pension record is read at the review; a month count out of range is refused and changes nothing.
        var refused = await hr.PutAsJsonAsync($"/api/v1/recruitment/rounds/{roundId}/candidates/{veteran}/work-history", new { declaredMonths = 48, pensionRecordMonths = 700 });
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var recorded = await hr.PutAsJsonAsync($"/api/v1/recruitment/rounds/{roundId}/candidates/{veteran}/work-history", new { declaredMonths = 48, pensionRecordMonths = 40 });
        recorded.StatusCode.Should().Be(HttpStatusCode.OK, await recorded.Content.ReadAsStringAsync());
        (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pensionRecordMonths").GetInt32().Should().Be(40);

        (await hr.PostAsJsonAsync($"/api/v1/recruitment/rounds/{roundId}/advance", new { })).StatusCode.Should().Be(HttpStatusCode.OK);
        var people = await app.WithDbAsync(db => db.Applicants.Where(a => a.RoundId == roundId).ToDictionaryAsync(a => a.Id));
        people[veteran].Status.Should().Be(ApplicantStatus.Qualified, "3 years on the pension record raise the cap to 45");
        people[declaredOnly].Status.Should().Be(ApplicantStatus.Disqualified, "declared years do not count in this round");
        people[certified].Status.Should().Be(ApplicantStatus.Qualified);
        people[certified].Bonus.Should().Be(4m, "2 + 3 summed, capped at 4");
        people[tooOld].Status.Should().Be(ApplicantStatus.Disqualified);

        // Another street's officer cannot record anything on this round.
        using var street = await app.ApiAsync("hr.street");
        (await street.PutAsJsonAsync($"/api/v1/recruitment/rounds/{roundId}/candidates/{veteran}/work-history", new { declaredMonths = 1 })).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
