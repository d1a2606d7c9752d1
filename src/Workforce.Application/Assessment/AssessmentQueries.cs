using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Application.Common.Import;
using Workforce.Data;
using Workforce.Domain.Assessment;
using Workforce.Domain.Common;
using Workforce.Domain.Pay;

namespace Workforce.Application.Assessment;

/// <summary>An assessment in the list.</summary>
public sealed record AssessmentRow(long Id, long WorkerId, string Name, int Year, AssessmentRating Rating, LocalDate RecordedOn, string? Note);

/// <summary>Annual assessment ratings (年度考核) of the workers in scope, by year.</summary>
public sealed class AssessmentQueries(WorkforceDbContext db, BusinessCalendar calendar)
{
    private IQueryable<long> Visible(UserScope scope) => scope.Workers(db).Select(w => w.Id);

    /// <summary>Assessments of a year in scope.</summary>
    public async Task<List<AssessmentRow>> AssessmentsAsync(UserScope scope, int year, CancellationToken ct)
    {
        var visible = Visible(scope);
        return await db.AnnualAssessments.AsNoTracking().Where(a => a.Year == year && visible.Contains(a.WorkerId)).OrderBy(a => a.WorkerId)
            .Join(db.Workers, a => a.WorkerId, w => w.Id, (a, w) => new AssessmentRow(a.Id, a.WorkerId, w.Name, a.Year, a.Rating, a.RecordedOn, a.Note))
            .ToListAsync(ct);
    }

    /// <summary>One page of a year's assessments in scope: by name (contains), sorted by a column (name, rating, recordedOn), by name by default.</summary>
    public async Task<PagedResult<AssessmentRow>> PageAsync(UserScope scope, int year, ListFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var visible = Visible(scope);
        var rows = db.AnnualAssessments.AsNoTracking().Where(a => a.Year == year && visible.Contains(a.WorkerId))
            .Join(db.Workers, a => a.WorkerId, w => w.Id, (a, w) => new AssessmentSortRow { Assessment = a, Name = w.Name });
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var name = filter.Q.Trim();
            rows = rows.Where(r => r.Name.Contains(name));
        }
        var total = await rows.CountAsync(ct);
        var size = Math.Clamp(filter.PageSize, 1, 200);
        var page = Math.Max(1, filter.Page);
        var items = await rows.SortBy(filter.Sort, SortColumns, "name").ThenBy(r => r.Assessment.WorkerId).Skip((page - 1) * size).Take(size)
            .Select(r => new AssessmentRow(r.Assessment.Id, r.Assessment.WorkerId, r.Name, r.Assessment.Year, r.Assessment.Rating, r.Assessment.RecordedOn, r.Assessment.Note))
            .ToListAsync(ct);
        return new PagedResult<AssessmentRow>(items, total, page, size);
    }

    private static readonly Dictionary<string, System.Linq.Expressions.Expression<Func<AssessmentSortRow, object?>>> SortColumns = new(StringComparer.Ordinal)
    {
        ["name"] = r => r.Name,
        ["rating"] = r => r.Assessment.Rating,
        ["recordedOn"] = r => r.Assessment.RecordedOn,
    };

    private sealed class AssessmentSortRow
    {
        public AnnualAssessment Assessment { get; init; } = null!;
        public string Name { get; init; } = string.Empty;
    }

    /// <summary>Years offered in the assessment filter (the last five).</summary>
    public IReadOnlyList<int> Years() => [.. Enumerable.Range(calendar.Today.Year - 4, 5).Reverse()];
}
