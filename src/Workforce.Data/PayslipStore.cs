using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Payroll;
using Workforce.Payroll.Rules;

namespace Workforce.Data;

/// <summary>A computed payslip ready to store.</summary>
/// <param name="Payslip">The engine's payslip.</param>
/// <param name="FactsHash">Fingerprint of the facts used.</param>
/// <param name="RuleSetVersionId">Stored rule-set version.</param>
/// <param name="RetroHashes">Fingerprint reached by the retroactive lines of each source month.</param>
public sealed record ComputedPayslip(Payslip Payslip, long FactsHash, long RuleSetVersionId, IReadOnlyDictionary<YearMonth, long>? RetroHashes);

/// <summary>
/// The stored shape of a payslip: <see cref="ToRecord"/> is the one mapping from the engine's payslip to a row,
/// <see cref="Restore"/> the one mapping back; the bulk writer inserts every mapped column of the row.
/// </summary>
public static class PayslipStore
{
    /// <summary>Deletes the period's payslips (a re-run replaces them); call inside the run's transaction.</summary>
    public static async Task DeletePeriodAsync(WorkforceDbContext db, long periodId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.PeriodComponentTotals.Where(t => t.PeriodId == periodId).ExecuteDeleteAsync(ct);
        await db.Payslips.Where(p => p.PeriodId == periodId).ExecuteDeleteAsync(ct);
        await db.RaiseStampsAsync([DataStamp.Data, DataStamp.Payslips], ct);
    }

    /// <summary>Inserts the payslips with ids from <paramref name="firstId"/> on, and the component totals per community; call inside the run's transaction.</summary>
    public static async Task WriteAsync(WorkforceDbContext db, long periodId, long firstId, IReadOnlyList<ComputedPayslip> payslips,
        Action<int>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(payslips);
        var totals = new Dictionary<(long Community, string Code), PeriodComponentTotal>();
        await using (var rows = BulkInsert.ForEntity<PayslipRecord>(db, 30))
        {
            for (var i = 0; i < payslips.Count; i++)
            {
                ct.ThrowIfCancellationRequested();
                var record = ToRecord(payslips[i], firstId + i, periodId);
                foreach (var line in payslips[i].Payslip.Lines)
                {
                    var key = (record.CommunityId, line.Code);
                    if (!totals.TryGetValue(key, out var total))
                    {
                        totals[key] = total = new PeriodComponentTotal { PeriodId = periodId, CommunityId = record.CommunityId, Code = line.Code, Category = (int)line.Category };
                    }
                    total.AmountFen = checked(total.AmountFen + line.Amount.Fen);
                }
                await rows.AddAsync(record, ct);
                if ((i & 1023) == 1023)
                {
                    progress?.Invoke(i + 1);
                }
            }
            await rows.FlushAsync(ct);
        }
        await using (var sums = BulkInsert.ForEntity<PeriodComponentTotal>(db, 50))
        {
            foreach (var total in totals.Values)
            {
                await sums.AddAsync(total, ct);
            }
            await sums.FlushAsync(ct);
        }
        await db.RaiseStampsAsync([DataStamp.Data, DataStamp.Payslips], ct);
        progress?.Invoke(payslips.Count);
    }

    /// <summary>The row of a computed payslip: figures, tax worksheet and the lines in their exact binary form.</summary>
    public static PayslipRecord ToRecord(ComputedPayslip computed, long id, long periodId)
    {
        ArgumentNullException.ThrowIfNull(computed);
        var (p, hash, versionId, retro) = computed;
        var w = p.TaxWorksheet;
        var lines = new PayslipLineRecord[p.Lines.Count];
        for (var s = 0; s < lines.Length; s++)
        {
            var l = p.Lines[s];
            YearMonth? source = l.Item.Original is null ? null : new YearMonth(l.From.Year, l.From.Month);
            lines[s] = new PayslipLineRecord
            {
                Code = l.Code, Category = (int)l.Category, AmountFen = l.Amount.Fen, From = l.From, To = l.To, SourceMonth = source,
                FactsHash = source is { } m && retro is not null && retro.TryGetValue(m, out var h) ? h : null,
                BasisAmount = l.Basis.Amount, BasisFactor = l.Basis.Factor, Numerator = l.Basis.Numerator, Denominator = l.Basis.Denominator,
                Post = l.Basis.Post, Grade = l.Basis.Grade, Units = l.Basis.Units,
            };
        }
        return new PayslipRecord
        {
            Id = id,
            PeriodId = periodId,
            WorkerId = p.WorkerId,
            Month = p.Period,
            Kind = PayslipKind.Regular,
            CommunityId = p.CommunityId,
            Post = p.Post,
            Grade = p.Grade,
            RuleSetVersionId = versionId,
            FactsHash = hash,
            GrossFen = p.Gross.Fen,
            DeductionsFen = p.Deductions.Fen,
            TaxFen = p.Tax.Fen,
            NetFen = p.Net.Fen,
            EmployerFen = p.EmployerContributions.Fen,
            ReserveFen = p.PerformanceReserve.Fen,
            ContributionBase = p.ContributionBase,
            SettledAwards = p.SettledAwards.Count == 0 ? null : string.Join(',', p.SettledAwards),
            TaxableIncomeFen = w.Income.Fen,
            SpecialDeductionsFen = w.SpecialDeductions.Fen,
            AdditionalDeductionsFen = w.SpecialAdditionalDeductions.Fen,
            TaxMonths = w.Months,
            CumulativeIncomeFen = w.CumulativeIncome.Fen,
            CumulativeBasicFen = w.CumulativeBasicDeduction.Fen,
            CumulativeSpecialFen = w.CumulativeSpecialDeductions.Fen,
            CumulativeAdditionalFen = w.CumulativeSpecialAdditionalDeductions.Fen,
            CumulativeTaxableFen = w.CumulativeTaxable.Fen,
            CumulativeTaxFen = w.CumulativeTax.Fen,
            WithheldBeforeFen = w.WithheldBefore.Fen,
            TaxThisMonthFen = w.TaxThisMonth.Fen,
            BonusFen = w.Bonus.Fen,
            BonusTaxFen = w.BonusTax.Fen,
            LinesData = PayslipLineCodec.Encode(lines),
            HasRetro = lines.Any(l => l.SourceMonth is not null),
        };
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
