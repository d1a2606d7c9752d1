using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Workforce.Web.Tests;

/// <summary>
/// Contribution bases by year (issue 13, item 2) through the pages and the API: a base declared by import for a
/// contribution year is the one a run uses; the bases of the next year are derived from the pay computed here, declared
/// ones kept. The engine's rule (a base fixed through a mid-year grade change, yuan rounding) is the golden test
/// <c>TheContributionBaseOfAContributionYearStaysFixedThroughAMidYearGradeChange…</c>.
/// </summary>
public sealed class ContributionBaseTests : IDisposable
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"workforce-bases-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task ADeclaredBaseIsTheOneARunUsesAndTheNextYearsBasesAreDerivedFromThePayComputedHere()
    {
        using var app = KestrelApp.Http(_database);
        using var payroll = await app.ApiAsync("payroll");
        (await payroll.DeleteAsync("/api/v1/payroll/opening-balances")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await payroll.PostAsJsonAsync("/api/v1/payroll/first-month", new { month = "2026-01" })).StatusCode.Should().Be(HttpStatusCode.OK);
        var worker = await app.WithDbAsync(db => db.Workers.OrderBy(w => w.Id).FirstAsync());

        // Declared through the page's import form: contribution year 2025 (July 2025 – June 2026), 8,000 yuan.
        using var stream = new MemoryStream();
        Workforce.Application.Common.XlsxTable.Write(stream, "缴费基数", ["身份证号", "姓名", "缴费年度", "月缴费基数（元）"], [[worker.IdCard.Value, worker.Name, "2025", "8000"]]);
        using (var officer = await app.SignInAsync("hr"))
        {
            var bad = await WorkforceApp.SubmitAsync(officer, "/PayFacts/Bases?year=2025", "#bases-import", ("file", "b.xlsx", Bad(worker)), ("dryRun", "false"));
            (await bad.Content.ReadAsStringAsync()).Should().Contain("import-errors");
            var written = await WorkforceApp.SubmitAsync(officer, "/PayFacts/Bases?year=2025", "#bases-import", ("file", "b.xlsx", stream.ToArray()), ("dryRun", "false"));
            written.StatusCode.Should().Be(HttpStatusCode.OK);
            (await written.Content.ReadAsStringAsync()).Should().Contain(worker.Name).And.Contain("8,000.00").And.Contain("申报");
        }
        await PayrollTests.RunAsync(payroll, "2026-01");
        var january = await app.WithDbAsync(db => db.Payslips.Where(p => p.Month == new YearMonth(2026, 1)).ToDictionaryAsync(p => p.WorkerId, p => new { p.ContributionBase, p.GrossFen }));
        january[worker.Id].ContributionBase.Should().Be(8000m, "the declared base of the month's contribution year");
        var other = january.Keys.First(k => k != worker.Id);
        january[other].ContributionBase.Should().NotBe(8000m);

        // Contribution year 2026 derived from July 2025 – June 2026 as computed here (January only): the average gross.
        var derive = await payroll.PostAsJsonAsync("/api/v1/pay-facts/contribution-bases/derive", new { year = 2026 });
        derive.StatusCode.Should().Be(HttpStatusCode.OK, await derive.Content.ReadAsStringAsync());
        (await derive.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("derived").GetInt32().Should().Be(january.Count);
        var listed = await payroll.GetFromJsonAsync<JsonElement>("/api/v1/pay-facts/contribution-bases?year=2026");
        var row = listed.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("workerId").GetInt64() == other);
        row.GetProperty("base").GetString().Should().Be((january[other].GrossFen / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        row.GetProperty("source").GetString().Should().Be("Derived");
        (await app.WithDbAsync(db => db.ContributionBases.SingleAsync(b => b.WorkerId == worker.Id && b.Year == 2025))).BaseFen.Should().Be(800_000, "the declared 2025 base stays");
        using var hr = await app.ApiAsync("hr");
        (await hr.PostAsJsonAsync("/api/v1/pay-facts/contribution-bases/derive", new { year = 2026 })).StatusCode.Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
    }

    private static byte[] Bad(Workforce.Domain.Workers.Worker worker)
    {
        using var stream = new MemoryStream();
        Workforce.Application.Common.XlsxTable.Write(stream, "缴费基数", ["身份证号", "姓名", "缴费年度", "月缴费基数（元）"], [[worker.IdCard.Value, worker.Name, "2025", "-1"]]);
        return stream.ToArray();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        ScratchDatabases.Delete(_database);
    }
}
