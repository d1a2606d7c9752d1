using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Data;
using Workforce.Domain.Pay;
using Workforce.Payroll;

namespace Workforce.Application.Payroll;

/// <summary>
/// The monthly individual income tax withholding declaration (扣缴申报) of a computed month, as the import templates of
/// the tax bureau's withholding client (自然人电子税务局·扣缴端): the sheet 正常工资薪金所得 (one row per payslip: 本期收入 =
/// the income taxed by cumulative withholding, the employee contributions by scheme), the sheet 全年一次性奖金收入 (the
/// annual bonus taxed on its own table, when any), and a reconciliation sheet with this system's cumulative worksheet
/// and a total row, to compare with what the client computes. Columns: docs/tax-declaration.md. Streamed row by row
/// (one forward-only query per sheet); district payroll officers only (the file carries ID numbers); audited.
/// </summary>
public sealed class TaxDeclaration(WorkforceDbContext db)
{
    /// <summary>The client's template for 正常工资薪金所得, in its order.</summary>
    public static readonly IReadOnlyList<string> SalaryHeaders =
    [
        "工号", "*姓名", "*证件类型", "*证件号码", "本期收入", "本期免税收入", "基本养老保险费", "基本医疗保险费", "失业保险费", "住房公积金",
        "累计子女教育", "累计继续教育", "累计住房贷款利息", "累计住房租金", "累计赡养老人", "累计3岁以下婴幼儿照护", "累计个人养老金",
        "企业(职业)年金", "商业健康保险", "税延养老保险", "其他", "准予扣除的捐赠额", "减免税额", "备注",
    ];

    /// <summary>The client's template for 全年一次性奖金收入.</summary>
    public static readonly IReadOnlyList<string> BonusHeaders = ["工号", "*姓名", "*证件类型", "*证件号码", "*全年一次性奖金额", "免税收入", "其他", "准予扣除的捐赠额", "减免税额", "备注"];

    /// <summary>This system's worksheet, for reconciliation.</summary>
    public static readonly IReadOnlyList<string> CheckHeaders =
    [
        "工号", "姓名", "本期收入", "本期专项扣除", "本期专项附加扣除", "累计减除费用月数", "累计收入", "累计减除费用", "累计专项扣除",
        "累计专项附加扣除", "累计应纳税所得额", "累计应纳税额", "累计已预扣预缴税额", "本期应预扣预缴税额", "全年一次性奖金额", "奖金应纳税额",
    ];

    private const string IdCardType = "居民身份证";

    // The employee contribution schemes of the template, by the code of the profile's contribution (lines are CODE_EE,
    // retroactive differences RETRO_CODE_EE).
    private static readonly string[] Schemes = ["PENSION", "MEDICAL", "UNEMPLOYMENT", "HOUSING_FUND"];

    /// <summary>
    /// Writes the declaration of <paramref name="month"/> (calculated, approved or locked) to <paramref name="output"/>
    /// (seekable); refused for an officer who does not see the whole district or a month without payslips.
    /// </summary>
    public async Task<CommandResult<int>> WriteAsync(PayScope scope, YearMonth month, Stream output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!scope.WholeDistrict)
        {
            return UseCaseContext.Fail<int>(null, "Pay.DistrictOfficerOnly");
        }
        var period = await db.PayPeriods.AsNoTracking().SingleOrDefaultAsync(p => p.DistrictId == scope.DistrictId && p.Month == month, ct);
        if (period is null || period.Status == PeriodStatus.Open || period.Payslips == 0)
        {
            return UseCaseContext.Fail<int>(null, "Pay.TaxFileNeedsPayslips", Months.Label(month));
        }
        var payslips = db.Payslips.AsNoTracking().Where(p => p.PeriodId == period.Id).OrderBy(p => p.WorkerId);
        var rows = 0;
        IEnumerable<IReadOnlyList<string?>> Salary()
        {
            foreach (var r in payslips.Join(db.Workers, p => p.WorkerId, w => w.Id, (p, w) => new { p.WorkerId, w.Name, w.IdCard, p.TaxableIncomeFen, p.LinesData }).AsEnumerable())
            {
                ct.ThrowIfCancellationRequested();
                var schemes = new long[Schemes.Length];
                var other = 0L;
                foreach (var line in PayslipLineCodec.Decode(r.LinesData))
                {
                    if (line.Category != (int)LineCategory.Deduction)
                    {
                        continue;
                    }
                    var code = line.Code.StartsWith("RETRO_", StringComparison.Ordinal) ? line.Code[6..] : line.Code;
                    var i = Array.IndexOf(Schemes, code.EndsWith("_EE", StringComparison.Ordinal) ? code[..^3] : code);
                    if (i >= 0)
                    {
                        schemes[i] += line.AmountFen;
                    }
                    else
                    {
                        other += line.AmountFen;
                    }
                }
                rows++;
                yield return [Id(r.WorkerId), r.Name, IdCardType, r.IdCard.Value, Yuan(r.TaxableIncomeFen), Yuan(0),
                    Yuan(schemes[0]), Yuan(schemes[1]), Yuan(schemes[2]), Yuan(schemes[3]),
                    null, null, null, null, null, null, null, null, null, null, other == 0 ? null : Yuan(other), null, null, null];
            }
        }
        IEnumerable<IReadOnlyList<string?>> Bonus() => payslips.Where(p => p.BonusFen > 0)
            .Join(db.Workers, p => p.WorkerId, w => w.Id, (p, w) => new { p.WorkerId, w.Name, w.IdCard, p.BonusFen }).AsEnumerable()
            .Select(r => (IReadOnlyList<string?>)[Id(r.WorkerId), r.Name, IdCardType, r.IdCard.Value, Yuan(r.BonusFen), Yuan(0), null, null, null, null]);
        IEnumerable<IReadOnlyList<string?>> Check()
        {
            var total = new long[13];
            foreach (var p in payslips.Join(db.Workers, p => p.WorkerId, w => w.Id, (p, w) => new
            {
                p.WorkerId, w.Name, p.TaxableIncomeFen, p.SpecialDeductionsFen, p.AdditionalDeductionsFen, p.TaxMonths, p.CumulativeIncomeFen, p.CumulativeBasicFen,
                p.CumulativeSpecialFen, p.CumulativeAdditionalFen, p.CumulativeTaxableFen, p.CumulativeTaxFen, p.WithheldBeforeFen, p.TaxThisMonthFen, p.BonusFen, p.BonusTaxFen,
            }).AsEnumerable())
            {
                long[] amounts = [p.TaxableIncomeFen, p.SpecialDeductionsFen, p.AdditionalDeductionsFen, p.CumulativeIncomeFen, p.CumulativeBasicFen, p.CumulativeSpecialFen,
                    p.CumulativeAdditionalFen, p.CumulativeTaxableFen, p.CumulativeTaxFen, p.WithheldBeforeFen, p.TaxThisMonthFen, p.BonusFen, p.BonusTaxFen];
                for (var i = 0; i < amounts.Length; i++)
                {
                    total[i] += amounts[i];
                }
                yield return [Id(p.WorkerId), p.Name, .. amounts[..3].Select(Yuan), p.TaxMonths.ToString(CultureInfo.InvariantCulture), .. amounts[3..].Select(Yuan)];
            }
            yield return ["合计", null, .. total[..3].Select(Yuan), null, .. total[3..].Select(Yuan)];
        }
        XlsxTable.Write(output,
        [
            new XlsxSheet("正常工资薪金所得", SalaryHeaders, Salary(), Numeric(4, 23)),
            new XlsxSheet("全年一次性奖金收入", BonusHeaders, Bonus(), Numeric(4, 9)),
            new XlsxSheet("本系统计算（核对用）", CheckHeaders, Check(), new HashSet<int>([.. Numeric(2, 4), .. Numeric(6, CheckHeaders.Count - 1)])),
        ]);
        db.RecordAuditEvent("TaxDeclarationExported", nameof(PayPeriod), period.Id.ToString(CultureInfo.InvariantCulture), $"{Months.Label(month)}: {rows} rows");
        await db.SaveChangesAsync(ct);
        return CommandResult<int>.Ok(rows);
    }

    private static HashSet<int> Numeric(int from, int to) => [.. Enumerable.Range(from, to - from + 1)];

    private static string Id(long workerId) => workerId.ToString(CultureInfo.InvariantCulture);

    private static string Yuan(long fen) => PayrollCommands.Yuan(fen);
}
