using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;

namespace Workforce.Web.Tests;

/// <summary>
/// What the domain and the engine say reads in the reader's language: the user switches with the language button in the
/// top bar (the form the layout renders), and rule-set validation errors and eligibility reasons follow.
/// The payslip page is covered with the payroll scenario (<see cref="PayrollTests"/>).
/// </summary>
[Collection(AppCollection.Name)]
public class LanguageTests(WorkforceApp app)
{
    /// <summary>Presses the language button of the top bar; returns the language the page then shows.</summary>
    internal static async Task<string> SwitchLanguageAsync(HttpClient client)
    {
        var response = await WorkforceApp.SubmitAsync(client, "/", "#switch-language");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var html = new HtmlParser().ParseDocument(await client.GetStringAsync("/"));
        return html.DocumentElement.GetAttribute("lang")!;
    }

    /// <summary>The text of the page's error alert after a redirect.</summary>
    private static async Task<string> ErrorAfterAsync(HttpClient client, HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(response.Headers.Location!.OriginalString));
        return page.QuerySelector(".alert-danger")?.TextContent.Trim() ?? throw new InvalidOperationException("no error shown");
    }

    [Fact]
    public async Task ARuleSetValidationErrorReadsInTheReadersLanguage()
    {
        using var payroll = await app.SignInAsync("payroll");
        var document = JsonNode.Parse(Workforce.Payroll.Rules.RuleSetProfiles.SuzhouJson())!.AsObject();
        document["version"] = 99;
        document["performance"]!["rate"] = -0.1m;
        var json = document.ToJsonString();

        var chinese = await ErrorAfterAsync(payroll, await WorkforceApp.SubmitAsync(payroll, "/RuleSets", "form[action='/RuleSets/Import']", ("json", json)));
        chinese.Should().Contain("performance.rate").And.Contain("必须在 0 与 1 之间");

        (await SwitchLanguageAsync(payroll)).Should().Be("en");
        var english = await ErrorAfterAsync(payroll, await WorkforceApp.SubmitAsync(payroll, "/RuleSets", "form[action='/RuleSets/Import']", ("json", json)));
        english.Should().Contain("performance.rate").And.Contain("Must be between 0 and 1 (now -0.1)").And.NotMatchRegex(@"\p{IsCJKUnifiedIdeographs}");

        (await SwitchLanguageAsync(payroll)).Should().Be("zh-CN");
    }

    [Fact]
    public async Task ARecruitmentEligibilityReasonReadsInTheReadersLanguage()
    {
        var community = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.OrgUnits.Where(u => u.Type == Domain.Organisation.OrgUnitType.Community).OrderBy(u => u.Code).Skip(30)));
        using var api = await app.ApiAsync("hr");
        var created = await api.PostAsJsonAsync("/api/v1/recruitment/rounds", new
        {
            name = "语言测试招聘", announcedOn = "2026-04-01",
            posts = new[] { new { name = "社区工作者", communityId = community.Id, post = "Staff", quota = 1 } },
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var round = await created.Content.ReadFromJsonAsync<JsonElement>();
        var roundId = round.GetProperty("id").GetInt64();
        var postId = round.GetProperty("posts")[0].GetProperty("id").GetInt64();
        (await api.PostAsJsonAsync($"/api/v1/recruitment/rounds/{roundId}/applicants",
            new { postId, name = "学历不足", idCardNumber = RecruitmentTests.IdCard(1998), education = "Vocational" })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await api.PostAsJsonAsync($"/api/v1/recruitment/rounds/{roundId}/advance", new { })).StatusCode.Should().Be(HttpStatusCode.OK);

        using var hr = await app.SignInAsync("hr");
        string Reason(string html) => new HtmlParser().ParseDocument(html).QuerySelectorAll("#applicant-table tbody tr").Select(tr => tr.TextContent)
            .Single(t => t.Contains("学历不足", StringComparison.Ordinal));
        Reason(await hr.GetStringAsync($"/Recruitment/Details/{roundId}")).Should().Contain("学历（中专）低于招聘要求（大专）");
        (await SwitchLanguageAsync(hr)).Should().Be("en");
        Reason(await hr.GetStringAsync($"/Recruitment/Details/{roundId}")).Should().Contain("education (Vocational school) below the required");
    }
}
