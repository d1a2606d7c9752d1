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
        nameof(PayslipRecord.LinesData), nameof(PayslipRecord.HasRetro),
    ];

    /// <summary>Deletes the period's payslips (a re-run replaces them); call inside the run's transaction.</summary>
    public static async Task DeletePeriodAsync(WorkforceDbContext db, long periodId, CancellationToken ct)
    {
        await db.PeriodComponentTotals.Where(t => t.PeriodId == periodId).ExecuteDeleteAsync(ct);
        await db.Payslips.Where(p => p.PeriodId == periodId).ExecuteDeleteAsync(ct);
    }

    /// <summary>Inserts the payslips with ids from <paramref name="firstId"/> on; call inside the run's transaction.</summary>
    public static async Task WriteAsync(WorkforceDbContext db, long periodId, long firstId, IReadOnlyList<ComputedPayslip> payslips,
        Action<int>? progress, CancellationToken ct)
    {
        var totals = new Dictionary<(long Community, string Code), (int Category, long Fen)>();
        await using (var heads = BulkInsert.For<PayslipRecord>(db, 30, PayslipColumns))
        {
            for (var i = 0; i < payslips.Count; i++)
            {
                ct.ThrowIfCancellationRequested();
                var (p, hash, versionId, retro) = payslips[i];
                var w = p.TaxWorksheet;
                var hasRetro = false;
                var lines = new PayslipLineRecord[p.Lines.Count];
                for (var s = 0; s < lines.Length; s++)
                {
                    var l = p.Lines[s];
                    YearMonth? source = l.Item.Original is null ? null : new YearMonth(l.From.Year, l.From.Month);
                    hasRetro |= source is not null;
                    lines[s] = new PayslipLineRecord
                    {
                        Code = l.Code, Category = (int)l.Category, AmountFen = l.Amount.Fen, From = l.From, To = l.To, SourceMonth = source,
                        FactsHash = source is { } m && retro is not null && retro.TryGetValue(m, out var h) ? h : null,
                        BasisAmount = l.Basis.Amount, BasisFactor = l.Basis.Factor, Numerator = l.Basis.Numerator, Denominator = l.Basis.Denominator,
                        Post = l.Basis.Post, Grade = l.Basis.Grade, Units = l.Basis.Units,
                    };
                    var key = (p.CommunityId, l.Code);
                    totals[key] = totals.TryGetValue(key, out var t) ? (t.Category, t.Fen + l.Amount.Fen) : ((int)l.Category, l.Amount.Fen);
                }
                object?[] values =
                [
                    firstId + i, periodId, p.WorkerId, p.Period, PayslipKind.Regular, p.CommunityId, p.Post, p.Grade, versionId, hash,
                    p.Gross.Fen, p.Deductions.Fen, p.Tax.Fen, p.Net.Fen, p.EmployerContributions.Fen, p.PerformanceReserve.Fen, p.ContributionBase,
                    p.SettledAwards.Count == 0 ? null : string.Join(',', p.SettledAwards), w.Income.Fen, w.SpecialDeductions.Fen,
                    w.SpecialAdditionalDeductions.Fen, w.Months, w.CumulativeIncome.Fen, w.CumulativeBasicDeduction.Fen,
                    w.CumulativeSpecialDeductions.Fen, w.CumulativeSpecialAdditionalDeductions.Fen, w.CumulativeTaxable.Fen, w.CumulativeTax.Fen,
                    w.WithheldBefore.Fen, w.TaxThisMonth.Fen, w.Bonus.Fen, w.BonusTax.Fen, PayslipLineCodec.Encode(lines), hasRetro,
                ];
                for (var c = 0; c < values.Length; c++)
                {
                    heads.Set(c, values[c]);
                }
                await heads.EndRowAsync(ct);
                if ((i & 1023) == 1023)
                {
                    progress?.Invoke(i + 1);
                }
            }
            await heads.FlushAsync(ct);
        }
        await using (var sums = BulkInsert.For<PeriodComponentTotal>(db, 50, nameof(PeriodComponentTotal.PeriodId), nameof(PeriodComponentTotal.CommunityId),
            nameof(PeriodComponentTotal.Code), nameof(PeriodComponentTotal.Category), nameof(PeriodComponentTotal.AmountFen)))
        {
            foreach (var ((community, code), (category, fen)) in totals)
            {
                sums.Set(0, periodId);
                sums.Set(1, community);
                sums.Set(2, code);
                sums.Set(3, category);
                sums.Set(4, fen);
                await sums.EndRowAsync(ct);
            }
            await sums.FlushAsync(ct);
        }
        progress?.Invoke(payslips.Count);
    }

    /// <summary>A stored payslip as the engine's payslip (exact lines, worksheet and explanations).</summary>
    public static Payslip Restore(PayslipRecord r, RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(rules);
        var lines = r.Lines.Select(l => new PayslipLine(
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
