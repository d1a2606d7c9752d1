using System.Globalization;
using NodaTime;

namespace Workforce.Payroll;

/// <summary>Number and date formats used in explanations (culture-independent: they are part of the arithmetic shown).</summary>
internal static class Names
{
    public static string Date(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    public static string Month(YearMonth month) => month.ToString("uuuu-MM", CultureInfo.InvariantCulture);

    /// <summary>Yuan with thousands separators and two decimals ("N2" of the invariant culture: 1,234.50; standard formats are the fast ones).</summary>
    public static string Yuan(decimal amount) => amount.ToString("N2", CultureInfo.InvariantCulture);

    /// <summary>An exact intermediate value: up to four decimals (rounded half away from zero), trailing zeros kept to two.</summary>
    public static string Exact(decimal amount)
    {
        var rounded = decimal.Round(amount, 4, MidpointRounding.AwayFromZero);
        var decimals = rounded == decimal.Round(rounded, 2) ? 2 : rounded == decimal.Round(rounded, 3) ? 3 : 4;
        return rounded.ToString(decimals switch { 2 => "N2", 3 => "N3", _ => "N4" }, CultureInfo.InvariantCulture);
    }

    public static string Coefficient(decimal value) => value.ToString("F4", CultureInfo.InvariantCulture);

    public static string Percent(decimal rate) => (rate * 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
