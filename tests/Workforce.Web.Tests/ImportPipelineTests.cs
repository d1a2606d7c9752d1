using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Application.Common.Import;
using Workforce.Data;
using Workforce.Domain.Common;
using Workforce.Domain.Workers;

namespace Workforce.Web.Tests;

/// <summary>
/// The one import pipeline every xlsx import goes through: a schema read cell by cell (every kind), every bad cell
/// reported with row, column and reason, the one row limit, and all or nothing.
/// </summary>
[Collection(AppCollection.Name)]
public class ImportPipelineTests(WorkforceApp app)
{
    private static readonly SheetSchema Schema = new("Workers.Title",
    [
        new SheetColumn("Import.Column.Name", Required: true),
        new SheetColumn("Import.Column.Grade", CellKind.PositiveInteger),
        new SheetColumn("Pay.Amount", CellKind.Number),
        new SheetColumn("Import.Column.HireDate", CellKind.Date),
        new SheetColumn("Pay.Month", CellKind.Month),
        SheetColumn.Enum<Education>("Import.Column.Education"),
    ]);

    private static MemoryStream Sheet(params string?[][] rows)
    {
        var stream = new MemoryStream();
        XlsxTable.Write(stream, "s", ["姓名", "等级", "金额（元）", "入职日期", "月份", "学历"], rows);
        stream.Position = 0;
        return stream;
    }

    private ImportSheet Read(Stream xlsx, int maxRows = 20_000)
    {
        using var scope = app.Services.CreateScope();
        var reader = new SheetReader(scope.ServiceProvider.GetRequiredService<ITextCatalog>(), Options.Create(new ImportOptions { MaxRows = maxRows }));
        return reader.Read(xlsx, Schema);
    }

    [Fact]
    public void EveryCellIsReadByItsKindAndEveryBadOneIsReportedWithRowColumnAndReason()
    {
        var sheet = Read(Sheet(
            ["张三", "3", "12.5", "2024-03-01", "2026-05", "本科"],
            ["Li Si", "4", "0", "2024/3/1", "2026-05", "Bachelor"],
            [null, "0", "x", "2024-13-01", "2026-13", "博士后"]));

        sheet.Rows.Should().HaveCount(3);
        var first = sheet.Rows[0];
        (first.Text(0), first.Value<int>(1), first.Value<decimal>(2), first.Value<LocalDate>(3), first.Value<YearMonth>(4), first.Value<Education>(5))
            .Should().Be(("张三", 3, 12.5m, new LocalDate(2024, 3, 1), new YearMonth(2026, 5), Education.Bachelor));
        sheet.Rows[1].Value<Education>(5).Should().Be(Education.Bachelor, "English display names and codes are read too");
        sheet.Rows[1].Value<LocalDate>(3).Should().Be(new LocalDate(2024, 3, 1));

        var report = sheet.Report(dryRun: false);
        report.ValidRows.Should().Be(2);
        report.Errors.Select(e => (e.Row, e.Column, e.HeaderKey, e.Reason.Code)).Should().Equal(
            (4, 0, "Import.Column.Name", "Validation.RequiredPlain"),
            (4, 1, "Import.Column.Grade", "Import.BadNumber"),
            (4, 2, "Pay.Amount", "Import.BadDecimal"),
            (4, 3, "Import.Column.HireDate", "Import.BadDate"),
            (4, 4, "Pay.Month", "Import.BadMonth"),
            (4, 5, "Import.Column.Education", "Import.UnknownValue"));
    }

    [Fact]
    public void AWrongHeaderOrMoreRowsThanTheLimitRefusesTheFileAsAWhole()
    {
        var tooMany = Read(Sheet([.. Enumerable.Range(1, 4).Select(i => new string?[] { "x" + i, null, null, null, null, "本科" })]), maxRows: 3);
        tooMany.Refused.Should().BeTrue();
        var reason = tooMany.Report(false).Errors.Single().Reason;
        (reason.Code, reason.Args.Single()).Should().Be(("Import.TooManyRows", (object?)3));
        Read(Sheet([.. Enumerable.Range(1, 3).Select(i => new string?[] { "x" + i, null, null, null, null, "本科" })]), maxRows: 3).HasErrors.Should().BeFalse();

        var stream = new MemoryStream();
        XlsxTable.Write(stream, "s", ["姓名", "等级"], [["x", "1"]]);
        stream.Position = 0;
        var wrongHeader = Read(stream);
        wrongHeader.Refused.Should().BeTrue();
        wrongHeader.Report(false).Errors.Single().Reason.Code.Should().Be("Import.BadHeader");

        var notXlsx = Read(new MemoryStream("姓名,等级\n"u8.ToArray()));
        notXlsx.Report(false).Errors.Single().Reason.Code.Should().Be("Import.NotXlsx");
    }

    [Fact]
    public async Task NothingIsWrittenWhenARuleBreaksWhileWritingOrOnADryRun()
    {
        var sheet = Read(Sheet(["张三", "3", "1", "2024-03-01", "2026-05", "本科"]));
        var code = "IMPORT-PIPELINE-" + Guid.NewGuid().ToString("N")[..8];
        async Task<(ImportReport Report, int Stored)> CompleteAsync(bool dryRun, bool breakRule)
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<WorkforceDbContext>();
            var report = await sheet.CompleteAsync(db, dryRun, _ =>
            {
                db.PolicyParameters.Add(new Domain.Policy.PolicyParameter(code, new LocalDate(2026, 1, 1), 1m, "test"));
                return breakRule ? throw new DomainException("Worker.NoGradeBand", Post.Staff, new LocalDate(2026, 1, 1)) : Task.CompletedTask;
            }, CancellationToken.None);
            var stored = await db.PolicyParameters.CountAsync(p => p.Code == code);
            return (report, stored);
        }

        var broken = await CompleteAsync(dryRun: false, breakRule: true);
        (broken.Report.Written, broken.Stored).Should().Be((false, 0));
        broken.Report.Errors.Should().ContainSingle(e => e.Reason.Code == "Domain.Worker.NoGradeBand");

        var dry = await CompleteAsync(dryRun: true, breakRule: false);
        (dry.Report.Written, dry.Report.DryRun, dry.Stored).Should().Be((false, true, 0));
    }
}
