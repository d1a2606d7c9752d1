using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Data;
using Workforce.Domain.Pay;
using Workforce.Payroll;
using Workforce.Payroll.Rules;

namespace Workforce.Web.Features.Payroll;

/// <summary>A computed payslip ready to store.</summary>
/// <param name="Payslip">The engine's payslip.</param>
/// <param name="FactsHash">Fingerprint of the facts used.</param>
/// <param name="RuleSetVersionId">Stored rule-set version.</param>
/// <param name="RetroHashes">Fingerprint reached by the retroactive lines of each source month.</param>
public sealed record ComputedPayslip(Payslip Payslip, long FactsHash, long RuleSetVersionId, IReadOnlyDictionary<YearMonth, long>? RetroHashes);

/// <summary>Writes payslips with their lines in bulk, and reads them back as engine payslips.</summary>
public static class PayslipStore
{
    private static readonly string[] PayslipColumns =
    [
        nameof(PayslipRecord.Id), nameof(PayslipRecord.PeriodId), nameof(PayslipRecord.WorkerId), nameof(PayslipRecord.Month),
        nameof(PayslipRecord.Kind), nameof(PayslipRecord.CommunityId), nameof(PayslipRecord.Post), nameof(PayslipRecord.Grade),
        nameof(PayslipRecord.RuleSetVersionId), nameof(PayslipRecord.FactsHash), nameof(PayslipRecord.GrossFen), nameof(PayslipRecord.DeductionsFen),
        nameof(PayslipRecord.TaxFen), nameof(PayslipRecord.NetFen), nameof(PayslipRecord.EmployerFen), nameof(PayslipRecord.ReserveFen),
        nameof(PayslipRecord.ContributionBase), nameof(PayslipRecord.SettledAwards), nameof(PayslipRecord.TaxableIncomeFen),
        nameof(PayslipRecord.SpecialDeductionsFen), nameof(PayslipRecord.AdditionalDeductionsFen), nameof(PayslipRecord.TaxMonths),
        nameof(PayslipRecord.CumulativeIncomeFen), nameof(PayslipRecord.CumulativeBasicFen), nameof(PayslipRecord.CumulativeSpecialFen),
        nameof(PayslipRecord.CumulativeAdditionalFen), nameof(PayslipRecord.CumulativeTaxableFen), nameof(PayslipRecord.CumulativeTaxFen),
        nameof(PayslipRecord.WithheldBeforeFen), nameof(PayslipRecord.TaxThisMonthFen), nameof(PayslipRecord.BonusFen), nameof(PayslipRecord.BonusTaxFen),
    ];

    private static readonly string[] LineColumns =
    [
        nameof(PayslipLineRecord.PayslipId), nameof(PayslipLineRecord.Seq), nameof(PayslipLineRecord.Code), nameof(PayslipLineRecord.Category),
        nameof(PayslipLineRecord.AmountFen), nameof(PayslipLineRecord.From), nameof(PayslipLineRecord.To), nameof(PayslipLineRecord.SourceMonth),
        nameof(PayslipLineRecord.FactsHash), nameof(PayslipLineRecord.BasisAmount), nameof(PayslipLineRecord.BasisFactor),
        nameof(PayslipLineRecord.Numerator), nameof(PayslipLineRecord.Denominator), nameof(PayslipLineRecord.Post),
        nameof(PayslipLineRecord.Grade), nameof(PayslipLineRecord.Units),
    ];

    /// <summary>Deletes the period's payslips (a re-run replaces them); call inside the run's transaction.</summary>
    public static async Task DeletePeriodAsync(WorkforceDbContext db, long periodId, CancellationToken ct)
    {
        await db.PayslipLines.Where(l => db.Payslips.Any(p => p.Id == l.PayslipId && p.PeriodId == periodId)).ExecuteDeleteAsync(ct);
        await db.Payslips.Where(p => p.PeriodId == periodId).ExecuteDeleteAsync(ct);
    }

    /// <summary>Inserts the payslips with ids from <paramref name="firstId"/> on; call inside the run's transaction.</summary>
    public static async Task WriteAsync(WorkforceDbContext db, long periodId, long firstId, IReadOnlyList<ComputedPayslip> payslips,
        Action<int>? progress, CancellationToken ct)
    {
        // Payslips first, then their lines (the lines' foreign key is checked row by row).
        await using (var heads = BulkInsert.For<PayslipRecord>(db, 50, PayslipColumns))
        {
            for (var i = 0; i < payslips.Count; i++)
            {
                ct.ThrowIfCancellationRequested();
                var (p, hash, versionId, _) = payslips[i];
                var w = p.TaxWorksheet;
                var reserve = 0L;
                foreach (var line in p.Lines)
                {
                    if (ReferenceEquals(line.Item, PayItems.PerformanceReserve) || ReferenceEquals(line.Item.Original, PayItems.PerformanceReserve))
                    {
                        reserve += line.Amount.Fen;
                    }
                }
                object?[] values =
                [
                    firstId + i, periodId, p.WorkerId, p.Period, PayslipKind.Regular, p.CommunityId, p.Post, p.Grade, versionId, hash,
                    p.Gross.Fen, p.Deductions.Fen, p.Tax.Fen, p.Net.Fen, p.EmployerContributions.Fen, reserve, p.ContributionBase,
                    p.SettledAwards.Count == 0 ? null : string.Join(',', p.SettledAwards), w.Income.Fen, w.SpecialDeductions.Fen,
                    w.SpecialAdditionalDeductions.Fen, w.Months, w.CumulativeIncome.Fen, w.CumulativeBasicDeduction.Fen,
                    w.CumulativeSpecialDeductions.Fen, w.CumulativeSpecialAdditionalDeductions.Fen, w.CumulativeTaxable.Fen, w.CumulativeTax.Fen,
                    w.WithheldBefore.Fen, w.TaxThisMonth.Fen, w.Bonus.Fen, w.BonusTax.Fen,
                ];
                for (var c = 0; c < values.Length; c++)
                {
                    heads.Set(c, values[c]);
                }
                await heads.EndRowAsync(ct);
                if ((i & 4095) == 4095)
                {
                    progress?.Invoke((i + 1) / 5);
                }
            }
            await heads.FlushAsync(ct);
        }
        await using var lines = BulkInsert.For<PayslipLineRecord>(db, 100, LineColumns);
        for (var i = 0; i < payslips.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var (p, _, _, retro) = payslips[i];
            var id = firstId + i;
            for (var s = 0; s < p.Lines.Count; s++)
            {
                var l = p.Lines[s];
                YearMonth? source = l.Item.Original is null ? null : new YearMonth(l.From.Year, l.From.Month);
                lines.Set(0, id);
                lines.Set(1, s);
                lines.Set(2, l.Code);
                lines.Set(3, (int)l.Category);
                lines.Set(4, l.Amount.Fen);
                lines.Set(5, l.From);
                lines.Set(6, l.To);
                lines.Set(7, source);
                lines.Set(8, source is { } m && retro is not null && retro.TryGetValue(m, out var h) ? h : null);
                lines.Set(9, l.Basis.Amount);
                lines.Set(10, l.Basis.Factor);
                lines.Set(11, l.Basis.Numerator);
                lines.Set(12, l.Basis.Denominator);
                lines.Set(13, l.Basis.Post);
                lines.Set(14, l.Basis.Grade);
                lines.Set(15, l.Basis.Units);
                await lines.EndRowAsync(ct);
            }
            if ((i & 1023) == 1023)
            {
                progress?.Invoke((payslips.Count / 5) + ((i + 1) * 4 / 5));
            }
        }
        await lines.FlushAsync(ct);
        progress?.Invoke(payslips.Count);
    }

    /// <summary>A stored payslip as the engine's payslip (exact lines, worksheet and explanations).</summary>
    public static Payslip Restore(PayslipRecord r, RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(rules);
        var lines = r.Lines.OrderBy(l => l.Seq).Select(l => new PayslipLine(
            rules.FindItem(l.Code) ?? PayItems.Unknown(l.Code, (LineCategory)l.Category), new Money(l.AmountFen), l.From, l.To,
            new LineBasis(l.BasisAmount, l.BasisFactor, l.Numerator, l.Denominator, l.Post, l.Grade, l.Units))).ToArray();
        var worksheet = new TaxWorksheet
        {
            Income = new Money(r.TaxableIncomeFen),
            SpecialDeductions = new Money(r.SpecialDeductionsFen),
            SpecialAdditionalDeductions = new Money(r.AdditionalDeductionsFen),
            Months = r.TaxMonths,
            CumulativeIncome = new Money(r.CumulativeIncomeFen),
            CumulativeBasicDeduction = new Money(r.CumulativeBasicFen),
            CumulativeSpecialDeductions = new Money(r.CumulativeSpecialFen),
            CumulativeSpecialAdditionalDeductions = new Money(r.CumulativeAdditionalFen),
            CumulativeTaxable = new Money(r.CumulativeTaxableFen),
            CumulativeTax = new Money(r.CumulativeTaxFen),
            WithheldBefore = new Money(r.WithheldBeforeFen),
            TaxThisMonth = new Money(r.TaxThisMonthFen),
            Bonus = new Money(r.BonusFen),
            BonusTax = new Money(r.BonusTaxFen),
        };
        return Payslip.Restore(r.WorkerId, r.Month, rules, lines, worksheet, r.CommunityId, r.Post, r.Grade, r.ContributionBase,
            r.SettledAwards?.Split(',') ?? []);
    }
}
