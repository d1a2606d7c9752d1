using System.Globalization;
using NodaTime;

namespace Workforce.Web.Infrastructure;

/// <summary>Culture-independent display formats used in views and exports.</summary>
public static class Fmt
{
    /// <summary>yyyy-MM-dd, or empty.</summary>
    public static string D(LocalDate? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>yyyy-MM-dd.</summary>
    public static string Display(this LocalDate date) => D(date);

    /// <summary>yyyy-MM-dd, or empty.</summary>
    public static string Display(this LocalDate? date) => D(date);

    /// <summary>yyyy-MM.</summary>
    public static string M(YearMonth month) => month.ToString("uuuu-MM", CultureInfo.InvariantCulture);

    /// <summary>Fen as yuan, as the engine formats money ("1,234.50").</summary>
    public static string Yuan(long fen) => new Workforce.Payroll.Money(fen).ToString();

    /// <summary>HH:mm.</summary>
    public static string T(LocalTime time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A number with invariant digits.</summary>
    public static string N(decimal? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? string.Empty;
}
