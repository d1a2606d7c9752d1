using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Workforce.Domain.Organisation;
using Workforce.Domain.Workers;
using Workforce.Application.Common;

namespace Workforce.Web.Tests;

[Collection(AppCollection.Name)]
public class SpreadsheetTests(WorkforceApp app)
{
    private static readonly string[] Headers = ["姓名", "身份证号", "手机号", "学历", "政治面貌", "入职日期", "社区编码", "岗位", "等级", "任职开始日期"];

    [Fact]
    public async Task AThousandRowImportWithBadRowsReportsEveryOneAndWritesNothing()
    {
        var codes = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Type == OrgUnitType.Community).OrderBy(u => u.Code).Select(u => u.Code).ToListAsync());
        var existing = await app.WithDbAsync(async db => (await db.Workers.OrderBy(w => w.Id).Select(w => w.IdCard).FirstAsync()).Value);
        var rows = Enumerable.Range(0, 1000).Select(i => ValidRow(i, codes[i % codes.Count])).ToList();
        // Row numbers in the sheet are index + 2 (row 1 is the header).
        rows[8][1] = rows[8][1]![..17] + (rows[8][1]![17] == '0' ? '1' : '0');   // row 10: wrong check digit
        rows[248][6] = "999999999";                                               // row 250: unknown community
        rows[497][8] = "13";                                                      // row 499: grade above the Staff band
        rows[600][3] = "小学";                                                    // row 602: unknown education
        rows[700][5] = "2024-02-30";                                              // row 702: no such date
        rows[800][1] = rows[10][1];                                               // row 802: same ID as row 12
        rows[997][1] = existing;                                                  // row 999: already registered
        var before = await app.WithDbAsync(db => db.Workers.CountAsync());

        foreach (var dryRun in new[] { true, false })
        {
            var (status, html) = await UploadAsync(rows, dryRun);
            status.Should().Be(HttpStatusCode.OK);
            var doc = new HtmlParser().ParseDocument(html);
            var errors = doc.QuerySelectorAll("#import-errors tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent).ToArray()).ToList();
            errors.Select(e => int.Parse(e[0], CultureInfo.InvariantCulture)).Should().Equal(10, 250, 499, 602, 702, 802, 999);
            errors.Single(e => e[0] == "10")[1].Should().StartWith("B");
            errors.Single(e => e[0] == "10")[2].Should().Contain("校验位");
            errors.Single(e => e[0] == "250")[1].Should().StartWith("G");
            errors.Single(e => e[0] == "499")[1].Should().StartWith("I");
            errors.Single(e => e[0] == "602")[1].Should().StartWith("D");
            errors.Single(e => e[0] == "702")[1].Should().StartWith("F");
            errors.Single(e => e[0] == "802")[2].Should().Contain("第 12 行");
            errors.Single(e => e[0] == "999")[2].Should().Contain("已登记");
            doc.QuerySelector("#import-result")!.TextContent.Should().Contain("未写入任何数据");
        }
        (await app.WithDbAsync(db => db.Workers.CountAsync())).Should().Be(before, "nothing is written while any row is bad");
    }

    [Fact]
    public async Task AValidFileIsCheckedFirstThenWrittenInOneGo()
    {
        var codes = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Type == OrgUnitType.Community).OrderBy(u => u.Code).Select(u => u.Code).ToListAsync());
        var rows = Enumerable.Range(5000, 30).Select(i => ValidRow(i, codes[i % codes.Count])).ToList();
        var before = await app.WithDbAsync(db => db.Workers.CountAsync());

        var (_, dry) = await UploadAsync(rows, dryRun: true);
        new HtmlParser().ParseDocument(dry).QuerySelector("#import-result")!.TextContent.Should().Contain("校验通过");
        (await app.WithDbAsync(db => db.Workers.CountAsync())).Should().Be(before);

        var (_, real) = await UploadAsync(rows, dryRun: false);
        new HtmlParser().ParseDocument(real).QuerySelector("#import-result")!.TextContent.Should().Contain("已导入 30 名");
        (await app.WithDbAsync(db => db.Workers.CountAsync())).Should().Be(before + 30);
        var imported = await app.WithDbAsync(db => db.WorkersByIdCard(IdCardNumber.Parse(rows[3][1])).Include(w => w.PostAssignments).SingleAsync());
        imported.Name.Should().Be(rows[3][0]);
        imported.PostAssignments.Single().Grade.Value.Should().Be(2);
    }

    [Fact]
    public async Task ExportsTheFilteredListMaskedAndFormulaSafe()
    {
        using var client = await app.SignInAsync("hr");
        var response = await client.GetAsync("/Workers/Export?Post=Head");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var table = XlsxFiles.ReadAll(stream, 13);
        table[0].Should().Equal("姓名", "身份证号", "手机号", "学历", "政治面貌", "入职日期", "社区编码", "岗位", "等级", "任职开始日期", "所属社区", "性别", "出生日期");
        // 100 communities with one head each, plus any reserve another test promoted to secretary.
        var today = app.Services.GetRequiredService<Workforce.Application.Common.BusinessCalendar>().Today;
        var heads = await app.WithDbAsync(db => db.PostAssignments.Where(a => a.Post == Domain.Workers.Post.Head && a.Start <= today && (a.End == null || a.End >= today))
            .Select(a => a.WorkerId).Distinct().CountAsync());
        heads.Should().BeGreaterThanOrEqualTo(100);
        table.Count.Should().Be(1 + heads);
        table.Skip(1).Should().OnlyContain(r => r[1]!.Contains("**********", StringComparison.Ordinal) && r[7] == "正职");
        (await client.GetAsync("/Workers/Export?Post=Head&full=true")).StatusCode.Should().NotBe(HttpStatusCode.OK, "full numbers need the unmasking permission");
    }

    [Fact]
    public async Task TheWorkerExportImportsBackItsOnlyRefusalBeingThatThePeopleAreAlreadyRegisteredAndTheFullExportIsAudited()
    {
        using var admin = await app.SignInAsync("admin");
        var audited = await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "ExportPersonalData"));
        var export = await admin.GetAsync("/Workers/Export?OrgUnitId=" + await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Type == Domain.Organisation.OrgUnitType.Community).OrderBy(u => u.Id).Select(u => u.Id).FirstAsync()) + "&full=true");
        export.StatusCode.Should().Be(HttpStatusCode.OK);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        var table = XlsxFiles.ReadAll(new MemoryStream(bytes), 13);
        table.Count.Should().BeGreaterThan(1);
        table.Skip(1).Should().OnlyContain(r => !r[1]!.Contains('*', StringComparison.Ordinal) && r[6]!.Length > 0, "full numbers and the community code");
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "ExportPersonalData"))).Should().Be(audited + 1, "the export of full numbers is audited");

        // The same file on the import page (dry run): the layout and every cell are accepted; each row is refused only because
        // that person is already in the registry (so the file would register them in a district that does not have them).
        var checkedImport = await WorkforceApp.SubmitAsync(admin, "/Workers/Import", "#import-submit", ("file", "workers.xlsx", bytes), ("dryRun", "true"));
        var report = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await checkedImport.Content.ReadAsStringAsync());
        var reasons = report.QuerySelectorAll("#import-errors tbody tr td:nth-child(3)").Select(td => td.TextContent).ToList();
        reasons.Should().HaveCount(table.Count - 1).And.OnlyContain(r => r == "该身份证号已登记，不能重复录入。");
    }

    [Fact]
    public async Task EachImportTemplateOffersDropDownListsForItsEnumColumns()
    {
        using var hr = await app.SignInAsync("hr");
        var template = await hr.GetAsync("/Workers/Template");
        template.StatusCode.Should().Be(HttpStatusCode.OK);
        using var doc = SpreadsheetDocument.Open(new MemoryStream(await template.Content.ReadAsByteArrayAsync()), false);
        var validations = doc.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DataValidation>().ToList();
        validations.Select(v => v.SequenceOfReferences!.InnerText).Should().Equal("D2:D20001", "E2:E20001", "H2:H20001");
        validations[0].Formula1!.Text.Should().Contain("本科").And.Contain("博士研究生");
        validations[2].Formula1!.Text.Should().Be("\"正职,副职,其他社区工作者\"");
        validations.Should().OnlyContain(v => v.Type!.Value == DataValidationValues.List);
        foreach (var path in new[] { "/PayFacts/AssessmentTemplate", "/PayFacts/DeductionTemplate", "/PayFacts/BaseTemplate" })
        {
            (await hr.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK, path);
        }
    }

    [Fact]
    public void CellsThatLookLikeFormulasAreWrittenAsQuotedText()
    {
        using var ms = new MemoryStream();
        XlsxTable.Write(ms, "t", ["a", "b"], [["=1+2", "plain"], ["@SUM(A1)", "-3"]]);
        ms.Position = 0;
        using var doc = SpreadsheetDocument.Open(ms, false);
        var cells = doc.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Cell>().ToList();
        cells.Should().OnlyContain(c => c.CellFormula == null && c.DataType!.Value == CellValues.InlineString);
        var formats = doc.WorkbookPart.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        bool Quoted(string reference) => formats[(int)cells.Single(c => c.CellReference == reference).StyleIndex!.Value].QuotePrefix?.Value == true;
        Quoted("A2").Should().BeTrue();
        Quoted("A3").Should().BeTrue();
        Quoted("B3").Should().BeTrue();
        Quoted("B2").Should().BeFalse();
    }

    [Fact]
    public async Task TheSqliteFileHoldsNoIdNumberInPlainText()
    {
        var ids = await app.WithDbAsync(async db => (await db.Workers.Select(w => w.IdCard).ToListAsync()).Select(i => i.Value).ToList());
        ids.Should().HaveCountGreaterThanOrEqualTo(WorkforceApp.SeededWorkers);
        // Checkpoint so the main file holds everything, then read it and its WAL as raw bytes.
        await using (var conn = new SqliteConnection($"Data Source={app.DatabaseFile}"))
        {
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "PRAGMA wal_checkpoint(FULL);";
            await cmd.ExecuteNonQueryAsync();
        }
        var bytes = new List<byte>(await File.ReadAllBytesAsync(app.DatabaseFile));
        if (File.Exists(app.DatabaseFile + "-wal"))
        {
            bytes.AddRange(await ReadSharedAsync(app.DatabaseFile + "-wal"));
        }
        var text = Encoding.Latin1.GetString(bytes.ToArray());
        ids.Where(id => text.Contains(id, StringComparison.Ordinal) || text.Contains(id.Substring(0, 14), StringComparison.Ordinal)).Should().BeEmpty();
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var buffer = new MemoryStream();
        await fs.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private async Task<(HttpStatusCode, string)> UploadAsync(List<string?[]> rows, bool dryRun)
    {
        using var client = await app.SignInAsync("hr");
        var token = await WorkforceApp.FormTokenAsync(client, "/Workers/Import");
        var file = new MemoryStream();
        XlsxTable.Write(file, "导入", Headers, rows);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(dryRun ? "true" : "false"), "dryRun" },
            { new ByteArrayContent(file.ToArray()), "file", "workers.xlsx" },
        };
        var response = await client.PostAsync("/Workers/Import", form);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string?[] ValidRow(int i, string communityCode)
    {
        var birth = new DateOnly(1985 + (i % 15), 1 + (i % 12), 1 + (i % 28));
        var first17 = "320507" + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (i % 1000).ToString("000", CultureInfo.InvariantCulture);
        var id = first17 + IdCardNumber.ComputeCheckCharacter(first17);
        return
        [
            "导入" + "甲乙丙丁戊己庚辛壬癸"[i % 10] + "子丑寅卯辰巳午未申酉戌亥"[i / 10 % 12], id, "139" + i.ToString("00000000", CultureInfo.InvariantCulture),
            i % 2 == 0 ? "本科" : "大专", "群众", "2023-07-01", communityCode, "其他社区工作者", "2", null,
        ];
    }
}
