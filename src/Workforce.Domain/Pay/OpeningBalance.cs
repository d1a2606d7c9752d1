using NodaTime;
using Workforce.Domain.Common;

namespace Workforce.Domain.Pay;

/// <summary>
/// A worker's opening balance (期初累计) for the tax year in which the district went live: the year-to-date figures of
/// the months up to <see cref="AsOf"/> (the month before the first month computed in this system), as the previous
/// system or the tax bureau's withholding client recorded them. Cumulative withholding continues from them.
/// </summary>
public sealed class OpeningBalance
{
    /// <summary>Largest amount accepted in any column, in fen (a typing-error guard: 100 million yuan).</summary>
    public const long MaxFen = 10_000_000_000;

    private OpeningBalance() { }

    /// <summary>Records an opening balance (amounts in fen).</summary>
    public OpeningBalance(long workerId, YearMonth asOf, OpeningAmounts amounts)
    {
        WorkerId = workerId;
        PayYears.Check(asOf.Year, "AsOf");
        if (asOf.Month == 12)
        {
            throw new DomainException("Pay.OpeningAsOfDecember") { Field = "AsOf" };
        }
        AsOf = asOf;
        Change(amounts);
    }

    /// <summary>Key.</summary>
    public long Id { get; private set; }
    /// <summary>Worker.</summary>
    public long WorkerId { get; private set; }
    /// <summary>The last month the figures cover.</summary>
    public YearMonth AsOf { get; private set; }
    /// <summary>累计收入额: income taxed by cumulative withholding.</summary>
    public long IncomeFen { get; private set; }
    /// <summary>累计减除费用月数: months of basic deduction counted.</summary>
    public int DeductionMonths { get; private set; }
    /// <summary>累计专项扣除: employee social insurance and housing fund.</summary>
    public long SpecialFen { get; private set; }
    /// <summary>累计专项附加扣除.</summary>
    public long AdditionalFen { get; private set; }
    /// <summary>累计已预扣预缴税额.</summary>
    public long TaxFen { get; private set; }
    /// <summary>Performance pay withheld to the year end (预留绩效).</summary>
    public long ReserveFen { get; private set; }
    /// <summary>Gross paid in the year (本年已发收入), counted for the leader floor.</summary>
    public long GrossFen { get; private set; }

    /// <summary>The figures as recorded.</summary>
    public OpeningAmounts Amounts => new(IncomeFen, DeductionMonths, SpecialFen, AdditionalFen, TaxFen, ReserveFen, GrossFen);

    /// <summary>Replaces the figures (checked: no negative amount, no more deduction months than months covered).</summary>
    public void Change(OpeningAmounts amounts)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        foreach (var (field, fen) in new[] { ("Income", amounts.IncomeFen), ("Special", amounts.SpecialFen), ("Additional", amounts.AdditionalFen),
            ("Tax", amounts.TaxFen), ("Reserve", amounts.ReserveFen), ("Gross", amounts.GrossFen) })
        {
            if (fen is < 0 or > MaxFen)
            {
                throw new DomainException("Pay.OpeningAmountOutOfRange", MaxFen / 100) { Field = field };
            }
        }
        if (amounts.DeductionMonths < 0 || amounts.DeductionMonths > AsOf.Month)
        {
            throw new DomainException("Pay.OpeningMonthsOutOfRange", AsOf.Month) { Field = "DeductionMonths" };
        }
        if (amounts.TaxFen > amounts.IncomeFen)
        {
            throw new DomainException("Pay.OpeningTaxAboveIncome") { Field = "Tax" };
        }
        (IncomeFen, DeductionMonths, SpecialFen, AdditionalFen, TaxFen, ReserveFen, GrossFen) =
            (amounts.IncomeFen, amounts.DeductionMonths, amounts.SpecialFen, amounts.AdditionalFen, amounts.TaxFen, amounts.ReserveFen, amounts.GrossFen);
    }
}

/// <summary>The figures of an opening balance, in fen (months as a count).</summary>
/// <param name="IncomeFen">累计收入额.</param>
/// <param name="DeductionMonths">累计减除费用月数.</param>
/// <param name="SpecialFen">累计专项扣除.</param>
/// <param name="AdditionalFen">累计专项附加扣除.</param>
/// <param name="TaxFen">累计已预扣预缴税额.</param>
/// <param name="ReserveFen">预留绩效.</param>
/// <param name="GrossFen">本年已发收入.</param>
public sealed record OpeningAmounts(long IncomeFen, int DeductionMonths, long SpecialFen, long AdditionalFen, long TaxFen, long ReserveFen, long GrossFen);

/// <summary>How a contribution base came to be.</summary>
public enum ContributionBaseSource
{
    /// <summary>Declared (imported by an officer).</summary>
    Declared = 1,
    /// <summary>Derived by the yearly job from the previous contribution year's average monthly gross.</summary>
    Derived = 2,
}

/// <summary>
/// A worker's social-insurance and housing-fund base for a contribution year (named by the year it starts in; the rule
/// set says which month: Suzhou July to June). Fixed for the year: a grade change inside it does not move it.
/// </summary>
public sealed class ContributionBase
{
    /// <summary>Largest monthly base accepted, in fen (a typing-error guard; the rules' upper limits clamp it anyway).</summary>
    public const long MaxFen = 100_000_000;

    private ContributionBase() { }

    /// <summary>Records a base.</summary>
    public ContributionBase(long workerId, int year, long baseFen, ContributionBaseSource source)
    {
        WorkerId = workerId;
        Year = PayYears.Check(year, "Year");
        Change(baseFen, source);
    }

    /// <summary>Key.</summary>
    public long Id { get; private set; }
    /// <summary>Worker.</summary>
    public long WorkerId { get; private set; }
    /// <summary>Contribution year.</summary>
    public int Year { get; private set; }
    /// <summary>Monthly base in fen.</summary>
    public long BaseFen { get; private set; }
    /// <summary>Declared or derived.</summary>
    public ContributionBaseSource Source { get; private set; }

    /// <summary>Replaces the base.</summary>
    public void Change(long baseFen, ContributionBaseSource source)
    {
        if (baseFen is <= 0 or > MaxFen)
        {
            throw new DomainException("Pay.BaseOutOfRange", MaxFen / 100) { Field = "Base" };
        }
        BaseFen = baseFen;
        Source = source;
    }
}
