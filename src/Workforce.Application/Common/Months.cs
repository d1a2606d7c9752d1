using System.Globalization;
using NodaTime;

namespace Workforce.Application.Common;

/// <summary>Months as they appear in URLs, files and the API: yyyy-MM.</summary>
public static class Months
{
    /// <summary>yyyy-MM.</summary>
    public static string Label(YearMonth month) => month.ToString("uuuu-MM", CultureInfo.InvariantCulture);

    /// <summary>Parses yyyy-MM (years 2000–2100); null when malformed.</summary>
    public static YearMonth? Parse(string? value) =>
        value is { Length: 7 } && value[4] == '-' && int.TryParse(value.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y)
        && int.TryParse(value.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m) && y is >= 2000 and <= 2100 && m is >= 1 and <= 12
            ? new YearMonth(y, m) : null;
}
