using Microsoft.Extensions.DependencyInjection;
using Workforce.Application.Common;
using Workforce.Application.Payroll;
using Workforce.Application.ReservePool;
using Workforce.Application.Training;
using Workforce.Data;

namespace Workforce.Application.Organisation;

/// <summary>The dashboard's panels read from talent and pay records: reserve compliance, camps, the cost trend and the 待办 list.</summary>
/// <param name="Reserve">1:2 reserve compliance (talent roles).</param>
/// <param name="Camps">Training camps in scope (talent roles).</param>
/// <param name="Cost">Cost by month and component (pay roles, when the scope has a district).</param>
/// <param name="Todo">What waits on the officer.</param>
public sealed record DashboardPanels(ComplianceReport? Reserve, IReadOnlyList<CampListItem> Camps, CostTrend? Cost, TodoList Todo);

/// <summary>
/// Reads <see cref="DashboardPanels"/>, kept per scope, roles and day until any row is saved on any node (the
/// <see cref="DataStamp.Data"/> stamp, raised by every save and by the payslip writer): the dashboard is every officer's first page.
/// </summary>
public sealed class DashboardPanelQueries(UseCaseContext context, KeptAnswers kept)
{
    /// <summary>The panels of <paramref name="scope"/>: talent ones when <paramref name="talent"/>, pay ones when <paramref name="pay"/>.</summary>
    public async Task<DashboardPanels> ReadAsync(UserScope scope, bool talent, bool pay, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var key = ("dashboard-panels", scope.OrgUnitId, scope.OrgPath, talent, pay, context.Today, await context.Db.StampAsync(DataStamp.Data, ct));
        return await kept.GetAsync(key, async (services, token) =>
        {
            ComplianceReport? reserve = null;
            IReadOnlyList<CampListItem> camps = [];
            if (talent)
            {
                reserve = await services.GetRequiredService<ReservePoolQueries>().ComplianceAsync(scope, null, token);
                camps = await services.GetRequiredService<TrainingQueries>().ListAsync(scope, token);
            }
            CostTrend? cost = null;
            var payroll = services.GetRequiredService<PayrollQueries>();
            if (pay && await payroll.ScopeAsync(scope, token) is { } payScope)
            {
                cost = await payroll.CostTrendAsync(payScope, 12, token);
            }
            var todo = await services.GetRequiredService<DashboardTodo>().ReadAsync(scope, talent, pay, token);
            return new DashboardPanels(reserve, camps, cost, todo);
        }, panels => 1 + panels.Camps.Count, ct);
    }
}
