using NodaTime;
using Workforce.Domain.Workers;

namespace Workforce.Payroll;

/// <summary>What was already paid for one component of a past period (its payslip plus earlier corrections).</summary>
/// <param name="Code">Component code (the original code, never a <c>RETRO_</c> one).</param>
/// <param name="Category">Category of the component.</param>
/// <param name="Amount">Total paid for the period.</param>
public readonly record struct PaidComponent(string Code, LineCategory Category, Money Amount);

/// <summary>
/// Retroactive corrections (补发/补扣): a locked period recomputed with today's facts against what was
/// paid for it. The differences become signed lines of a later payslip, one per component, each
/// keeping the source period as its dates and both amounts in its basis for the explanation.
/// </summary>
public static class Retroactive
{
    /// <summary>
    /// The difference lines between <paramref name="recomputed"/> (the source period computed again) and
    /// <paramref name="paid"/>. Earnings, employee deductions and employer contributions are corrected;
    /// tax is not (back pay is taxed in the month it is paid) and of the information lines only the
    /// performance reserve (it changes what the year end settles).
    /// </summary>
    /// <param name="recomputed">The source period computed with current facts.</param>
    /// <param name="paid">What was paid for the source period, by component.</param>
    /// <param name="paidPost">Post on the payslip paid (for the explanation).</param>
    /// <param name="paidGrade">Grade on the payslip paid (for the explanation).</param>
    public static IReadOnlyList<PayslipLine> Differences(Payslip recomputed, IReadOnlyList<PaidComponent> paid, Post paidPost, int paidGrade)
    {
        ArgumentNullException.ThrowIfNull(recomputed);
        ArgumentNullException.ThrowIfNull(paid);
        var from = recomputed.Period.OnDayOfMonth(1);
        var to = recomputed.Period.OnDayOfMonth(CalendarSystem.Iso.GetDaysInMonth(recomputed.Period.Year, recomputed.Period.Month));
        var result = new List<PayslipLine>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in recomputed.Lines)
        {
            if (!Corrected(line.Item) || !seen.Add(line.Item.Code))
            {
                continue;
            }
            var now = recomputed.Total(line.Item.Code);
            var before = Paid(paid, line.Item.Code);
            if (now != before)
            {
                result.Add(Line(line.Item, now, before, from, to, recomputed, paidPost, paidGrade));
            }
        }
        foreach (var p in paid)
        {
            if (seen.Contains(p.Code) || p.Amount.Fen == 0)
            {
                continue;
            }
            var item = recomputed.RuleSet.FindItem(p.Code) ?? PayItems.Unknown(p.Code, p.Category);
            if (!Corrected(item) || !seen.Add(p.Code))
            {
                continue;
            }
            result.Add(Line(item, Money.Zero, Paid(paid, p.Code), from, to, recomputed, paidPost, paidGrade));
        }
        return result;
    }

    private static bool Corrected(PayItem item) => item.Original is null && (item.Category is LineCategory.Earning or LineCategory.Deduction
        or LineCategory.EmployerContribution || ReferenceEquals(item, PayItems.PerformanceReserve));

    private static Money Paid(IReadOnlyList<PaidComponent> paid, string code)
    {
        var fen = 0L;
        foreach (var p in paid)
        {
            if (p.Code == code)
            {
                fen = checked(fen + p.Amount.Fen);
            }
        }
        return new Money(fen);
    }

    private static PayslipLine Line(PayItem item, Money now, Money before, LocalDate from, LocalDate to, Payslip recomputed, Post paidPost, int paidGrade)
        => new(PayItems.Retro(item), now - before, from, to,
            new LineBasis(now.Yuan, before.Yuan, (int)paidPost, paidGrade, recomputed.Post, recomputed.Grade, 0));
}
