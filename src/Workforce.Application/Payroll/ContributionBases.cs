using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Application.Common.Import;
using Workforce.Data;
using Workforce.Domain.Common;
using Workforce.Domain.Pay;

namespace Workforce.Application.Payroll;

/// <summary>A contribution base as listed.</summary>
public sealed record ContributionBaseRow(long WorkerId, string Name, int Year, long BaseFen, ContributionBaseSource Source);

/// <summary>What a derivation did.</summary>
/// <param name="Year">Contribution year.</param>
/// <param name="Derived">Bases derived (new or replacing a derived one).</param>
/// <param name="Declared">Workers whose declared base was kept.</param>
/// <param name="WithoutPay">Workers in service without a payslip in the previous contribution year (the standard pay stays their base).</param>
public sealed record BaseDerivation(int Year, int Derived, int Declared, int WithoutPay);

/// <summary>
/// Social-insurance and housing-fund bases by contribution year (its start month is the rule set's
/// <c>socialInsurance.contributionYearStartMonth</c>; Suzhou July): declared by xlsx import (dry run, all or nothing) or
/// derived at the start of the year from the previous contribution year's average monthly gross of the payslips computed
/// here (the yearly job, or on demand). The engine clamps a base to each scheme's limits of the month and keeps it through
/// the year. A declared base is never replaced by a derived one. Every change is audited.
/// </summary>
public sealed class ContributionBases(WorkforceDbContext db, SheetReader reader, PayRuleSets ruleSets)
{
    /// <summary>Most rows listed.</summary>
    public const int MaxListed = 200;

    /// <summary>The sheet: ID-card number, name, contribution year, monthly base in yuan.</summary>
    public static readonly SheetSchema Sheet = new("Pay.Bases.Title",
    [
        new("Field.IdCardNumber", Required: true),
        new("Field.Name"),
        new("Pay.Bases.Year", CellKind.PositiveInteger, Required: true),
        new("Pay.Bases.Base", CellKind.Number, Required: true),
    ]);

    /// <summary>Checks (dry run) or imports declared bases; a base of the same worker and year is replaced.</summary>
    public async Task<ImportReport> ImportAsync(UserScope scope, Stream file, bool dryRun, CancellationToken ct)
    {
        var sheet = reader.Read(file, Sheet);
        if (sheet.Refused)
        {
            return sheet.Report(dryRun);
        }
        foreach (var row in sheet.Rows)
        {
            if (row.Value<decimal>(3) is { } amount && (amount <= 0 || decimal.Round(amount, 2) != amount || amount * 100 > ContributionBase.MaxFen))
            {
                row.Reject(3, new Message("Import.BadAmount", amount.ToString(CultureInfo.InvariantCulture)));
            }
            if (row.Value<int>(2) is { } year && year is < 2000 or > 2100)
            {
                row.Reject(2, new Message("Domain.Pay.YearOutOfRange", year));
            }
        }
        var workers = await WorkerColumns.MatchAsync(db, scope, sheet, 0, 1, ct);
        return await sheet.CompleteAsync(db, dryRun, async ct2 =>
        {
            var ids = workers.Values.Distinct().ToList();
            var existing = new Dictionary<(long, int), ContributionBase>();
            foreach (var chunk in ids.Chunk(500))
            {
                foreach (var b in await db.ContributionBases.Where(b => chunk.Contains(b.WorkerId)).ToListAsync(ct2))
                {
                    existing[(b.WorkerId, b.Year)] = b;
                }
            }
            foreach (var row in sheet.ValidRows)
            {
                var key = (workers[row], row.Value<int>(2)!.Value);
                var fen = (long)(row.Value<decimal>(3)!.Value * 100m);
                if (existing.TryGetValue(key, out var found))
                {
                    found.Change(fen, ContributionBaseSource.Declared);
                }
                else
                {
                    existing[key] = new ContributionBase(key.Item1, key.Item2, fen, ContributionBaseSource.Declared);
                    db.ContributionBases.Add(existing[key]);
                }
            }
        }, ct);
    }

    /// <summary>
    /// Derives the bases of contribution year <paramref name="year"/> for the district's workers in service in its first
    /// month: each worker's average monthly gross over the twelve months before it (the payslips computed here, the months
    /// paid only); a declared base of that year stays. Running again recomputes the derived ones.
    /// </summary>
    public async Task<CommandResult<BaseDerivation>> DeriveAsync(PayScope scope, int year, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!scope.WholeDistrict)
        {
            return UseCaseContext.Fail<BaseDerivation>(null, "Pay.DistrictOfficerOnly");
        }
        if (year is < 2000 or > 2100)
        {
            return UseCaseContext.Fail<BaseDerivation>("year", "Pay.YearOutOfRange", year);
        }
        var snapshot = await ruleSets.GetAsync(db, ct);
        var startMonth = snapshot.Ids.Keys.OrderBy(r => r.EffectiveFrom).LastOrDefault(r => r.EffectiveFrom <= new LocalDate(year, 12, 31))?.ContributionYearStartMonth ?? 1;
        var start = new YearMonth(year, startMonth);
        var first = start.OnDayOfMonth(1);
        var last = start.OnDayOfMonth(CalendarSystem.Iso.GetDaysInMonth(start.Year, start.Month));
        var previous = Enumerable.Range(1, 12).Select(i => start.PlusMonths(-i)).ToList();
        var inService = db.Workers.AsNoTracking().UnderPath(db, scope.DistrictPath)
            .Where(w => w.HireDate <= last && (w.LeaveDate == null || w.LeaveDate >= first)).Select(w => w.Id);
        var averages = await db.Payslips.AsNoTracking()
            .Where(p => inService.Contains(p.WorkerId) && previous.Contains(p.Month) && db.PayPeriods.Any(x => x.Id == p.PeriodId && x.DistrictId == scope.DistrictId))
            .GroupBy(p => p.WorkerId).Select(g => new { g.Key, Sum = g.Sum(p => p.GrossFen), Months = g.Count() }).ToListAsync(ct);
        var existing = await db.ContributionBases.Where(b => b.Year == year && inService.Contains(b.WorkerId)).ToDictionaryAsync(b => b.WorkerId, ct);
        var total = await inService.CountAsync(ct);
        int derived = 0, declared = 0;
        foreach (var a in averages)
        {
            // Half up to the fen: the one rounding rule.
            var fen = Workforce.Payroll.Money.Round(a.Sum / 100m / a.Months).Fen;
            if (existing.TryGetValue(a.Key, out var found))
            {
                if (found.Source == ContributionBaseSource.Declared)
                {
                    declared++;
                    continue;
                }
                found.Change(fen, ContributionBaseSource.Derived);
            }
            else
            {
                db.ContributionBases.Add(new ContributionBase(a.Key, year, fen, ContributionBaseSource.Derived));
            }
            derived++;
        }
        await db.SaveChangesAsync(ct);
        return CommandResult<BaseDerivation>.Ok(new BaseDerivation(year, derived, declared, total - averages.Count));
    }

    /// <summary>The bases of a contribution year for workers in scope (the first <see cref="MaxListed"/> by worker) and how many there are.</summary>
    public async Task<(IReadOnlyList<ContributionBaseRow> Rows, int Count)> ListAsync(UserScope scope, int year, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var workers = scope.Workers(db);
        var q = db.ContributionBases.AsNoTracking().Where(b => b.Year == year && workers.Any(w => w.Id == b.WorkerId));
        var count = await q.CountAsync(ct);
        var rows = await q.OrderBy(b => b.WorkerId).Take(MaxListed)
            .Select(b => new ContributionBaseRow(b.WorkerId, workers.Where(w => w.Id == b.WorkerId).Select(w => w.Name).Single(), b.Year, b.BaseFen, b.Source)).ToListAsync(ct);
        return (rows, count);
    }

    /// <summary>The contribution year of <paramref name="month"/> under the rules in force then (the page's default year).</summary>
    public async Task<int> YearOfAsync(YearMonth month, CancellationToken ct)
    {
        var snapshot = await ruleSets.GetAsync(db, ct);
        try
        {
            return snapshot.ForPeriod(month).ContributionYearOf(month);
        }
        catch (DomainException)
        {
            return month.Year;
        }
    }
}
