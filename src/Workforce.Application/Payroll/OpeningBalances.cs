using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Application.Common.Import;
using Workforce.Data;
using Workforce.Domain.Common;
using Workforce.Domain.Pay;

namespace Workforce.Application.Payroll;

/// <summary>An opening balance as listed (amounts in fen).</summary>
public sealed record OpeningBalanceRow(long WorkerId, string Name, YearMonth AsOf, OpeningAmounts Amounts);

/// <summary>One opening balance sent as JSON (amounts in yuan, at most two decimals).</summary>
/// <param name="WorkerId">Worker (in the caller's scope).</param>
/// <param name="Income">累计收入额.</param>
/// <param name="DeductionMonths">累计减除费用月数.</param>
/// <param name="Special">累计专项扣除 (三险一金).</param>
/// <param name="Additional">累计专项附加扣除.</param>
/// <param name="Tax">累计已预扣预缴税额.</param>
/// <param name="Reserve">预留绩效 (0 when absent).</param>
/// <param name="Gross">本年已发收入 for the leader floor (the income when absent).</param>
public sealed record OpeningBalanceItem(long WorkerId, decimal Income, int DeductionMonths, decimal Special, decimal Additional, decimal Tax,
    decimal? Reserve = null, decimal? Gross = null);

/// <summary>
/// Where a district's opening balances stand for a month to be run: the month they are as of (the month before the first
/// month), how many are recorded, the workers who need one and lack it (employed before the tax year, so January up to the
/// first month was paid elsewhere) and the months they leave uncovered, and the workers hired this year before the first
/// month without one (flagged, not refused: their withholding counts from the hire month).
/// </summary>
public sealed record OpeningCoverage(YearMonth? AsOf, int Recorded, int Missing, IReadOnlyList<YearMonth> UncoveredMonths, int HiredThisYearWithout)
{
    /// <summary>True when a run of the month is refused for lack of opening balances.</summary>
    public bool Refuses => Missing > 0;
}

/// <summary>
/// Opening balances (期初累计) at go-live: imported from an xlsx sheet (dry run first, all or nothing) or sent as JSON, by
/// the district's payroll officers, as of the month before the district's first month, while that month is not locked.
/// Cumulative withholding continues from them (<see cref="PayrollFacts.ForMonthAsync"/>); a run of the go-live year is
/// refused while workers employed before that year have none (<see cref="EnsureCovered"/>).
/// </summary>
public sealed class OpeningBalances(WorkforceDbContext db, SheetReader reader, PayrollRunner runner)
{
    /// <summary>Most rows listed on a page.</summary>
    public const int MaxListed = 200;

    /// <summary>The sheet: ID-card number, name, then the cumulative figures in yuan and the months of basic deduction.</summary>
    public static readonly SheetSchema Sheet = new("Pay.Opening.Title",
    [
        new("Field.IdCardNumber", Required: true),
        new("Field.Name"),
        new("Pay.Opening.Income", CellKind.Number, Required: true),
        new("Pay.Opening.Months", CellKind.Number, Required: true),
        new("Pay.Opening.Special", CellKind.Number, Required: true),
        new("Pay.Opening.Additional", CellKind.Number, Required: true),
        new("Pay.Opening.Tax", CellKind.Number, Required: true),
        new("Pay.Opening.Reserve", CellKind.Number),
        new("Pay.Opening.Gross", CellKind.Number),
    ]);

    private const int IncomeColumn = 2, MonthsColumn = 3, SpecialColumn = 4, AdditionalColumn = 5, TaxColumn = 6, ReserveColumn = 7, GrossColumn = 8;

    /// <summary>Checks (dry run) or imports an opening-balance sheet; a worker's earlier opening balance is replaced.</summary>
    public async Task<ImportReport> ImportAsync(PayScope scope, UserScope user, Stream file, bool dryRun, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var sheet = reader.Read(file, Sheet);
        if (sheet.Refused)
        {
            return sheet.Report(dryRun);
        }
        var workers = await WorkerColumns.MatchAsync(db, user, sheet, 0, 1, ct);
        return await WriteAsync(scope, sheet, workers, dryRun, ct);
    }

    /// <summary>Checks (dry run) or records opening balances sent as JSON (row n of the report is item n, from 1).</summary>
    public async Task<ImportReport> SaveAsync(PayScope scope, UserScope user, IReadOnlyList<OpeningBalanceItem> items, bool dryRun, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(items);
        var sheet = reader.FromValues(Sheet, [.. items.Select(i => new object?[] { i.WorkerId.ToString(CultureInfo.InvariantCulture), null, i.Income, (decimal)i.DeductionMonths, i.Special, i.Additional, i.Tax, i.Reserve, i.Gross })]);
        if (sheet.Refused)
        {
            return sheet.Report(dryRun);
        }
        var ids = items.Select(i => i.WorkerId).Distinct().ToList();
        var visible = new HashSet<long>();
        foreach (var chunk in ids.Chunk(500))
        {
            visible.UnionWith(await user.Workers(db).Where(w => chunk.Contains(w.Id)).Select(w => w.Id).ToListAsync(ct));
        }
        var workers = new Dictionary<ImportRow, long>();
        foreach (var row in sheet.Rows)
        {
            var id = items[row.Number - 1].WorkerId;
            if (visible.Contains(id))
            {
                workers[row] = id;
            }
            else
            {
                row.Reject(0, new Message("Pay.Opening.WorkerIdNotFound", id));
            }
        }
        return await WriteAsync(scope, sheet, workers, dryRun, ct);
    }

    private async Task<ImportReport> WriteAsync(PayScope scope, ImportSheet sheet, Dictionary<ImportRow, long> workers, bool dryRun, CancellationToken ct)
    {
        var (target, whyNot) = Target(scope, await runner.OrderAsync(scope.DistrictId, ct));
        if (target is not { } asOf)
        {
            sheet.Add(0, -1, whyNot!);
            db.ChangeTracker.Clear();
            return sheet.Report(dryRun);
        }
        var amounts = new Dictionary<ImportRow, OpeningAmounts>();
        var seen = new Dictionary<long, int>();
        foreach (var row in sheet.Rows.Where(r => r.IsValid && workers.ContainsKey(r)))
        {
            if (seen.TryGetValue(workers[row], out var first))
            {
                row.Reject(0, new Message("Import.DuplicateWorker", first));
                continue;
            }
            seen[workers[row]] = row.Number;
            if (Read(row, asOf) is { } a)
            {
                amounts[row] = a;
            }
        }
        return await sheet.CompleteAsync(db, dryRun, async ct2 =>
        {
            var ids = amounts.Keys.Select(r => workers[r]).ToList();
            var existing = new Dictionary<long, OpeningBalance>();
            foreach (var chunk in ids.Chunk(500))
            {
                foreach (var o in await db.OpeningBalances.Where(o => chunk.Contains(o.WorkerId) && o.AsOf == asOf).ToListAsync(ct2))
                {
                    existing[o.WorkerId] = o;
                }
            }
            foreach (var (row, a) in amounts)
            {
                if (existing.TryGetValue(workers[row], out var found))
                {
                    found.Change(a);
                }
                else
                {
                    db.OpeningBalances.Add(new OpeningBalance(workers[row], asOf, a));
                }
            }
        }, ct);
    }

    /// <summary>
    /// Deletes every opening balance of the district (each deletion audited), so that another first month can be chosen;
    /// refused once a month is locked. Answers how many were deleted.
    /// </summary>
    public async Task<CommandResult<int>> ClearAsync(PayScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!scope.WholeDistrict)
        {
            return UseCaseContext.Fail<int>(null, "Pay.DistrictOfficerOnly");
        }
        if ((await runner.OrderAsync(scope.DistrictId, ct)).LastLocked is { } locked)
        {
            return CommandResult<int>.Fail(null, "Pay.Opening.Fixed", Months.Label(locked));
        }
        var workers = db.Workers.UnderPath(db, scope.DistrictPath).Select(w => w.Id);
        var rows = await db.OpeningBalances.Where(o => workers.Contains(o.WorkerId)).ToListAsync(ct);
        db.OpeningBalances.RemoveRange(rows);
        await db.SaveChangesAsync(ct);
        return CommandResult<int>.Ok(rows.Count);
    }

    // The row's figures in fen, checked by the domain; null (and the row rejected) when a cell breaks a rule.
    private static OpeningAmounts? Read(ImportRow row, YearMonth asOf)
    {
        long? Fen(int column)
        {
            if (row.Value<decimal>(column) is not { } yuan)
            {
                return null;
            }
            if (decimal.Round(yuan, 2) != yuan || yuan < 0 || yuan > OpeningBalance.MaxFen / 100)
            {
                row.Reject(column, new Message("Import.BadAmount", yuan.ToString(CultureInfo.InvariantCulture)));
                return null;
            }
            return (long)(yuan * 100m);
        }
        var income = Fen(IncomeColumn);
        var special = Fen(SpecialColumn);
        var additional = Fen(AdditionalColumn);
        var tax = Fen(TaxColumn);
        var reserve = row.Value<decimal>(ReserveColumn) is null ? 0 : Fen(ReserveColumn);
        var gross = row.Value<decimal>(GrossColumn) is null ? income : Fen(GrossColumn);
        var months = row.Value<decimal>(MonthsColumn);
        if (months is { } m && decimal.Truncate(m) != m)
        {
            row.Reject(MonthsColumn, new Message("Pay.Opening.BadMonths", m.ToString(CultureInfo.InvariantCulture)));
        }
        if (!row.IsValid || income is null || special is null || additional is null || tax is null || reserve is null || gross is null || months is null)
        {
            return null;
        }
        var amounts = new OpeningAmounts(income.Value, (int)Math.Clamp(months.Value, -1, 13), special.Value, additional.Value, tax.Value, reserve.Value, gross.Value);
        try
        {
            // The domain's checks, on a throwaway instance: months within the year so far, tax not above income.
            _ = new OpeningBalance(0, asOf, amounts);
            return amounts;
        }
        catch (DomainException ex)
        {
            row.Reject(ex, field => field switch
            {
                "DeductionMonths" => MonthsColumn,
                "Tax" => TaxColumn,
                _ => -1,
            });
            return null;
        }
    }

    /// <summary>
    /// The month opening balances of the district are as of (the month before its first month), or null when none can be
    /// recorded: not a district officer, no first month chosen, the first month is January, or it is locked already.
    /// </summary>
    public async Task<YearMonth?> AsOfAsync(PayScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return Target(scope, await runner.OrderAsync(scope.DistrictId, ct)).AsOf;
    }

    // The month opening balances are as of, or why none can be recorded (exactly one of the two).
    private static (YearMonth? AsOf, Message? WhyNot) Target(PayScope scope, PayOrderState order) =>
        !scope.WholeDistrict ? (null, new Message("Domain.Pay.DistrictOfficerOnly"))
        : order.FirstMonth is not { } first ? (null, new Message("Pay.Opening.NeedsFirstMonth"))
        : first.Month == 1 ? (null, new Message("Pay.Opening.NotNeeded", Months.Label(first)))
        : order.LastLocked is not null ? (null, new Message("Pay.Opening.Fixed", Months.Label(first)))
        : (first.PlusMonths(-1), null);

    /// <summary>The district's opening balances visible to the officer (up to <see cref="MaxListed"/>, by worker) and how many there are.</summary>
    public async Task<(IReadOnlyList<OpeningBalanceRow> Rows, int Count)> ListAsync(UserScope user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var workers = user.Workers(db);
        var q = db.OpeningBalances.AsNoTracking().Where(o => workers.Any(w => w.Id == o.WorkerId));
        var count = await q.CountAsync(ct);
        var rows = await q.OrderBy(o => o.WorkerId).Take(MaxListed)
            .Select(o => new { o, Name = workers.Where(w => w.Id == o.WorkerId).Select(w => w.Name).Single() }).ToListAsync(ct);
        return ([.. rows.Select(r => new OpeningBalanceRow(r.o.WorkerId, r.Name, r.o.AsOf, r.o.Amounts))], count);
    }

    /// <summary>A worker's opening balances, latest first (the caller has checked the worker is visible).</summary>
    public async Task<IReadOnlyList<OpeningBalance>> ForWorkerAsync(long workerId, CancellationToken ct) =>
        [.. (await db.OpeningBalances.AsNoTracking().Where(o => o.WorkerId == workerId).ToListAsync(ct)).OrderByDescending(o => o.AsOf)];

    /// <summary>
    /// Whether the district's workers in service in <paramref name="month"/> have what cumulative withholding needs of the
    /// earlier months of its tax year. Months from the first month on are computed here; the months before it in the same
    /// year must be covered by an opening balance for each worker employed before that year.
    /// </summary>
    public async Task<OpeningCoverage> CoverageAsync(long districtId, YearMonth month, CancellationToken ct) =>
        await CoverageAsync(db, districtId, month, await runner.OrderAsync(districtId, ct), ct);

    /// <summary>The coverage given the district's pay order (the runner checks it when a run starts).</summary>
    public static async Task<OpeningCoverage> CoverageAsync(WorkforceDbContext db, long districtId, YearMonth month, PayOrderState order, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(order);
        if (order.FirstMonth is not { } first || first.Year != month.Year || first.Month == 1 || month < first)
        {
            return new OpeningCoverage(null, 0, 0, [], 0);
        }
        var asOf = first.PlusMonths(-1);
        var path = await db.OrgUnits.AsNoTracking().Where(u => u.Id == districtId).Select(u => u.Path).SingleAsync(ct);
        var firstDay = month.OnDayOfMonth(1);
        var lastDay = month.OnDayOfMonth(CalendarSystem.Iso.GetDaysInMonth(month.Year, month.Month));
        var yearStart = new LocalDate(month.Year, 1, 1);
        var goLive = first.OnDayOfMonth(1);
        var inService = db.Workers.AsNoTracking().UnderPath(db, path).Where(w => w.HireDate <= lastDay && (w.LeaveDate == null || w.LeaveDate >= firstDay));
        var withOpening = db.OpeningBalances.Where(o => o.AsOf == asOf).Select(o => o.WorkerId);
        var recorded = await inService.CountAsync(w => withOpening.Contains(w.Id), ct);
        var missing = await inService.CountAsync(w => w.HireDate < yearStart && !withOpening.Contains(w.Id), ct);
        var hired = await inService.CountAsync(w => w.HireDate >= yearStart && w.HireDate < goLive && !withOpening.Contains(w.Id), ct);
        IReadOnlyList<YearMonth> uncovered = missing == 0 ? [] : [.. Enumerable.Range(1, asOf.Month).Select(m => new YearMonth(month.Year, m))];
        return new OpeningCoverage(asOf, recorded, missing, uncovered, hired);
    }

    /// <summary>Throws when <paramref name="coverage"/> refuses a run, naming the uncovered months and how many workers lack an opening balance.</summary>
    public static void EnsureCovered(OpeningCoverage coverage)
    {
        ArgumentNullException.ThrowIfNull(coverage);
        if (coverage.Refuses)
        {
            throw new DomainException("Pay.OpeningBalancesMissing", coverage.Missing, Months.Label(coverage.UncoveredMonths[0]), Months.Label(coverage.UncoveredMonths[^1]));
        }
    }
}
