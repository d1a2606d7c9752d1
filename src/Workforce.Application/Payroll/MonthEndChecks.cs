using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Data;
using Workforce.Domain.Common;
using Workforce.Domain.Pay;
using Workforce.Payroll;

namespace Workforce.Application.Payroll;

/// <summary>The totals check: gross = net + employee contributions + tax, over the period and payslip by payslip.</summary>
/// <param name="Payslips">Payslips checked.</param>
/// <param name="GrossFen">应发 total.</param>
/// <param name="DeductionsFen">Employee contributions total.</param>
/// <param name="TaxFen">Income tax total.</param>
/// <param name="NetFen">实发 total.</param>
/// <param name="Mismatches">Payslips whose own figures do not add up.</param>
public sealed record TotalsCheck(int Payslips, long GrossFen, long DeductionsFen, long TaxFen, long NetFen, int Mismatches)
{
    /// <summary>True when the totals and every payslip add up.</summary>
    public bool Balanced => GrossFen == NetFen + DeductionsFen + TaxFen && Mismatches == 0;
}

/// <summary>A worker paid but left out of the bank file (no salary account).</summary>
/// <param name="WorkerId">Worker.</param>
/// <param name="Name">Name.</param>
/// <param name="NetFen">Net pay.</param>
public sealed record UnpaidWorker(long WorkerId, string Name, long NetFen);

/// <summary>The bank check: the bank file pays the net of every worker with an account; the rest are listed.</summary>
/// <param name="NetFen">Net pay of the period (in scope).</param>
/// <param name="ToAccountsFen">Net pay of the workers with an account (the bank file's total).</param>
/// <param name="WithAccount">Workers with an account.</param>
/// <param name="WithoutAccount">The others, by name (at most <see cref="MonthEndCheckQueries.MaxListed"/>).</param>
/// <param name="WithoutAccountCount">How many others in all.</param>
/// <param name="WithoutAccountFen">Their net pay in all.</param>
/// <param name="Recorded">True when the accounts are those recorded at approval, false when today's (not approved yet).</param>
public sealed record BankCheck(long NetFen, long ToAccountsFen, int WithAccount, IReadOnlyList<UnpaidWorker> WithoutAccount, int WithoutAccountCount, long WithoutAccountFen, bool Recorded)
{
    /// <summary>True when the bank file's total and the rest make up the net pay.</summary>
    public bool Balanced => ToAccountsFen + WithoutAccountFen == NetFen;
}

/// <summary>A line of a payslip that changed against the previous month.</summary>
/// <param name="Code">Component code.</param>
/// <param name="Name">Its name.</param>
/// <param name="PreviousFen">Amount the previous month.</param>
/// <param name="CurrentFen">Amount this month.</param>
public sealed record VarianceLine(string Code, Message Name, long PreviousFen, long CurrentFen);

/// <summary>A worker whose net pay changed against the previous month, with the lines that explain it.</summary>
/// <param name="WorkerId">Worker.</param>
/// <param name="Name">Name.</param>
/// <param name="PreviousNetFen">Net pay the previous month (null: not paid then).</param>
/// <param name="NetFen">Net pay this month (null: not paid now).</param>
/// <param name="Lines">The lines whose amounts differ.</param>
public sealed record Variance(long WorkerId, string Name, long? PreviousNetFen, long? NetFen, IReadOnlyList<VarianceLine> Lines)
{
    /// <summary>This month's net less the previous month's.</summary>
    public long DifferenceFen => (NetFen ?? 0) - (PreviousNetFen ?? 0);
}

/// <summary>The month-end checks of a computed period.</summary>
/// <param name="Month">The month.</param>
/// <param name="Totals">Totals check.</param>
/// <param name="Bank">Bank check.</param>
/// <param name="Previous">The month compared with (null when it was not computed).</param>
/// <param name="Changed">Workers whose net pay changed (new and gone included).</param>
/// <param name="Variances">The largest changes first (at most <see cref="MonthEndCheckQueries.MaxListed"/>).</param>
public sealed record MonthEndChecks(YearMonth Month, TotalsCheck Totals, BankCheck Bank, YearMonth? Previous, int Changed, IReadOnlyList<Variance> Variances);

/// <summary>
/// Month-end checks on a computed period, in the caller's scope: the totals reconcile, the bank file's total is the net
/// paid to workers with an account (the rest listed), and who changed against the previous month, by how much, with the
/// lines that explain it.
/// </summary>
public sealed class MonthEndCheckQueries(WorkforceDbContext db, PayrollQueries payroll, PayRuleSets ruleSets)
{
    /// <summary>Most workers listed (unpaid, variances).</summary>
    public const int MaxListed = 50;

    /// <summary>The checks, or null when the month has no computed period.</summary>
    public async Task<MonthEndChecks?> CheckAsync(PayScope scope, YearMonth month, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var period = await db.PayPeriods.AsNoTracking().SingleOrDefaultAsync(p => p.DistrictId == scope.DistrictId && p.Month == month, ct);
        if (period is null || period.Status == PeriodStatus.Open)
        {
            return null;
        }
        var payslips = payroll.PayslipsIn(scope, period.Id, null, null);
        var totals = await payslips.GroupBy(_ => 1).Select(g => new TotalsCheck(g.Count(), g.Sum(p => p.GrossFen), g.Sum(p => p.DeductionsFen), g.Sum(p => p.TaxFen),
            g.Sum(p => p.NetFen), g.Count(p => p.GrossFen != p.NetFen + p.DeductionsFen + p.TaxFen))).SingleOrDefaultAsync(ct) ?? new TotalsCheck(0, 0, 0, 0, 0, 0);

        var recorded = period.Status is PeriodStatus.Approved or PeriodStatus.Locked;
        var accountHolders = recorded
            ? db.ApprovedBankAccounts.Where(a => a.PeriodId == period.Id).Select(a => a.WorkerId)
            : db.BankAccounts.Select(a => a.WorkerId);
        var toAccounts = await payslips.Where(p => accountHolders.Contains(p.WorkerId)).GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Net = g.Sum(p => p.NetFen) }).SingleOrDefaultAsync(ct);
        var unpaid = payslips.Where(p => !accountHolders.Contains(p.WorkerId));
        var unpaidCount = await unpaid.CountAsync(ct);
        var unpaidFen = unpaidCount == 0 ? 0 : await unpaid.SumAsync(p => p.NetFen, ct);
        var unpaidListed = await unpaid.OrderByDescending(p => p.NetFen).Take(MaxListed)
            .Join(db.Workers, p => p.WorkerId, w => w.Id, (p, w) => new UnpaidWorker(p.WorkerId, w.Name, p.NetFen)).ToListAsync(ct);
        var bank = new BankCheck(totals.NetFen, toAccounts?.Net ?? 0, toAccounts?.Count ?? 0, unpaidListed, unpaidCount, unpaidFen, recorded);

        var previousMonth = month.PlusMonths(-1);
        var previous = await db.PayPeriods.AsNoTracking().SingleOrDefaultAsync(p => p.DistrictId == scope.DistrictId && p.Month == previousMonth && p.Status != PeriodStatus.Open, ct);
        if (previous is null)
        {
            return new MonthEndChecks(month, totals, bank, null, 0, []);
        }
        var now = await payslips.Select(p => new { p.WorkerId, p.NetFen }).ToDictionaryAsync(p => p.WorkerId, p => p.NetFen, ct);
        var before = await payroll.PayslipsIn(scope, previous.Id, null, null).Select(p => new { p.WorkerId, p.NetFen }).ToDictionaryAsync(p => p.WorkerId, p => p.NetFen, ct);
        var changed = now.Keys.Union(before.Keys)
            .Select(id => (Id: id, Before: before.TryGetValue(id, out var b) ? b : (long?)null, Now: now.TryGetValue(id, out var n) ? n : (long?)null))
            .Where(x => x.Before != x.Now).ToList();
        var top = changed.OrderByDescending(x => Math.Abs((x.Now ?? 0) - (x.Before ?? 0))).ThenBy(x => x.Id).Take(MaxListed).ToList();
        var ids = top.Select(x => x.Id).ToList();
        var names = await db.Workers.AsNoTracking().Where(w => ids.Contains(w.Id)).Select(w => new { w.Id, w.Name }).ToDictionaryAsync(w => w.Id, w => w.Name, ct);
        var lines = await db.Payslips.AsNoTracking().Where(p => ids.Contains(p.WorkerId) && (p.PeriodId == period.Id || p.PeriodId == previous.Id))
            .Select(p => new { p.WorkerId, p.PeriodId, p.LinesData }).ToListAsync(ct);
        var rules = (await ruleSets.GetAsync(db, ct)).ForPeriod(month);
        Dictionary<string, (LineCategory Category, long Fen)> Sum(long worker, long periodId) => lines.Where(l => l.WorkerId == worker && l.PeriodId == periodId)
            .SelectMany(l => PayslipLineCodec.Decode(l.LinesData)).GroupBy(l => l.Code)
            .ToDictionary(g => g.Key, g => ((LineCategory)g.First().Category, g.Sum(l => l.AmountFen)));
        var variances = top.Select(x =>
        {
            var a = Sum(x.Id, previous.Id);
            var b = Sum(x.Id, period.Id);
            var diff = a.Keys.Union(b.Keys)
                .Select(code => (Code: code, Before: a.TryGetValue(code, out var p) ? p : default, Now: b.TryGetValue(code, out var c) ? c : default))
                .Where(d => d.Before.Fen != d.Now.Fen)
                .Select(d => new VarianceLine(d.Code, (rules.FindItem(d.Code) ?? PayItems.Unknown(d.Code, d.Now.Fen != 0 ? d.Now.Category : d.Before.Category)).Label, d.Before.Fen, d.Now.Fen))
                .ToList();
            return new Variance(x.Id, names.GetValueOrDefault(x.Id, string.Empty), x.Before, x.Now, diff);
        }).ToList();
        return new MonthEndChecks(month, totals, bank, previousMonth, changed.Count, variances);
    }
}
