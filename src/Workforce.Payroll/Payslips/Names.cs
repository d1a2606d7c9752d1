using System.Globalization;
using NodaTime;

namespace Workforce.Payroll;

/// <summary>Number and date formats used in explanations (culture-independent: they are part of the arithmetic shown).</summary>
internal static class Names
{
    public static string Date(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    public static string Month(YearMonth month) => month.ToString("uuuu-MM", CultureInfo.InvariantCulture);

    /// <summary>Yuan with thousands separators and two decimals.</summary>
    public static string Yuan(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>An exact intermediate value: up to four decimals, trailing zeros kept to two.</summary>
    public static string Exact(decimal amount) => amount.ToString("#,##0.00##", CultureInfo.InvariantCulture);

    public static string Coefficient(decimal value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    public static string Percent(decimal rate) => (rate * 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
