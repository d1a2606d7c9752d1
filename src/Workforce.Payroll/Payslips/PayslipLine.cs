using NodaTime;
using Workforce.Domain.Common;
using Workforce.Domain.Workers;

namespace Workforce.Payroll;

/// <summary>
/// The numbers a line was computed from, kept structured so the payslip costs little to build;
/// <see cref="PayslipExplainer"/> turns them into text only when someone reads it.
/// The exact (unrounded) value of a prorated line is
/// <c>Amount × Factor × Numerator ÷ Denominator</c>; other lines document their own use.
/// </summary>
public readonly record struct LineBasis
{
    // Small counts are stored narrow: a payslip is mostly its lines, and lines are mostly this.
    private readonly short _numerator;
    private readonly short _denominator;
    private readonly short _units;
    private readonly byte _post;
    private readonly byte _grade;

    /// <summary>Creates a basis.</summary>
    /// <param name="amount">The monthly rate, base or total the line starts from.</param>
    /// <param name="factor">Multiplier (probation factor, share, rating factor, contribution rate).</param>
    /// <param name="numerator">Days (or working days × 100) counted in the segment.</param>
    /// <param name="denominator">Days (or 2175 for 21.75 working days) of a full month.</param>
    /// <param name="post">Post of the segment.</param>
    /// <param name="grade">Grade of the segment.</param>
    /// <param name="units">A count the rule needs: years of service, certificate level, rating, year.</param>
    public LineBasis(decimal amount, decimal factor, int numerator, int denominator, Post post, int grade, int units)
    {
        Amount = amount;
        Factor = factor;
        _numerator = checked((short)numerator);
        _denominator = checked((short)denominator);
        _post = checked((byte)post);
        _grade = checked((byte)grade);
        _units = checked((short)units);
    }

    /// <summary>The monthly rate, base or total the line starts from.</summary>
    public decimal Amount { get; }
    /// <summary>Multiplier (probation factor, share, rating factor, contribution rate).</summary>
    public decimal Factor { get; }
    /// <summary>Days (or working days × 100) counted in the segment.</summary>
    public int Numerator => _numerator;
    /// <summary>Days (or 2175 for 21.75 working days) of a full month.</summary>
    public int Denominator => _denominator;
    /// <summary>Post of the segment.</summary>
    public Post Post => (Post)_post;
    /// <summary>Grade of the segment.</summary>
    public int Grade => _grade;
    /// <summary>A count the rule needs: years of service, certificate level, rating, year.</summary>
    public int Units => _units;

    /// <summary>The unrounded value described by the basis for a prorated line.</summary>
    public decimal ProratedValue => Amount * Factor * Numerator / Denominator;
}

/// <summary>One line of a payslip.</summary>
/// <param name="Item">What it is: code, Chinese name, category, rule.</param>
/// <param name="Amount">Exact amount (rounded once, to the fen).</param>
/// <param name="From">First day covered.</param>
/// <param name="To">Last day covered.</param>
/// <param name="Basis">The numbers it was computed from.</param>
public readonly record struct PayslipLine(PayItem Item, Money Amount, LocalDate From, LocalDate To, LineBasis Basis)
{
    /// <summary>Stable code.</summary>
    public string Code => Item.Code;
    /// <summary>The component's name for people.</summary>
    public Message Label => Item.Label;
    /// <summary>Category.</summary>
    public LineCategory Category => Item.Category;
    /// <summary>The date interval the line covers (end inclusive).</summary>
    public DateInterval Interval => new(From, To);
}

/// <summary>
/// The cumulative-withholding worksheet of a payslip (累计预扣法), all in exact fen.
/// Cumulative figures include this month.
/// </summary>
public readonly record struct TaxWorksheet
{
    /// <summary>This month's income taxed by the cumulative method.</summary>
    public Money Income { get; init; }
    /// <summary>This month's employee contributions (专项扣除).</summary>
    public Money SpecialDeductions { get; init; }
    /// <summary>This month's special additional deductions (专项附加扣除).</summary>
    public Money SpecialAdditionalDeductions { get; init; }
    /// <summary>Months of basic deduction in the year so far (from January or the hire month).</summary>
    public int Months { get; init; }
    /// <summary>累计收入.</summary>
    public Money CumulativeIncome { get; init; }
    /// <summary>累计减除费用.</summary>
    public Money CumulativeBasicDeduction { get; init; }
    /// <summary>累计专项扣除.</summary>
    public Money CumulativeSpecialDeductions { get; init; }
    /// <summary>累计专项附加扣除.</summary>
    public Money CumulativeSpecialAdditionalDeductions { get; init; }
    /// <summary>累计预扣预缴应纳税所得额 (never below zero).</summary>
    public Money CumulativeTaxable { get; init; }
    /// <summary>Tax due on the cumulative taxable income (rate × taxable − quick deduction, to the fen).</summary>
    public Money CumulativeTax { get; init; }
    /// <summary>累计已预扣预缴税额 before this month.</summary>
    public Money WithheldBefore { get; init; }
    /// <summary>本期应预扣预缴税额 (no refund when negative: zero).</summary>
    public Money TaxThisMonth { get; init; }
    /// <summary>Annual one-off bonus taxed separately this month.</summary>
    public Money Bonus { get; init; }
    /// <summary>Tax on that bonus.</summary>
    public Money BonusTax { get; init; }
}
