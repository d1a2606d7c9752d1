using System.Globalization;
using NodaTime;

namespace Workforce.Web.Infrastructure;

/// <summary>Culture-independent display formats used in views and exports.</summary>
public static class Fmt
{
    /// <summary>yyyy-MM-dd, or empty.</summary>
    public static string D(LocalDate? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>HH:mm.</summary>
    public static string T(LocalTime time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A number with invariant digits.</summary>
    public static string N(decimal? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? string.Empty;
}
