using System.Globalization;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;

namespace Workforce.Web.Tests;

/// <summary>Lists sort on the server by the column the URL names, keep their filters, page with a chosen size; the worker search finds by parts.</summary>
[Collection(AppCollection.Name)]
public class ListTests(WorkforceApp app)
{
    private static readonly HtmlParser Parser = new();

    private static List<string> Column(string html, string table, int column) =>
        [.. Parser.ParseDocument(html).QuerySelectorAll($"#{table} tbody tr").Select(r => r.QuerySelectorAll("td").ElementAtOrDefault(column)?.TextContent.Trim() ?? string.Empty)];

    [Fact]
    public async Task TheWorkerListSortsByTheColumnClickedKeepsItsFiltersAndPagesByTheChosenSize()
    {
        using var hr = await app.SignInAsync("hr");
        var page = Parser.ParseDocument(await hr.GetStringAsync("/Workers?Post=Head&PageSize=50"));
        var gradeHeader = page.QuerySelector("th a[data-sort=grade]")!.GetAttribute("href")!;
        gradeHeader.Should().Contain("Sort=grade").And.Contain("Post=Head").And.Contain("PageSize=50", "the header keeps the filters and the size");

        var ascending = await hr.GetStringAsync(gradeHeader);
        var grades = Column(ascending, "worker-table", 6).Select(g => int.Parse(g, CultureInfo.InvariantCulture)).ToList();
        grades.Should().HaveCount(50).And.BeInAscendingOrder();
        Column(ascending, "worker-table", 5).Should().OnlyContain(p => p == "正职", "the post filter stays");
        var next = Parser.ParseDocument(ascending).QuerySelector("th a[data-sort=grade]")!.GetAttribute("href")!;
        next.Should().Contain("Sort=-grade", "a second click sorts the other way");
        var descending = Column(await hr.GetStringAsync(next), "worker-table", 6).Select(g => int.Parse(g, CultureInfo.InvariantCulture)).ToList();
        descending.Should().BeInDescendingOrder();
        descending[0].Should().Be(await app.WithDbAsync(db => db.Workers.Where(w => w.CurrentPost == Domain.Workers.Post.Head && w.LeaveDate == null).MaxAsync(w => w.CurrentGrade!.Value)));

        var byName = Column(await hr.GetStringAsync("/Workers?Sort=-name"), "worker-table", 0);
        byName.Should().BeInDescendingOrder(StringComparer.Ordinal);
        Parser.ParseDocument(await hr.GetStringAsync("/Workers?Sort=drop%20table")).QuerySelector("#worker-table").Should().NotBeNull("an unknown column is ignored, not an error");

        var sized = Parser.ParseDocument(await hr.GetStringAsync("/Workers?Post=Deputy"));
        var hundred = sized.QuerySelector("a[data-page-size='100']")!.GetAttribute("href")!;
        hundred.Should().Contain("Post=Deputy");
        Parser.ParseDocument(await hr.GetStringAsync(hundred)).QuerySelectorAll("#worker-table tbody tr").Should().HaveCount(100);
    }

    [Fact]
    public async Task TheWorkerSearchFindsPartOfANameTheLastDigitsOfAnIdOrPhoneNumberAndACommunity()
    {
        var worker = await app.WithDbAsync(db => db.Workers.Where(w => w.LeaveDate == null && w.Phone != null).OrderBy(w => w.Id).Skip(7).FirstAsync());
        var community = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Id == worker.OrgUnitId).Select(u => u.Name).SingleAsync());
        using var hr = await app.SignInAsync("hr");
        async Task<List<string>> Names(string q) => Column(await hr.GetStringAsync("/Workers?PageSize=200&Q=" + Uri.EscapeDataString(q)), "worker-table", 0);

        (await Names(worker.Name[1..])).Should().Contain(worker.Name, "part of the name");
        (await Names(worker.IdCard.Value[^6..])).Should().Contain(worker.Name, "the last six characters of the ID number");
        (await Names(worker.Phone!.Value.Value[^4..])).Should().Contain(worker.Name, "the last four digits of the phone number");
        var byCommunity = await Names(community);
        byCommunity.Should().Contain(worker.Name, "the community's name");
        var inCommunity = await app.WithDbAsync(db => db.Workers.CountAsync(w => w.OrgUnitId == worker.OrgUnitId));
        byCommunity.Count.Should().BeGreaterThanOrEqualTo(inCommunity);
    }

    [Fact]
    public async Task OneListPerAreaSortsOnTheServer()
    {
        using var hr = await app.SignInAsync("hr");
        // Talent: the reserve pool by name, descending.
        var reserve = await hr.GetStringAsync("/ReservePool?Sort=-name&PageSize=200");
        Column(reserve, "reserve-table", 0).Should().HaveCountGreaterThan(1).And.BeInDescendingOrder(StringComparer.Ordinal);
        Parser.ParseDocument(reserve).QuerySelector("th[aria-sort=descending] a[data-sort=name]").Should().NotBeNull("the header shows the order");

        // Payroll facts: 年度考核 pages and sorts (it was one page of 50,006 px).
        var year = await app.WithDbAsync(db => db.AnnualAssessments.GroupBy(a => a.Year).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync());
        var total = await app.WithDbAsync(db => db.AnnualAssessments.CountAsync(a => a.Year == year));
        var assessments = Parser.ParseDocument(await hr.GetStringAsync($"/PayFacts/Assessments?year={year}&PageSize=20&Sort=-name"));
        assessments.QuerySelectorAll("#assessment-table tbody tr").Should().HaveCount(Math.Min(20, total));
        assessments.QuerySelectorAll("#assessment-table tbody tr td:first-child").Select(td => td.TextContent.Trim()).Should().BeInDescendingOrder(StringComparer.Ordinal);
        assessments.Body!.TextContent.Should().Contain(total.ToString(CultureInfo.InvariantCulture), "the pager counts every assessment of the year");

        // Admin: the users list is short; the audit trail pages by the chosen size.
        using var admin = await app.SignInAsync("admin");
        Parser.ParseDocument(await admin.GetStringAsync("/Admin/Audit?PageSize=20")).QuerySelectorAll("#audit-table > tbody > tr").Should().HaveCount(20);
    }

    [Fact]
    public async Task TheRegisterSortsByNetPayAndTheWhatIfPages()
    {
        using var payroll = await app.ApiAsync("payroll");
        var month = await app.WithDbAsync(db => db.PayPeriods.Where(p => p.Status != Domain.Pay.PeriodStatus.Open).OrderByDescending(p => p.Month).Select(p => (NodaTime.YearMonth?)p.Month).FirstOrDefaultAsync());
        using var officer = await app.SignInAsync("payroll");
        if (month is { } m)
        {
            var label = Workforce.Application.Common.Months.Label(m);
            var register = await officer.GetStringAsync($"/Payroll/Register/{label}?sort=-net&pageSize=100");
            var nets = Column(register, "register-table", 7).Select(n => decimal.Parse(n.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture)).ToList();
            nets.Should().NotBeEmpty().And.BeInDescendingOrder();
        }
        var draft = await app.WithDbAsync(db => db.RuleSetVersions.OrderBy(v => v.Id).Select(v => v.Id).FirstAsync());
        var whatIf = Parser.ParseDocument(await officer.GetStringAsync($"/RuleSets/WhatIf/{draft}?pageSize=20&sort=name"));
        var rows = whatIf.QuerySelectorAll("#whatif-rows tbody tr").Select(r => r.QuerySelector("td")!.TextContent).ToList();
        rows.Should().HaveCount(20, "the what-if shows a page, not every worker (it was 17,351 px)");
        rows.Should().BeInAscendingOrder(StringComparer.Ordinal);
    }

    [Fact]
    public async Task TheTopBarSearchFindsPeopleUnitsRoundsAndCampsInTheOfficersScopeOnly()
    {
        var community = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Type == Domain.Organisation.OrgUnitType.Community).OrderBy(u => u.Id).Select(u => u.Id).FirstAsync());
        using (var api = await app.ApiAsync("hr"))
        {
            (await api.PostAsJsonAsync("/api/v1/recruitment/rounds", new
            {
                name = "全局搜索测试招聘（虎丘）", announcedOn = "2026-05-01",
                posts = new[] { new { name = "社区工作者", communityId = community, post = "Staff", quota = 1 } },
            })).StatusCode.Should().Be(System.Net.HttpStatusCode.Created);
        }
        const string round = "全局搜索测试招聘（虎丘）";
        var camp = await app.WithDbAsync(db => db.TrainingCamps.OrderBy(c => c.Id).Select(c => c.Name).FirstAsync());
        var worker = await app.WithDbAsync(db => db.Workers.Where(w => w.LeaveDate == null).OrderBy(w => w.Id).Skip(11).Select(w => w.Name).FirstAsync());
        using var hr = await app.SignInAsync("hr");
        async Task<AngleSharp.Html.Dom.IHtmlDocument> Search(HttpClient client, string q) => Parser.ParseDocument(await client.GetStringAsync("/Search?q=" + Uri.EscapeDataString(q)));

        (await Search(hr, worker)).QuerySelectorAll("#search-people a").Select(a => a.TextContent).Should().Contain(worker);
        (await Search(hr, "街道")).QuerySelectorAll("#search-units a").Should().HaveCountGreaterThan(1);
        (await Search(hr, round[..4])).QuerySelectorAll("#search-rounds a").Select(a => a.TextContent).Should().Contain(round);
        (await Search(hr, camp[..6])).QuerySelectorAll("#search-camps a").Select(a => a.TextContent).Should().Contain(camp);
        (await Search(hr, "没有这个名字的社区")).QuerySelector("#search-none").Should().NotBeNull();
        Parser.ParseDocument(await hr.GetStringAsync("/")).QuerySelector("#global-search input[name=q]").Should().NotBeNull("the search sits in the top bar");

        // A street officer finds the communities of that street only.
        var (street, otherCommunity) = await app.WithDbAsync(async db =>
        {
            var own = await db.Users.Where(u => u.UserName == "hr.street").Select(u => u.OrgUnitId!.Value).SingleAsync();
            var other = await db.OrgUnits.Where(u => u.Type == Domain.Organisation.OrgUnitType.Community && u.ParentId != own).OrderBy(u => u.Id).Select(u => u.Name).FirstAsync();
            return (own, other);
        });
        using var streetOfficer = await app.SignInAsync("hr.street");
        (await Search(streetOfficer, otherCommunity)).QuerySelectorAll("#search-units a").Select(a => a.TextContent).Should().NotContain(otherCommunity);
        street.Should().BePositive();
    }
}
