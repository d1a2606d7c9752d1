using NodaTime;

namespace Workforce.Application.Common;

/// <summary>"Today" for business rules, in the users' time zone (Asia/Shanghai by default, setting <c>TimeZone</c>).</summary>
public sealed class BusinessCalendar(IClock clock, DateTimeZone zone)
{
    /// <summary>The zone.</summary>
    public DateTimeZone Zone { get; } = zone;

    /// <summary>Today's date in <see cref="Zone"/>.</summary>
    public LocalDate Today => clock.GetCurrentInstant().InZone(Zone).Date;

    /// <summary>Formats an instant as local date-time text (yyyy-MM-dd HH:mm:ss).</summary>
    public string Format(Instant instant) => instant.InZone(Zone).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
