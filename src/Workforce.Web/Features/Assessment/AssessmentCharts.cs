using Workforce.Application.Assessment;
using Workforce.Domain.Assessment;
using Workforce.Web.Features.Home;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Features.Assessment;

/// <summary>The charts of a round's page: ratings by community against the 优秀 quota, and ballots returned by community and group.</summary>
public static class AssessmentCharts
{
    /// <summary>The charts (drawn by wwwroot/js/dashboard.js, each with its table).</summary>
    public static IReadOnlyList<Chart> For(AssessmentRoundView view, UiText t)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(t);
        var units = view.Units;
        string?[] links = [.. units.Select(_ => (string?)null)];
        var charts = new List<Chart>();
        if (view.Round.Stage >= AssessmentStage.Notice)
        {
            var series = Enum.GetValues<AssessmentRating>().Reverse()
                .Select(r => new ChartSeries(t.Enum(r), [.. units.Select(u => (decimal)u.Ratings[r])], "ratings")).ToList();
            if (view.Round.Scheme.QuotaScope == QuotaScope.Community)
            {
                series.Add(new ChartSeries(t["Assessment.Quota"], [.. units.Select(u => (decimal)(u.Quota ?? 0))]));
            }
            charts.Add(new Chart("chart-ratings", t["Assessment.Chart.Ratings"], "bar", [.. units.Select(u => u.Unit)], series, links));
        }
        if (view.Round.Stage >= AssessmentStage.Voting)
        {
            var groups = view.Round.Scheme.Voters.Select(v => v.Group).ToList();
            var series = groups.Select(g => new ChartSeries(t.Enum(g), [.. units.Select(u => (decimal)u.Ballots[g])], "returned")).ToList();
            series.Add(new ChartSeries(t["Assessment.CodesIssued"], [.. units.Select(u => (decimal)u.CodesIssued.Values.Sum())]));
            charts.Add(new Chart("chart-ballots", t["Assessment.Chart.Ballots"], "bar", [.. units.Select(u => u.Unit)], series, links));
        }
        return charts;
    }
}
