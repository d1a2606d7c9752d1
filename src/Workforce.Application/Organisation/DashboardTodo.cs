using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Application.Payroll;
using Workforce.Data;
using Workforce.Domain.Pay;
using Workforce.Domain.Recruitment;
using Workforce.Domain.ReservePool;

namespace Workforce.Application.Organisation;

/// <summary>A recruitment round that waits on its next step, with the last day of its public notice when one runs.</summary>
public sealed record RoundWaiting(long Id, string Name, RoundStep Step, LocalDate? NoticeEnd, bool NoticeEnding);

/// <summary>A computed period waiting for a second officer's approval, and whether its last run reported errors.</summary>
public sealed record PeriodWaiting(YearMonth Month, int Payslips, int Errors);

/// <summary>The 待办 panel: what waits on the officer, in the officer's scope (read on each request: each figure is one indexed count).</summary>
public sealed record TodoList(int ReviewsOverdue, int CheckInsOverdue, IReadOnlyList<RoundWaiting> Rounds, IReadOnlyList<PeriodWaiting> Periods)
{
    /// <summary>Nothing waits.</summary>
    public bool IsEmpty => ReviewsOverdue == 0 && CheckInsOverdue == 0 && Rounds.Count == 0 && Periods.Count == 0;
}

/// <summary>
/// Reads the 待办 panel: overdue reserve reviews and mentorship check-ins (flagged by the nightly follow-up), recruitment rounds not
/// yet closed (a notice ending within two days marked), and computed periods waiting for approval with their run errors.
/// Imports have no waiting state: an import with errors writes nothing (all or nothing), so there is nothing to pick up later.
/// </summary>
public sealed class DashboardTodo(UseCaseContext context, PayrollQueries payroll, BusinessCalendar calendar)
{
    /// <summary>The panel for <paramref name="scope"/>; talent items when <paramref name="talent"/>, pay items when <paramref name="pay"/>.</summary>
    public async Task<TodoList> ReadAsync(UserScope scope, bool talent, bool pay, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var db = context.Db;
        var today = calendar.Today;
        int reviews = 0, checkIns = 0;
        List<RoundWaiting> rounds = [];
        if (talent)
        {
            var units = scope.Units(db);
            reviews = await db.ReserveEntries.CountAsync(e => e.ReviewOverdue && e.Status == ReserveStatus.Active && units.Any(u => u.Id == e.CommunityId), ct);
            checkIns = await db.Mentorships.CountAsync(m => m.OverdueCheckIns > 0 && units.Any(u => u.Id == m.OrgUnitId), ct);
            var open = await db.RecruitmentRounds.AsNoTracking().Where(r => r.Step != RoundStep.Closed && units.Any(u => u.Id == r.OrgUnitId))
                .OrderBy(r => r.AnnouncedOn).Take(20).Select(r => new { r.Id, r.Name, r.Step, r.NoticeEnd }).ToListAsync(ct);
            rounds = [.. open.Select(r => new RoundWaiting(r.Id, r.Name, r.Step, r.NoticeEnd,
                r.Step == RoundStep.PublicNotice && r.NoticeEnd is { } end && end <= today.PlusDays(2)))];
        }
        List<PeriodWaiting> periods = [];
        if (pay && await payroll.ScopeAsync(scope, ct) is { } payScope)
        {
            periods = await db.PayPeriods.AsNoTracking().Where(p => p.DistrictId == payScope.DistrictId && p.Status == PeriodStatus.Calculated)
                .OrderBy(p => p.Month).Select(p => new PeriodWaiting(p.Month, p.Payslips, p.Errors)).ToListAsync(ct);
        }
        return new TodoList(reviews, checkIns, rounds, periods);
    }
}
