using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Data;
using Workforce.Domain.Common;
using Workforce.Domain.Organisation;
using Workforce.Domain.Pay;
using Workforce.Domain.Policy;
using Workforce.Domain.Workers;
using Workforce.Payroll;

namespace Workforce.Application.Payroll;

/// <summary>
/// Pay periods as officers and workers read them: the periods, runs with live progress, the register, payslips with
/// their explanations, histories and the register sheet. Every read is narrowed to the caller's scope.
/// </summary>
public sealed class PayrollQueries(WorkforceDbContext db, PayrollMonitor monitor, PayRuleSets ruleSets, PayrollRunner runner, UseCaseContext context, KeptAnswers kept)
{
    /// <summary>The district of an officer's scope; null for non-officers.</summary>
    public async Task<PayScope?> ScopeAsync(UserScope scope, CancellationToken ct)
    {
        if (!scope.IsOfficer)
        {
            return null;
        }
        var districtPath = "/" + scope.OrgPath!.Split('/', StringSplitOptions.RemoveEmptyEntries)[0] + "/";
        var id = await db.OrgUnits.AsNoTracking().Where(u => u.Path == districtPath).Select(u => u.Id).SingleAsync(ct);
        return new PayScope(id, districtPath, scope.OrgPath);
    }

    /// <summary>The district's periods, newest first, with the month it pays next added when not yet stored.</summary>
    public async Task<PeriodList> PeriodsAsync(PayScope scope, CancellationToken ct)
    {
        var periods = await db.PayPeriods.AsNoTracking().Where(p => p.DistrictId == scope.DistrictId).ToListAsync(ct);
        var rows = periods.Select(p => new PeriodRow(p.Month, p.Status, p.Totals, p.Errors, p.CalculatedAt, true)).ToList();
        var order = await runner.OrderAsync(scope.DistrictId, ct);
        if (order.Next is { } n && rows.All(r => r.Month != n))
        {
            rows.Add(new PeriodRow(n, PeriodStatus.Open, default, 0, null, false));
        }
        return new PeriodList([.. rows.OrderByDescending(r => r.Month)], order.Next, order.FirstMonth, order.LastLocked is not null);
    }

    /// <summary>A period as stored, or an unsaved open one when the month has not been run (a page view never creates it).</summary>
    public async Task<PayPeriod> PeriodAsync(PayScope scope, YearMonth month, CancellationToken ct) =>
        await runner.FindPeriodAsync(scope.DistrictId, month, ct) ?? new PayPeriod(scope.DistrictId, month);

    /// <summary>
    /// Who calculated, approved and locked the period (display names), and whether <paramref name="userId"/> may approve it
    /// under four eyes (<see cref="PolicyParameter.PayrollFourEyes"/>: not the officer who started its run).
    /// </summary>
    public async Task<PeriodOfficers> OfficersAsync(PayPeriod period, string userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(period);
        string?[] ids = [period.CalculatedBy, period.ApprovedBy, period.LockedBy];
        var known = ids.OfType<string>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => known.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        string? Name(string? id) => id is null ? null : names.GetValueOrDefault(id, id);
        return new PeriodOfficers(Name(period.CalculatedBy), Name(period.ApprovedBy), Name(period.LockedBy),
            await context.FourEyesAsync(ct) && period.RanBy(userId));
    }

    /// <summary>The runs of a period, newest first.</summary>
    public async Task<List<RunView>> RunsAsync(PayScope scope, YearMonth month, CancellationToken ct)
    {
        var runs = await db.PayrollRuns.AsNoTracking()
            .Where(r => r.Month == month && db.PayPeriods.Any(p => p.Id == r.PeriodId && p.DistrictId == scope.DistrictId))
            .OrderByDescending(r => r.StartedAt).Take(20).ToListAsync(ct);
        var views = new List<RunView>(runs.Count);
        foreach (var run in runs)
        {
            views.Add(await ForScopeAsync(scope, run, ct));
        }
        return views;
    }

    /// <summary>A run of the caller's district, with live progress when it executes in this instance; null when not found.</summary>
    public async Task<RunView?> RunAsync(PayScope scope, Guid id, CancellationToken ct)
    {
        var run = await db.PayrollRuns.AsNoTracking()
            .Where(r => r.Id == id && db.PayPeriods.Any(p => p.Id == r.PeriodId && p.DistrictId == scope.DistrictId)).SingleOrDefaultAsync(ct);
        return run is null ? null : await ForScopeAsync(scope, run, ct);
    }

    // A district officer sees the run as it ran; an officer of part of the district sees only their part: the payslips the
    // run left in their scope (when it is the period's current run), no district-wide counts, and no report naming others.
    private async Task<RunView> ForScopeAsync(PayScope scope, PayrollRun run, CancellationToken ct)
    {
        var view = View(run);
        if (scope.WholeDistrict)
        {
            return view;
        }
        var current = run.Status == RunStatus.Succeeded && await db.PayPeriods.AnyAsync(p => p.Id == run.PeriodId && p.RunId == run.Id, ct);
        var mine = current ? await PayslipsIn(scope, run.PeriodId, null, null).CountAsync(ct) : 0;
        return view with { Processed = mine, Total = mine, Errors = 0, Report = [] };
    }

    internal RunView View(PayrollRun run)
    {
        var live = run.Status == RunStatus.Running ? monitor.Get(run.Id) : null;
        return live is null
            ? new RunView(run.Id, run.Month, run.Status, run.Status == RunStatus.Running ? "computing" : "done", run.Processed, run.Total, run.Errors,
                run.StartedAt, run.FinishedAt, run.Trigger, StoredMessages.Deserialize(run.Report))
            : new RunView(run.Id, run.Month, run.Status, live.Phase, live.Processed, live.Total, live.Errors, run.StartedAt, null, run.Trigger, []);
    }

    /// <summary>Payslips of the period inside the caller's scope, optionally narrowed to a unit and a worker.</summary>
    public IQueryable<PayslipRecord> PayslipsIn(PayScope scope, long periodId, string? unitPath, long? workerId)
    {
        var path = unitPath is not null && unitPath.StartsWith(scope.ScopePath, StringComparison.Ordinal) ? unitPath : scope.ScopePath;
        var units = db.OrgUnits.Where(u => u.Path.StartsWith(path)).Select(u => u.Id);
        var q = db.Payslips.AsNoTracking().Where(p => p.PeriodId == periodId && units.Contains(p.CommunityId));
        return workerId is { } w ? q.Where(p => p.WorkerId == w) : q;
    }

    /// <summary>The register: a page of payslips, totals per component and per unit (the children of the filter unit).</summary>
    /// <remarks>Sorted by a column of <see cref="RegisterSort"/>; by community and worker when <paramref name="sort"/> is null or unknown.</remarks>
    public async Task<RegisterView?> RegisterAsync(PayScope scope, YearMonth month, long? unitId, long? workerId, int page, int pageSize, string? sort, CancellationToken ct)
    {
        var period = await db.PayPeriods.AsNoTracking().SingleOrDefaultAsync(p => p.DistrictId == scope.DistrictId && p.Month == month, ct);
        if (period is null)
        {
            return null;
        }
        var unit = unitId is { } u ? await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(x => x.Id == u && x.Path.StartsWith(scope.ScopePath), ct) : null;
        unit ??= await db.OrgUnits.AsNoTracking().SingleAsync(x => x.Path == scope.ScopePath, ct);
        pageSize = Math.Clamp(pageSize, 10, 500);
        page = Math.Max(1, page);
        var yearStart = new LocalDate(month.Year, 1, 1);
        // The order of the unit's payslips and every total the page shows, kept per period, unit and sort until a run replaces the
        // period's payslips, the registry changes a name or a unit, or the rules change (all in the key); one worker's are read directly.
        var index = workerId is null
            ? await kept.GetAsync(("register", period.Id, unit.Path, RegisterSortKey(sort), await db.StampAsync(DataStamp.Payslips, ct), await db.StampAsync(DataStamp.Registry, ct),
                    (await ruleSets.GetAsync(db, ct)).Signature),
                (services, token) => services.GetRequiredService<PayrollQueries>().RegisterIndexAsync(scope, period, unit, null, sort, token),
                i => i.PayslipIds.Length + i.Units.Count + i.Components.Count + i.CommunityNames.Count, ct)
            : await RegisterIndexAsync(scope, period, unit, workerId, sort, ct);
        var pageIds = index.PayslipIds.Skip((int)Math.Min(int.MaxValue, (page - 1L) * pageSize)).Take(pageSize).ToList();
        var rows = await db.Payslips.AsNoTracking().Where(p => EF.Parameter(pageIds).Contains(p.Id)).Join(db.Workers, p => p.WorkerId, w => w.Id, (p, w) => new RegisterRow(p.Id, p.WorkerId, w.Name, p.CommunityId, p.Post, p.Grade,
            p.GrossFen, p.DeductionsFen, p.TaxFen, p.NetFen, p.EmployerFen, w.HireDate >= yearStart)).ToListAsync(ct);
        return new RegisterView(period, new PagedResult<RegisterRow>(rows.InOrderOf(pageIds, r => r.PayslipId), index.PayslipIds.Length, page, pageSize), index.Components, index.Units, index.Total, index.CommunityNames);
    }

    /// <summary>
    /// The register of a unit's month (or of one worker in it) apart from the page's rows: the payslips' ids in the register's
    /// order, totals per unit directly below and in all, the component totals and the community names.
    /// </summary>
    internal async Task<RegisterIndex> RegisterIndexAsync(PayScope scope, PayPeriod period, OrgUnit unit, long? workerId, string? sort, CancellationToken ct)
    {
        var payslips = PayslipsIn(scope, period.Id, unit.Path, workerId);
        var ids = await payslips.Join(db.Workers, p => p.WorkerId, w => w.Id, (p, w) => new RegisterSortRow { Payslip = p, Name = w.Name, HireDate = w.HireDate })
            .SortBy(sort, RegisterSort, "community").ThenBy(r => r.Payslip.CommunityId).ThenBy(r => r.Payslip.WorkerId).Select(r => r.Payslip.Id).ToArrayAsync(ct);
        var byCommunity = await payslips.GroupBy(p => p.CommunityId).Select(g => new
        {
            g.Key, Count = g.Count(), Gross = g.Sum(p => p.GrossFen), Deductions = g.Sum(p => p.DeductionsFen), Tax = g.Sum(p => p.TaxFen),
            Net = g.Sum(p => p.NetFen), Employer = g.Sum(p => p.EmployerFen),
        }).ToListAsync(ct);
        var rollup = await UnitRollup.LoadAsync(db, unit.Path, ct);
        var unitTotals = byCommunity.GroupBy(c => rollup.Of(c.Key)).Select(g => new UnitTotal(g.Key.Id, g.Key.Name,
            g.Sum(x => x.Count), g.Sum(x => x.Gross), g.Sum(x => x.Deductions), g.Sum(x => x.Tax), g.Sum(x => x.Net), g.Sum(x => x.Employer)))
            .OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var total = new UnitTotal(unit.Id, unit.Name, unitTotals.Sum(x => x.Payslips), unitTotals.Sum(x => x.GrossFen), unitTotals.Sum(x => x.DeductionsFen),
            unitTotals.Sum(x => x.TaxFen), unitTotals.Sum(x => x.NetFen), unitTotals.Sum(x => x.EmployerFen));
        var unitIds = db.OrgUnits.Where(x => x.Path.StartsWith(unit.Path)).Select(x => x.Id);
        var components = workerId is null
            ? await db.PeriodComponentTotals.AsNoTracking().Where(t => t.PeriodId == period.Id && unitIds.Contains(t.CommunityId))
                .GroupBy(t => new { t.Code, t.Category }).Select(g => new { g.Key.Code, g.Key.Category, Amount = g.Sum(t => t.AmountFen) }).ToListAsync(ct)
            : (await payslips.Select(p => p.LinesData).ToListAsync(ct)).SelectMany(PayslipLineCodec.Decode)
                .GroupBy(l => new { l.Code, l.Category }).Select(g => new { g.Key.Code, g.Key.Category, Amount = g.Sum(l => l.AmountFen) }).ToList();
        var rules = (await ruleSets.GetAsync(db, ct)).ForPeriod(period.Month);
        var order = rules.Items.Select((item, i) => (item.Code, i)).ToDictionary(x => x.Code, x => x.i);
        var componentTotals = components
            .Select(c => new ComponentTotal(c.Code, Label(rules, c.Code, (LineCategory)c.Category), (LineCategory)c.Category, c.Amount))
            .OrderBy(c => order.TryGetValue(c.Code.Replace(PayItems.RetroPrefix, string.Empty, StringComparison.Ordinal), out var i) ? i : 999)
            .ThenBy(c => c.Code, StringComparer.Ordinal).ToList();
        var communityNames = await db.OrgUnits.AsNoTracking().Where(x => x.Path.StartsWith(scope.DistrictPath) && x.Type == OrgUnitType.Community)
            .ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        return new RegisterIndex(ids, unitTotals, total, componentTotals, communityNames);
    }

    /// <summary>A payslip the caller may see (officer: in scope; worker: their own, once approved); null otherwise.</summary>
    public async Task<PayslipView?> PayslipAsync(UserScope user, long id, CancellationToken ct)
    {
        var q = db.Payslips.AsNoTracking().Where(p => p.Id == id);
        if (user.IsOfficer)
        {
            var units = db.OrgUnits.Where(u => u.Path.StartsWith(user.OrgPath!)).Select(u => u.Id);
            q = q.Where(p => units.Contains(p.CommunityId));
        }
        else if (user.WorkerId is { } own)
        {
            q = q.Where(p => p.WorkerId == own && db.PayPeriods.Any(x => x.Id == p.PeriodId && (x.Status == PeriodStatus.Approved || x.Status == PeriodStatus.Locked)));
        }
        else
        {
            return null;
        }
        var record = await q.SingleOrDefaultAsync(ct);
        if (record is null)
        {
            return null;
        }
        var status = await db.PayPeriods.AsNoTracking().Where(p => p.Id == record.PeriodId).Select(p => p.Status).SingleAsync(ct);
        var name = await db.Workers.AsNoTracking().Where(w => w.Id == record.WorkerId).Select(w => w.Name).SingleAsync(ct);
        var community = await db.OrgUnits.AsNoTracking().Where(u => u.Id == record.CommunityId).Select(u => u.Name).SingleAsync(ct);
        return View(record, name, community, status, await RulesAsync(record.RuleSetVersionId, ct));
    }

    /// <summary>
    /// The payslips of a computed month under a unit in scope (or the whole scope), in the register's order, one at a time as
    /// the query reads them (for the batch print); null when the month has no period. The unit and every name are read once.
    /// </summary>
    public async Task<IAsyncEnumerable<PayslipView>?> PayslipsOfUnitAsync(PayScope scope, YearMonth month, long? unitId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var period = await db.PayPeriods.AsNoTracking().SingleOrDefaultAsync(p => p.DistrictId == scope.DistrictId && p.Month == month, ct);
        if (period is null || period.Status == PeriodStatus.Open)
        {
            return null;
        }
        string? unitPath = null;
        if (unitId is { } u)
        {
            unitPath = await db.OrgUnits.AsNoTracking().Where(x => x.Id == u && x.Path.StartsWith(scope.ScopePath)).Select(x => x.Path).SingleOrDefaultAsync(ct);
            if (unitPath is null)
            {
                return null;
            }
        }
        var communities = await db.OrgUnits.AsNoTracking().Where(x => x.Path.StartsWith(unitPath ?? scope.ScopePath)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var rows = PayslipsIn(scope, period.Id, unitPath, null).OrderBy(p => p.CommunityId).ThenBy(p => p.WorkerId)
            .Join(db.Workers, p => p.WorkerId, w => w.Id, (p, w) => new { Record = p, w.Name });
        async IAsyncEnumerable<PayslipView> Stream([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token = default)
        {
            var rules = new Dictionary<long, Workforce.Payroll.Rules.RuleSet>();
            // The rule sets first: the forward-only read below keeps the connection busy.
            foreach (var id in await PayslipsIn(scope, period.Id, unitPath, null).Select(p => p.RuleSetVersionId).Distinct().ToListAsync(token))
            {
                rules[id] = await RulesAsync(id, token);
            }
            await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(token))
            {
                yield return View(row.Record, row.Name, communities.GetValueOrDefault(row.Record.CommunityId, string.Empty), period.Status, rules[row.Record.RuleSetVersionId]);
            }
        }
        return Stream(ct);
    }

    // A stored payslip as the page, the API and the PDF show it.
    private static PayslipView View(PayslipRecord record, string name, string community, PeriodStatus status, Workforce.Payroll.Rules.RuleSet rules)
    {
        var payslip = PayslipStore.Restore(record, rules);
        var lines = payslip.Lines.Select((l, i) => new PayslipLineView(l.Code, l.Label, l.Category, l.Amount.Fen, l.From, l.To,
            payslip.Explain(i).Text, l.Item.Original is not null)).ToList();
        return new PayslipView(record.Id, record.WorkerId, name, community, record.Month, status, record.Post, record.Grade, rules.ToString(), payslip, lines);
    }

    private async Task<Workforce.Payroll.Rules.RuleSet> RulesAsync(long versionId, CancellationToken ct)
    {
        var snapshot = await ruleSets.GetAsync(db, ct);
        if (snapshot.ById(versionId) is { } rules)
        {
            return rules;
        }
        var json = await db.RuleSetVersions.AsNoTracking().Where(v => v.Id == versionId).Select(v => v.Json).SingleAsync(ct);
        return Workforce.Payroll.Rules.RuleSet.FromJson(json);
    }

    /// <summary>A worker's payslips, newest first (officers: in scope; workers: their own approved ones); null when the worker is not visible.</summary>
    public async Task<List<PayslipSummary>?> HistoryAsync(UserScope user, long workerId, CancellationToken ct)
    {
        if (!await user.Workers(db).AnyAsync(w => w.Id == workerId, ct))
        {
            return null;
        }
        var q = db.Payslips.AsNoTracking().Where(p => p.WorkerId == workerId);
        if (!user.IsOfficer)
        {
            q = q.Where(p => db.PayPeriods.Any(x => x.Id == p.PeriodId && (x.Status == PeriodStatus.Approved || x.Status == PeriodStatus.Locked)));
        }
        var rows = await q.Select(p => new
        {
            p.Id, p.Month, Status = db.PayPeriods.Where(x => x.Id == p.PeriodId).Select(x => x.Status).Single(), p.Post, p.Grade,
            p.GrossFen, p.DeductionsFen, p.TaxFen, p.NetFen, Retro = p.HasRetro,
        }).ToListAsync(ct);
        return [.. rows.OrderByDescending(r => r.Month).Select(r => new PayslipSummary(r.Id, r.Month, r.Status, r.Post, r.Grade, r.GrossFen, r.DeductionsFen, r.TaxFen, r.NetFen, r.Retro))];
    }

    /// <summary>
    /// The register as a sheet: one row per payslip with an amount per component code, read as one forward-only
    /// query and decoded row by row (memory stays flat for 100,000 payslips). Null when the period has no payslips.
    /// </summary>
    public async Task<RegisterSheet?> RegisterSheetAsync(PayScope scope, YearMonth month, long? unitId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var period = await db.PayPeriods.AsNoTracking().SingleOrDefaultAsync(p => p.DistrictId == scope.DistrictId && p.Month == month, ct);
        if (period is null)
        {
            return null;
        }
        var unitPath = unitId is { } u ? await db.OrgUnits.AsNoTracking().Where(x => x.Id == u).Select(x => x.Path).SingleOrDefaultAsync(ct) : null;
        var payslips = PayslipsIn(scope, period.Id, unitPath, null);
        var unitIds = db.OrgUnits.Where(x => x.Path.StartsWith(unitPath ?? scope.ScopePath) && x.Path.StartsWith(scope.ScopePath)).Select(x => x.Id);
        var codes = await db.PeriodComponentTotals.AsNoTracking().Where(t => t.PeriodId == period.Id && unitIds.Contains(t.CommunityId))
            .Select(t => t.Code).Distinct().ToListAsync(ct);
        var rules = (await ruleSets.GetAsync(db, ct)).ForPeriod(month);
        var order = rules.Items.Select((item, i) => (item.Code, i)).ToDictionary(x => x.Code, x => x.i);
        codes = [.. codes.OrderBy(c => order.TryGetValue(c.Replace(PayItems.RetroPrefix, string.Empty, StringComparison.Ordinal), out var i) ? i : 999).ThenBy(c => c, StringComparer.Ordinal)];
        var column = codes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        var communities = await db.OrgUnits.AsNoTracking().Where(x => x.Path.StartsWith(scope.DistrictPath)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var rows = from p in payslips
                   join w in db.Workers on p.WorkerId equals w.Id
                   orderby p.CommunityId, p.WorkerId
                   select new { p.WorkerId, w.Name, p.CommunityId, p.Post, p.Grade, p.GrossFen, p.DeductionsFen, p.TaxFen, p.NetFen, p.EmployerFen, p.LinesData };
        IEnumerable<RegisterSheetRow> Rows()
        {
            foreach (var p in rows.AsEnumerable())
            {
                var amounts = new long[codes.Count];
                foreach (var l in PayslipLineCodec.Decode(p.LinesData))
                {
                    amounts[column[l.Code]] += l.AmountFen;
                }
                yield return new RegisterSheetRow(p.WorkerId, p.Name, communities.GetValueOrDefault(p.CommunityId), p.Post, p.Grade, amounts,
                    p.GrossFen, p.DeductionsFen, p.TaxFen, p.NetFen, p.EmployerFen);
            }
        }
        return new RegisterSheet([.. codes.Select(c => new RegisterColumn(c, Label(rules, c, LineCategory.Information)))], Rows());
    }

    /// <summary>
    /// Payroll cost of the last <paramref name="months"/> computed periods of the district, for the officer's scope: per month the
    /// amount of each cost component (应发 items and the employer's contributions, from the stored component totals), and per unit
    /// directly below the scope the latest period's cost. Months with no computed period are left out.
    /// </summary>
    public async Task<CostTrend> CostTrendAsync(PayScope scope, int months, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var periods = await db.PayPeriods.AsNoTracking().Where(p => p.DistrictId == scope.DistrictId && p.Status != PeriodStatus.Open)
            .OrderByDescending(p => p.Month).Take(Math.Clamp(months, 1, 36)).Select(p => new { p.Id, p.Month }).ToListAsync(ct);
        periods.Reverse();
        if (periods.Count == 0)
        {
            return new CostTrend([], [], []);
        }
        var ids = periods.Select(p => p.Id).ToList();
        var labels = periods.Select(p => p.Month).ToList();
        var snapshot = await ruleSets.GetAsync(db, ct);
        var rules = snapshot.ForPeriod(periods[^1].Month);
        // Kept until a run replaces payslips, the registry changes a unit, another month is computed or the rules change.
        return await kept.GetAsync(("cost", scope.ScopePath, string.Join(',', ids), snapshot.Signature,
                await db.StampAsync(DataStamp.Payslips, ct), await db.StampAsync(DataStamp.Registry, ct)),
            (services, token) => services.GetRequiredService<PayrollQueries>().ComputeCostTrendAsync(scope, ids, labels, rules, token),
            trend => 1 + trend.Components.Count * trend.Months.Count, ct);
    }

    private async Task<CostTrend> ComputeCostTrendAsync(PayScope scope, List<long> ids, List<YearMonth> months, Workforce.Payroll.Rules.RuleSet rules, CancellationToken ct)
    {
        var unitIds = db.OrgUnits.Where(x => x.Path.StartsWith(scope.ScopePath)).Select(x => x.Id);
        var cost = new[] { (int)LineCategory.Earning, (int)LineCategory.EmployerContribution };
        var rows = await db.PeriodComponentTotals.AsNoTracking()
            .Where(t => ids.Contains(t.PeriodId) && unitIds.Contains(t.CommunityId) && cost.Contains(t.Category))
            .GroupBy(t => new { t.PeriodId, t.CommunityId, t.Code, t.Category })
            .Select(g => new { g.Key.PeriodId, g.Key.CommunityId, g.Key.Code, g.Key.Category, Amount = g.Sum(t => t.AmountFen) }).ToListAsync(ct);
        var column = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        // A retroactive line counts with its original component.
        string Base(string code) => code.Replace(PayItems.RetroPrefix, string.Empty, StringComparison.Ordinal);
        var order = rules.Items.Select((item, i) => (item.Code, i)).ToDictionary(x => x.Code, x => x.i);
        var components = rows.GroupBy(r => (Code: Base(r.Code), r.Category))
            .Select(g =>
            {
                var amounts = new long[ids.Count];
                foreach (var r in g)
                {
                    amounts[column[r.PeriodId]] += r.Amount;
                }
                return new CostComponent(g.Key.Code, Label(rules, g.Key.Code, (LineCategory)g.Key.Category), (LineCategory)g.Key.Category, amounts);
            })
            .OrderBy(c => c.Category).ThenBy(c => order.TryGetValue(c.Code, out var i) ? i : 999).ThenBy(c => c.Code, StringComparer.Ordinal).ToList();
        var rollup = await UnitRollup.LoadAsync(db, scope.ScopePath, ct);
        var latest = ids[^1];
        var byUnit = rows.Where(r => r.PeriodId == latest).GroupBy(r => rollup.Of(r.CommunityId))
            .Select(g => new CostByUnit(g.Key.Id, g.Key.Name, g.Sum(r => r.Amount))).OrderByDescending(u => u.AmountFen).ToList();
        return new CostTrend(months, components, byUnit);
    }

    // The sort the register's order is kept under: a known column (descending with '-') or the default.
    private static string RegisterSortKey(string? sort) => sort is not null && RegisterSort.ContainsKey(sort.TrimStart('-')) ? sort : "community";

    internal sealed record RegisterIndex(long[] PayslipIds, IReadOnlyList<UnitTotal> Units, UnitTotal Total, IReadOnlyList<ComponentTotal> Components,
        IReadOnlyDictionary<long, string> CommunityNames);

    /// <summary>The register's sortable columns (Sort=name, -gross, ...).</summary>
    public static readonly IReadOnlyDictionary<string, System.Linq.Expressions.Expression<Func<RegisterSortRow, object?>>> RegisterSort =
        new Dictionary<string, System.Linq.Expressions.Expression<Func<RegisterSortRow, object?>>>(StringComparer.Ordinal)
        {
            ["community"] = r => r.Payslip.CommunityId,
            ["name"] = r => r.Name,
            ["post"] = r => r.Payslip.Post,
            ["grade"] = r => r.Payslip.Grade,
            ["gross"] = r => r.Payslip.GrossFen,
            ["deductions"] = r => r.Payslip.DeductionsFen,
            ["tax"] = r => r.Payslip.TaxFen,
            ["net"] = r => r.Payslip.NetFen,
        };

    // A component's name: the rule set's item (a retroactive code names its original), else the code itself (an item no rule set knows any more).
    private static Message Label(Workforce.Payroll.Rules.RuleSet rules, string code, LineCategory category) =>
        (rules.FindItem(code) ?? PayItems.Unknown(code, category)).Label;
}
