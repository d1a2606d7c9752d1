using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;

namespace Workforce.Web.Tests;

[Collection(AppCollection.Name)]
public class AuditTests(WorkforceApp app)
{
    [Fact]
    public async Task RevealingAnIdNumberNeedsThePermissionAndIsAudited()
    {
        var (id, idCard) = await app.WithDbAsync(async db => await db.Workers.OrderBy(w => w.Id).Skip(3).Select(w => new { w.Id, w.IdCard }).FirstAsync() is var w ? (w.Id, w.IdCard) : default);

        using var hr = await app.SignInAsync("hr");
        var detail = await hr.GetStringAsync($"/Workers/Details/{id}");
        detail.Should().Contain(idCard.Masked).And.NotContain(idCard.Value);
        new HtmlParser().ParseDocument(detail).QuerySelector("#reveal").Should().BeNull("hr has no permission to reveal");
        var token = await WorkforceApp.FormTokenAsync(hr, $"/Workers/Details/{id}");
        (await hr.PostAsync($"/Workers/Reveal/{id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token })))
            .StatusCode.Should().Be(HttpStatusCode.Redirect, "forbidden");

        using var admin = await app.SignInAsync("admin");
        var before = await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "ViewPersonalData" && e.EntityId == id.ToString()));
        token = await WorkforceApp.FormTokenAsync(admin, $"/Workers/Details/{id}");
        var revealed = await admin.PostAsync($"/Workers/Reveal/{id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        revealed.StatusCode.Should().Be(HttpStatusCode.OK);
        new HtmlParser().ParseDocument(await revealed.Content.ReadAsStringAsync()).QuerySelector("#worker-idcard")!.TextContent.Should().Be(idCard.Value);
        var entry = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "ViewPersonalData" && e.EntityId == id.ToString()).OrderByDescending(e => e.Sequence).FirstAsync());
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "ViewPersonalData" && e.EntityId == id.ToString()))).Should().Be(before + 1);
        entry.UserName.Should().Be("admin");
    }

    [Fact]
    public async Task EditingAWorkerIsAuditedAndTheChainVerifiesOnTheAdminPage()
    {
        var id = await app.WithDbAsync(db => db.Workers.OrderBy(w => w.Id).Skip(5).Select(w => w.Id).FirstAsync());
        using var hr = await app.SignInAsync("hr");
        var form = new HtmlParser().ParseDocument(await hr.GetStringAsync($"/Workers/Edit/{id}"));
        var fields = form.QuerySelectorAll("form[action^='/Workers/Edit'] [name]")
            .Where(e => e.GetAttribute("name") is { } n && (n.StartsWith("Input.", StringComparison.Ordinal) || n == "__RequestVerificationToken"))
            .ToDictionary(e => e.GetAttribute("name")!, e => e.LocalName == "select" ? e.QuerySelector("option[selected]")?.GetAttribute("value") ?? "" : e.GetAttribute("value") ?? "");
        fields["Input.IdCardNumber"].Should().Contain("**********", "the edit form shows the number masked");
        fields["Input.Education"] = "Doctor";
        var saved = await hr.PostAsync($"/Workers/Edit/{id}", new FormUrlEncodedContent(fields));
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var row = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType == "Worker" && e.EntityId == id.ToString() && e.Action == "Updated").OrderByDescending(e => e.Sequence).FirstAsync());
        row.After.Should().Contain("Doctor");
        row.UserName.Should().Be("hr");
        (await app.WithDbAsync(db => db.Workers.Where(w => w.Id == id).Select(w => w.Education).SingleAsync())).Should().Be(Domain.Workers.Education.Doctor);

        using var admin = await app.SignInAsync("admin");
        var token = await WorkforceApp.FormTokenAsync(admin, "/Admin/Audit");
        var verify = await admin.PostAsync("/Admin/Audit/Verify", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        new HtmlParser().ParseDocument(await verify.Content.ReadAsStringAsync()).QuerySelector("#verify-result")!.TextContent.Should().Contain("哈希链完整");
        var list = new HtmlParser().ParseDocument(await admin.GetStringAsync($"/Admin/Audit?EntityType=Worker&EntityId={id}"));
        list.QuerySelectorAll("tbody tr").Should().HaveCountGreaterThanOrEqualTo(2);

        // For an auditor: the entry found by the person concerned reads in Chinese, field by field, before → after; no raw JSON.
        var byPerson = new HtmlParser().ParseDocument(await admin.GetStringAsync($"/Admin/Audit?WorkerId={id}&Action=Updated"));
        var change = byPerson.QuerySelectorAll("tbody > tr").First(r => r.TextContent.Contains("博士", StringComparison.Ordinal));
        change.TextContent.Should().Contain("修改").And.Contain("社区工作者").And.Contain("学历");
        change.QuerySelector(".audit-changes del")!.TextContent.Should().NotBeEmpty("the value before is shown struck through");
        change.QuerySelectorAll(".audit-changes .text-success").Select(x => x.TextContent).Should().Contain("博士研究生", "the value after, by its name");
        byPerson.Body!.TextContent.Should().NotContain("{\"Education\"", "no raw JSON");
        byPerson.QuerySelector("#audit-worker option[selected]")!.TextContent.Should().NotBeEmpty("the person filter shows the worker by name");

        // The same entries as an xlsx, one row per field, names in Chinese.
        var export = await admin.GetAsync($"/Admin/Audit/Export?WorkerId={id}&Action=Updated");
        export.StatusCode.Should().Be(HttpStatusCode.OK);
        var rows = XlsxFiles.ReadAll(await export.Content.ReadAsStreamAsync(), 9);
        rows[0].Should().Equal("#", "时间", "操作人", "操作", "对象类型", "对象编号", "字段", "修改前", "修改后");
        rows.Skip(1).Should().Contain(r => r[3] == "修改" && r[4] == "社区工作者" && r[6] == "学历" && r[8]!.Contains("博士", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABadEditShowsTheReasonAndSavesNothing()
    {
        var id = await app.WithDbAsync(db => db.Workers.OrderBy(w => w.Id).Skip(6).Select(w => w.Id).FirstAsync());
        using var hr = await app.SignInAsync("hr");
        var token = await WorkforceApp.FormTokenAsync(hr, $"/Workers/Edit/{id}");
        var response = await hr.PostAsync($"/Workers/Edit/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.Name"] = "新名字", ["Input.IdCardNumber"] = "320508199001011234",
            ["Input.Education"] = "Bachelor", ["Input.PoliticalStatus"] = "Masses", ["Input.HireDate"] = "2020-01-01",
        }));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var doc = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        doc.QuerySelector("[data-valmsg-for='Input.IdCardNumber']")!.TextContent.Should().Contain("校验位");
        (await app.WithDbAsync(db => db.Workers.Where(w => w.Id == id).Select(w => w.Name).SingleAsync())).Should().NotBe("新名字");
    }
}
