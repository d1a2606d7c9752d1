using System.Globalization;
using Workforce.Application.Training;
using Workforce.Domain.Training;
using Workforce.Web.Features.Home;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Features.Talent;

/// <summary>The chart of the training-hours page: per unit, hours done (up to each person's requirement) against hours required, and people short.</summary>
public static class HoursCharts
{
    /// <summary>The chart (drawn by wwwroot/js/dashboard.js with its table); a bar opens that unit's list.</summary>
    public static IReadOnlyList<Chart> For(TrainingHoursReport report, UiText t)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(t);
        var units = report.Units;
        if (units.Count == 0)
        {
            return [];
        }
        string?[] links = [.. units.Select(u => (string?)string.Create(CultureInfo.InvariantCulture, $"/Training/Hours?OrgUnitId={u.UnitId}&Year={report.Year}"))];
        return
        [
            new Chart("chart-hours", t["Hours.Chart"], "bar", [.. units.Select(u => u.Unit)],
            [
                new ChartSeries(t["Hours.Done"], [.. units.Select(u => TrainingHours.Hours(u.DoneMinutes))]),
                new ChartSeries(t["Hours.Required"], [.. units.Select(u => TrainingHours.Hours(u.RequiredMinutes))]),
            ], links),
            new Chart("chart-hours-short", t["Hours.ChartShort"], "bar", [.. units.Select(u => u.Unit)],
            [
                new ChartSeries(t["Hours.People"], [.. units.Select(u => (decimal)u.People)]),
                new ChartSeries(t["Hours.ShortPeople"], [.. units.Select(u => (decimal)u.ShortOfHours)]),
            ], links),
        ];
    }
}
