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

    /// <summary>Years offered in the assessment filter (the last five).</summary>
    public IReadOnlyList<int> Years() => [.. Enumerable.Range(calendar.Today.Year - 4, 5).Reverse()];
}
