using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Application.Common;

namespace Workforce.Web.Tests;

/// <summary>
/// Going live in the middle of a tax year (issue 13, item 1): a district that goes live in October with opening balances
/// (期初累计) for January–September pays October exactly as a district that computed the whole year; without them the run
/// is refused, naming the months; the sheet and the JSON body are checked all or nothing; the worker's pay history shows it.
/// Two fresh apps of their own (a small demo district each, seeded alike), so the shared database's months stay as they are.
/// </summary>
public sealed class OpeningBalanceTests : IDisposable
{
    private readonly string _wholeYear = Path.Combine(Path.GetTempPath(), $"workforce-ytd-{Guid.NewGuid():N}.db");
    private readonly string _goLive = Path.Combine(Path.GetTempPath(), $"workforce-golive-{Guid.NewGuid():N}.db");

    private sealed record Figures(long Income, long Special, long Additional, long Tax, long Gross, long Reserve, int Months);

    [Fact]
    public async Task GoingLiveInOctoberWithOpeningBalancesPaysOctoberToTheFenAsComputingJanuaryToOctober()
    {
        // District A computes 2026 from January: January–September run, approved by the second officer and locked, then October.
        using var wholeYear = KestrelApp.Http(_wholeYear);
        using var a = await wholeYear.ApiAsync("payroll");
        using var aCheck = await wholeYear.ApiAsync("payroll.check");
        (await a.DeleteAsync("/api/v1/payroll/opening-balances")).StatusCode.Should().Be(HttpStatusCode.OK, "the demo's own opening balances go before January is chosen");
        (await a.PostAsJsonAsync("/api/v1/payroll/first-month", new { month = "2026-01" })).StatusCode.Should().Be(HttpStatusCode.OK);
        for (var m = 1; m <= 9; m++)
        {
            var label = $"2026-{m:00}";
            await PayrollTests.RunAsync(a, label);
            (await aCheck.PostAsync($"/api/v1/payroll/periods/{label}/approve", null)).StatusCode.Should().Be(HttpStatusCode.OK);
            (await a.PostAsync($"/api/v1/payroll/periods/{label}/lock", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        await PayrollTests.RunAsync(a, "2026-10");
        var september = new YearMonth(2026, 9);
        var sums = await wholeYear.WithDbAsync(db => db.Payslips.Where(p => p.Month <= september).GroupBy(p => p.WorkerId)
            .Select(g => new { g.Key, Figures = new Figures(g.Sum(p => p.TaxableIncomeFen), g.Sum(p => p.SpecialDeductionsFen), g.Sum(p => p.AdditionalDeductionsFen),
                g.Sum(p => p.TaxThisMonthFen), g.Sum(p => p.GrossFen), g.Sum(p => p.ReserveFen), g.Count()) }).ToDictionaryAsync(x => x.Key, x => x.Figures));
        var expected = await OctoberAsync(wholeYear);
        expected.Values.Sum(p => p.TaxFen).Should().BeGreaterThan(0, "October withholds tax when the year's income is known");

        // District B, seeded alike, goes live in October.
        using var goLive = KestrelApp.Http(_goLive);
        using var b = await goLive.ApiAsync("payroll");
        using var bCheck = await goLive.ApiAsync("payroll.check");
        (await b.DeleteAsync("/api/v1/payroll/opening-balances")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await b.PostAsJsonAsync("/api/v1/payroll/first-month", new { month = "2026-10" })).StatusCode.Should().Be(HttpStatusCode.OK);

        // Without opening balances the run is refused and the message names the months.
        var refused = await b.PostAsync("/api/v1/payroll/periods/2026-10/runs", null);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("2026-01 至 2026-09").And.Contain("期初累计");

        // A bad body is refused as a whole, each error on its item and field; nothing is saved.
        var ids = sums.Keys.Order().ToList();
        var bad = await b.PostAsJsonAsync("/api/v1/payroll/opening-balances?dryRun=false", new object[]
        {
            new { workerId = ids[0], income = -1m, deductionMonths = 9, special = 0m, additional = 0m, tax = 0m },
            new { workerId = ids[1], income = 100.005m, deductionMonths = 9, special = 0m, additional = 0m, tax = 0m },
            new { workerId = ids[2], income = 1000m, deductionMonths = 10, special = 0m, additional = 0m, tax = 0m },
            new { workerId = ids[3], income = 1000m, deductionMonths = 9, special = 0m, additional = 0m, tax = 2000m },
            new { workerId = 999_999_999L, income = 1000m, deductionMonths = 9, special = 0m, additional = 0m, tax = 0m },
        });
        bad.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var report = await bad.Content.ReadFromJsonAsync<JsonElement>();
        var errors = report.GetProperty("errors").EnumerateArray().Select(e => (Row: e.GetProperty("row").GetInt32(), Text: e.GetProperty("reason").GetString()!)).ToList();
        errors.Select(e => e.Row).Should().BeEquivalentTo([1, 2, 3, 4, 5]);
        errors.Single(e => e.Row == 3).Text.Should().Contain("0 至 9");
        errors.Single(e => e.Row == 4).Text.Should().Contain("不能高于累计收入额");
        errors.Single(e => e.Row == 5).Text.Should().Contain("999999999");
        (await goLive.WithDbAsync(db => db.OpeningBalances.CountAsync())).Should().Be(0);

        // The first worker through the page's import form (the sheet: ID number, name, figures in yuan), checked first then
        // written; the others as JSON.
        var first = await goLive.WithDbAsync(db => db.Workers.SingleAsync(w => w.Id == ids[0]));
        var f0 = sums[ids[0]];
        using var stream = new MemoryStream();
        XlsxTable.Write(stream, "期初累计", ["身份证号", "姓名", "累计收入额", "累计减除费用月数", "累计专项扣除", "累计专项附加扣除", "累计已预扣预缴税额", "预留绩效", "本年已发收入"],
            [[first.IdCard.Value, first.Name, Yuan(f0.Income), f0.Months.ToString(System.Globalization.CultureInfo.InvariantCulture), Yuan(f0.Special), Yuan(f0.Additional), Yuan(f0.Tax), Yuan(f0.Reserve), Yuan(f0.Gross)]]);
        using (var officer = await goLive.SignInAsync("payroll"))
        {
            var checkedOnly = await WorkforceApp.SubmitAsync(officer, "/OpeningBalances", "#opening-import", ("file", "opening.xlsx", stream.ToArray()));
            checkedOnly.StatusCode.Should().Be(HttpStatusCode.OK);
            (await checkedOnly.Content.ReadAsStringAsync()).Should().NotContain("import-errors");
            (await goLive.WithDbAsync(db => db.OpeningBalances.CountAsync())).Should().Be(0, "the form checks only until the box is cleared");
            var written = await WorkforceApp.SubmitAsync(officer, "/OpeningBalances", "#opening-import", ("file", "opening.xlsx", stream.ToArray()), ("dryRun", "false"));
            written.StatusCode.Should().Be(HttpStatusCode.OK);
            (await written.Content.ReadAsStringAsync()).Should().Contain(first.Name);
        }
        var rest = ids.Skip(1).Select(id => sums[id]).Zip(ids.Skip(1), (f, id) => new
        {
            workerId = id, income = f.Income / 100m, deductionMonths = f.Months, special = f.Special / 100m, additional = f.Additional / 100m,
            tax = f.Tax / 100m, reserve = f.Reserve / 100m, gross = f.Gross / 100m,
        }).ToList();
        (await b.PostAsJsonAsync("/api/v1/payroll/opening-balances?dryRun=false", rest)).StatusCode.Should().Be(HttpStatusCode.OK);
        var listed = await b.GetFromJsonAsync<JsonElement>("/api/v1/payroll/opening-balances");
        listed.GetProperty("count").GetInt32().Should().Be(ids.Count);
        listed.GetProperty("items")[0].GetProperty("asOf").GetString().Should().Be("2026-09");

        // October in B equals October in A, payslip by payslip, to the fen.
        await PayrollTests.RunAsync(b, "2026-10");
        var actual = await OctoberAsync(goLive);
        actual.Keys.Should().BeEquivalentTo(expected.Keys);
        foreach (var (worker, payslip) in expected)
        {
            actual[worker].Should().BeEquivalentTo(payslip, $"worker {worker}'s October is the same whichever way the year began");
        }

        // The pay history shows the opening balance; choosing another first month is refused while it is there.
        using (var officer = await goLive.SignInAsync("payroll"))
        {
            (await officer.GetStringAsync($"/Payroll/History/{ids[0]}")).Should().Contain("期初累计（截至 2026-09）");
        }
        var moved = await b.PostAsJsonAsync("/api/v1/payroll/first-month", new { month = "2026-08" });
        moved.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await moved.Content.ReadAsStringAsync()).Should().Contain("只能是 2026-10");
    }

    private sealed record October(long GrossFen, long DeductionsFen, long TaxFen, long NetFen, long EmployerFen, long TaxableIncomeFen, long TaxThisMonthFen, string Lines);

    private static Task<Dictionary<long, October>> OctoberAsync(KestrelApp app) => app.WithDbAsync(db => db.Payslips.Where(p => p.Month == new YearMonth(2026, 10))
        .ToDictionaryAsync(p => p.WorkerId, p => new October(p.GrossFen, p.DeductionsFen, p.TaxFen, p.NetFen, p.EmployerFen, p.TaxableIncomeFen, p.TaxThisMonthFen,
            Convert.ToBase64String(p.LinesData))));

    private static string Yuan(long fen) => (fen / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public void Dispose()
    {
        ScratchDatabases.Delete(_wholeYear, _goLive);
    }
}
