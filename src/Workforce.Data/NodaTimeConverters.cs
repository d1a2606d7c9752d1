using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;

namespace Workforce.Data;

/// <summary>LocalDate ↔ DateOnly: a date column on PostgreSQL/SQL Server, ISO text on SQLite (sorts correctly).</summary>
public sealed class LocalDateConverter() : ValueConverter<LocalDate, DateOnly>(
    d => d.ToDateOnly(),
    d => LocalDate.FromDateOnly(d));

/// <summary>Instant ↔ UTC DateTime (timestamptz on PostgreSQL, datetime2 on SQL Server, ISO text on SQLite).</summary>
public sealed class InstantConverter() : ValueConverter<Instant, DateTime>(
    i => i.ToDateTimeUtc(),
    d => Instant.FromDateTimeUtc(DateTime.SpecifyKind(d, DateTimeKind.Utc)));

/// <summary>YearMonth ↔ "yyyy-MM" text (sorts correctly, readable in every provider).</summary>
public sealed class YearMonthConverter() : ValueConverter<YearMonth, string>(
    m => Format(m),
    s => Parse(s))
{
    /// <summary>Formats as yyyy-MM.</summary>
    public static string Format(YearMonth m) => m.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Parses yyyy-MM.</summary>
    public static YearMonth Parse(string s) => new(
        int.Parse(s.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(s.AsSpan(5, 2), System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>LocalTime ↔ TimeOnly (time column on PostgreSQL/SQL Server, text on SQLite).</summary>
public sealed class LocalTimeConverter() : ValueConverter<LocalTime, TimeOnly>(
    t => t.ToTimeOnly(),
    t => LocalTime.FromTimeOnly(t));
