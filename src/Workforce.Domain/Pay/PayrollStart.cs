using NodaTime;
using Workforce.Domain.Common;

namespace Workforce.Domain.Pay;

/// <summary>
/// The first month a district pays through this system (上线首月), chosen by a payroll officer at go-live. It may be
/// changed until a month is locked; from then on the months follow the last locked one.
/// </summary>
public sealed class PayrollStart
{
    private PayrollStart() { }

    /// <summary>Chooses <paramref name="firstMonth"/> for a district.</summary>
    public PayrollStart(long districtId, YearMonth firstMonth, string chosenBy, Instant at)
    {
        DistrictId = districtId;
        Choose(firstMonth, chosenBy, at);
    }

    /// <summary>District (key).</summary>
    public long DistrictId { get; private set; }
    /// <summary>The first month paid.</summary>
    public YearMonth FirstMonth { get; private set; }
    /// <summary>Who chose it (user id).</summary>
    public string ChosenBy { get; private set; } = string.Empty;
    /// <summary>When.</summary>
    public Instant ChosenAt { get; private set; }

    /// <summary>Changes the first month (the caller checks that no month is locked yet).</summary>
    public void Choose(YearMonth firstMonth, string chosenBy, Instant at)
    {
        FirstMonth = firstMonth;
        ChosenBy = chosenBy;
        ChosenAt = at;
    }
}

/// <summary>Where a district's pay order stands: its last locked month and the first month chosen at go-live.</summary>
/// <param name="LastLocked">The latest locked month, or null.</param>
/// <param name="FirstMonth">The first month chosen at go-live, or null.</param>
public sealed record PayOrderState(YearMonth? LastLocked, YearMonth? FirstMonth)
{
    /// <summary>The month paid next (see <see cref="PayOrder.Next"/>).</summary>
    public YearMonth? Next => PayOrder.Next(LastLocked, FirstMonth);
}

/// <summary>
/// Months are paid in order: a district's next month is the one after its last locked month; before any month is locked
/// it is the first month chosen at go-live; a run for any other month is refused, naming the month that comes next.
/// </summary>
public static class PayOrder
{
    /// <summary>The month a district pays next, or null while no first month is chosen and none is locked.</summary>
    public static YearMonth? Next(YearMonth? lastLocked, YearMonth? firstMonth) => lastLocked is { } locked ? locked.PlusMonths(1) : firstMonth;

    /// <summary>Throws unless <paramref name="month"/> is the month that comes next.</summary>
    public static void EnsureNext(YearMonth month, YearMonth? next)
    {
        if (next is not { } expected)
        {
            throw new DomainException("Pay.FirstMonthNotChosen", Label(month));
        }
        if (month != expected)
        {
            throw new DomainException("Pay.NotNextMonth", Label(month), Label(expected));
        }
    }

    /// <summary>Throws when a first month may no longer be chosen (a month is locked already).</summary>
    public static void EnsureFirstMonthOpen(YearMonth? lastLocked)
    {
        if (lastLocked is { } locked)
        {
            throw new DomainException("Pay.FirstMonthFixed", Label(locked));
        }
    }

    private static string Label(YearMonth m) => m.ToString("uuuu-MM", System.Globalization.CultureInfo.InvariantCulture);
}
