using System.Globalization;

namespace Workforce.Payroll;

/// <summary>
/// An exact amount of renminbi held as integer fen (分).
/// <para>
/// The one rounding rule of the engine: a computed amount is rounded to the fen half away
/// from zero (四舍五入, <see cref="MidpointRounding.AwayFromZero"/>) exactly once, when it
/// becomes a payslip line. Totals are sums of rounded lines. When one component is split
/// into several segments in a month, each segment's line is the difference of the rounded
/// running totals, so the segments of a month add up to the rounded whole.
/// </para>
/// </summary>
public readonly record struct Money(long Fen) : IComparable<Money>
{
    /// <summary>Zero yuan.</summary>
    public static readonly Money Zero;

    /// <summary>The amount in yuan, exact.</summary>
    public decimal Yuan => Fen / 100m;

    /// <summary>Rounds an exact yuan amount to the fen, half away from zero.</summary>
    public static Money Round(decimal yuan) =>
        new(checked((long)Math.Round(yuan * 100m, MidpointRounding.AwayFromZero)));

    /// <summary>Rounds yuan half up (away from zero) to the whole yuan: the rule of a housing-fund centre that keeps no fen.</summary>
    public static Money RoundToYuan(decimal yuan) =>
        new(checked((long)Math.Round(yuan, MidpointRounding.AwayFromZero) * 100));

    /// <summary>An amount in yuan that must already be exact to the fen.</summary>
    public static Money FromYuan(decimal yuan)
    {
        var fen = yuan * 100m;
        if (fen != decimal.Truncate(fen))
        {
            throw new ArgumentException($"{yuan} is not a whole number of fen.", nameof(yuan));
        }
        return new Money(checked((long)fen));
    }

    /// <summary>Sum.</summary>
    public static Money operator +(Money a, Money b) => new(checked(a.Fen + b.Fen));
    /// <summary>Difference.</summary>
    public static Money operator -(Money a, Money b) => new(checked(a.Fen - b.Fen));
    /// <summary>Negation.</summary>
    public static Money operator -(Money a) => new(checked(-a.Fen));
    /// <summary>Comparison.</summary>
    public static bool operator <(Money a, Money b) => a.Fen < b.Fen;
    /// <summary>Comparison.</summary>
    public static bool operator >(Money a, Money b) => a.Fen > b.Fen;
    /// <summary>Comparison.</summary>
    public static bool operator <=(Money a, Money b) => a.Fen <= b.Fen;
    /// <summary>Comparison.</summary>
    public static bool operator >=(Money a, Money b) => a.Fen >= b.Fen;

    /// <summary>The larger of two amounts.</summary>
    public static Money Max(Money a, Money b) => a.Fen >= b.Fen ? a : b;

    /// <inheritdoc />
    public int CompareTo(Money other) => Fen.CompareTo(other.Fen);

    /// <summary>"1,234.50" (invariant digits, two decimals, thousands separators).</summary>
    public override string ToString() => Yuan.ToString("N2", CultureInfo.InvariantCulture);
}
