using System.Globalization;
using Workforce.Application.Organisation;
using Workforce.Application.Payroll;
using Workforce.Application.ReservePool;
using Workforce.Application.Training;
using Workforce.Domain.Certification;
using Workforce.Domain.Workers;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Features.Home;

/// <summary>One series of a chart (values in the chart's unit).</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<decimal> Values, string? Stack = null);

/// <summary>
/// A dashboard chart: drawn by ECharts (wwwroot/js/dashboard.js) from this data, shown as a table under it (accessibility) and
/// written as a sheet of the dashboard's xlsx. Each category may link to the filtered list behind it.
/// </summary>
/// <param name="Id">Element id.</param>
/// <param name="Title">Title.</param>
/// <param name="Kind">bar, hbar (horizontal bars) or pie.</param>
/// <param name="Categories">Category labels.</param>
/// <param name="Series">Series.</param>
/// <param name="Links">Per category: the list behind it (or null).</param>
/// <param name="Target">A target line (e.g. the staffing standard), or null.</param>
/// <param name="TargetLabel">Its label.</param>
public sealed record Chart(string Id, string Title, string Kind, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series,
    IReadOnlyList<string?> Links, decimal? Target = null, string? TargetLabel = null);

/// <summary>The dashboard page: kept figures, the 待办 panel and the charts of the officer's roles.</summary>
public sealed record DashboardPage(DashboardFigures Figures, TodoList Todo, IReadOnlyList<Chart> Charts, bool Talent, bool Pay);

/// <summary>Builds the charts of the dashboard from the figures (one place for the page, its tables and its xlsx).</summary>
public static class DashboardCharts
{
    private static readonly (string Key, int? Min, int? Max)[] Ages = [("under30", null, 29), ("30to39", 30, 39), ("40to49", 40, 49), ("50plus", 50, null)];
    private static readonly (string Key, int? Min, int? Max)[] Service = [("under3", null, 2), ("3to5", 3, 4), ("5to10", 5, 9), ("10to20", 10, 19), ("20plus", 20, null)];

    /// <summary>Workforce structure and talent charts (HR officers and admins).</summary>
    public static IEnumerable<Chart> Talent(DashboardFigures f, ComplianceReport? reserve, IReadOnlyList<CampListItem> camps, UiText t)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(t);
        string Count() => t["Dashboard.Series.Workers"];
        static string Q(params (string Key, object? Value)[] values) =>
            "/Workers?" + string.Join('&', values.Where(v => v.Value is not null).Select(v => v.Key + "=" + Uri.EscapeDataString(Convert.ToString(v.Value, CultureInfo.InvariantCulture)!)));

        yield return new Chart("chart-age", t["Dashboard.Chart.Age"], "bar", [.. Ages.Select(a => t["Dashboard.Age." + a.Key])],
            [new ChartSeries(Count(), [.. Ages.Select(a => (decimal)(f.AgeBands.FirstOrDefault(b => b.Key == a.Key)?.Count ?? 0))])],
            [.. Ages.Select(a => Q(("MinAge", a.Min), ("MaxAge", a.Max)))]);
        yield return new Chart("chart-education", t["Dashboard.Chart.Education"], "bar", [.. f.ByEducation.Select(b => t.Enum(Enum.Parse<Education>(b.Key)))],
            [new ChartSeries(Count(), [.. f.ByEducation.Select(b => (decimal)b.Count)])], [.. f.ByEducation.Select(b => Q(("Education", b.Key)))]);
        var grades = f.PostGrades.Select(p => p.Grade).Distinct().Order().ToList();
        var posts = f.PostGrades.Select(p => p.Post).Distinct().Order().ToList();
        yield return new Chart("chart-post-grade", t["Dashboard.Chart.PostGrade"], "bar", [.. grades.Select(g => t.Format("Dashboard.GradeN", g))],
            [.. posts.Select(p => new ChartSeries(t.Enum(p), [.. grades.Select(g => (decimal)(f.PostGrades.FirstOrDefault(x => x.Post == p && x.Grade == g)?.Count ?? 0))], "post"))],
            [.. grades.Select(g => Q(("Grade", g)))]);
        yield return new Chart("chart-party", t["Dashboard.Chart.Party"], "pie", [.. f.ByPoliticalStatus.Select(b => t.Enum(Enum.Parse<PoliticalStatus>(b.Key)))],
            [new ChartSeries(Count(), [.. f.ByPoliticalStatus.Select(b => (decimal)b.Count)])], [.. f.ByPoliticalStatus.Select(b => Q(("PoliticalStatus", b.Key)))]);
        yield return new Chart("chart-service", t["Dashboard.Chart.Service"], "bar", [.. Service.Select(a => t["Dashboard.Service." + a.Key])],
            [new ChartSeries(Count(), [.. Service.Select(a => (decimal)(f.ServiceBands.FirstOrDefault(b => b.Key == a.Key)?.Count ?? 0))])],
            [.. Service.Select(a => Q(("MinService", a.Min), ("MaxService", a.Max)))]);
        yield return new Chart("chart-staffing", t["Dashboard.Chart.Staffing"], "bar", [.. f.Streets.Select(s => s.Name)],
            [new ChartSeries(t["Dashboard.Per10k"], [.. f.Streets.Select(s => s.Per10k)])], [.. f.Streets.Select(s => Q(("OrgUnitId", s.Id)))],
            f.StaffingStandard, t.Format("Dashboard.StandardLine", f.StaffingStandard.ToString("0.##", CultureInfo.InvariantCulture)));
        yield return new Chart("chart-grids", t["Dashboard.Chart.Grids"], "bar", [.. f.Streets.Select(s => s.Name)],
            [new ChartSeries(t["Dashboard.Series.Covered"], [.. f.Streets.Select(s => (decimal)s.CoveredGrids)], "grids"),
             new ChartSeries(t["Dashboard.Series.Uncovered"], [.. f.Streets.Select(s => (decimal)(s.Grids - s.CoveredGrids))], "grids")],
            [.. f.Streets.Select(s => (string?)("/OrgUnits/Details/" + s.Id.ToString(CultureInfo.InvariantCulture)))]);
        if (reserve is not null)
        {
            var rows = reserve.Streets.Count > 0 ? reserve.Streets : reserve.Communities;
            yield return new Chart("chart-reserve", t["Dashboard.Chart.Reserve"], "bar", [.. rows.Select(r => r.UnitName)],
                [new ChartSeries(t["Dashboard.Series.Reserves"], [.. rows.Select(r => (decimal)r.Figures.ActiveReserves)]),
                 new ChartSeries(t["Dashboard.Series.Shortfall"], [.. rows.Select(r => (decimal)r.Figures.Shortfall)])],
                [.. rows.Select(r => (string?)("/ReservePool?OrgUnitId=" + r.UnitId.ToString(CultureInfo.InvariantCulture)))]);
        }
        var total = Math.Max(1, f.Workers);
        yield return new Chart("chart-certified", t["Dashboard.Chart.Certified"], "bar", [.. f.CertifiedByLevel.Select(b => t.Enum(Enum.Parse<CertificateLevel>(b.Key)))],
            [new ChartSeries(t["Dashboard.Series.SharePercent"], [.. f.CertifiedByLevel.Select(b => Math.Round(100m * b.Count / total, 1, MidpointRounding.AwayFromZero))])],
            [.. f.CertifiedByLevel.Select(b => (string?)("/Certificates?Level=" + b.Key))]);
        var shown = camps.Take(12).Reverse().ToList();
        yield return new Chart("chart-training", t["Dashboard.Chart.Training"], "hbar", [.. shown.Select(c => c.Name)],
            [new ChartSeries(t["Dashboard.Series.Completed"], [.. shown.Select(c => (decimal)c.Completed)], "camp"),
             new ChartSeries(t["Dashboard.Series.NotCompleted"], [.. shown.Select(c => (decimal)(c.Enrolled - c.Completed))], "camp")],
            [.. shown.Select(c => (string?)("/Training/Details/" + c.Id.ToString(CultureInfo.InvariantCulture)))]);
    }

    /// <summary>Payroll cost charts (payroll officers and admins): by month and component, and the latest month by unit (in yuan).</summary>
    public static IEnumerable<Chart> Pay(CostTrend cost, UiText t)
    {
        ArgumentNullException.ThrowIfNull(cost);
        ArgumentNullException.ThrowIfNull(t);
        static decimal Yuan(long fen) => fen / 100m;
        var months = cost.Months.Select(m => m.ToString("yyyy-MM", CultureInfo.InvariantCulture)).ToList();
        yield return new Chart("chart-cost", t["Dashboard.Chart.Cost"], "bar", months,
            [.. cost.Components.Select(c => new ChartSeries(t.Message(c.Name), [.. c.AmountsFen.Select(Yuan)], "cost"))],
            [.. months.Select(m => (string?)("/Payroll/Period/" + m))]);
        if (cost.Months.Count > 0)
        {
            var latest = months[^1];
            yield return new Chart("chart-cost-units", t.Format("Dashboard.Chart.CostByUnit", latest), "hbar", [.. cost.ByUnit.Select(u => u.Name).Reverse()],
                [new ChartSeries(t["Dashboard.Series.CostYuan"], [.. cost.ByUnit.Select(u => Yuan(u.AmountFen)).Reverse()])],
                [.. cost.ByUnit.Select(u => (string?)("/Payroll/Register/" + latest + "?unitId=" + u.UnitId.ToString(CultureInfo.InvariantCulture))).Reverse()]);
        }
    }

    /// <summary>The charts as sheets of one xlsx (the table fallback to download).</summary>
    public static IReadOnlyList<Application.Common.XlsxSheet> Sheets(IReadOnlyList<Chart> charts, UiText t)
    {
        ArgumentNullException.ThrowIfNull(charts);
        ArgumentNullException.ThrowIfNull(t);
        return [.. charts.Select((c, i) => new Application.Common.XlsxSheet(
            SheetName(i + 1, c.Title),
            [t["Dashboard.Category"], .. c.Series.Select(s => s.Name)],
            c.Categories.Select((cat, row) => (IReadOnlyList<string?>)[cat, .. c.Series.Select(s => s.Values[row].ToString(CultureInfo.InvariantCulture))]),
            new HashSet<int>(Enumerable.Range(1, c.Series.Count))))];
    }

    // Sheet names: at most 31 characters, none of : \ / ? * [ ].
    private static string SheetName(int n, string title)
    {
        var clean = new string([.. title.Where(ch => ch is not (':' or '\\' or '/' or '?' or '*' or '[' or ']'))]);
        var name = n.ToString(CultureInfo.InvariantCulture) + " " + clean;
        return name.Length <= 31 ? name : name[..31];
    }
}
