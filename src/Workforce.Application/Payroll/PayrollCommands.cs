using System.Globalization;
using Microsoft.EntityFrameworkCore;
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

/// <summary>The bank file's format.</summary>
public enum BankFileFormat
{
    /// <summary>UTF-8 CSV, every field quoted.</summary>
    Csv,
    /// <summary>xlsx, every cell text.</summary>
    Xlsx,
}

/// <summary>
/// Changes to pay periods: runs started and cancelled, approval, withdrawal and locking (district officers only),
/// and the audited bank file.
/// </summary>
public sealed class PayrollCommands(WorkforceDbContext db, UseCaseContext context, PayrollRunner runner, PayrollQueue queue, PayrollMonitor monitor,
    PayrollQueries queries, IClock clock)
{
    /// <summary>
    /// Chooses (or, until a month is locked, changes) the first month the district pays through this system (district officers
    /// only); audited.
    /// </summary>
    public async Task<CommandResult<YearMonth>> ChooseFirstMonthAsync(PayScope scope, YearMonth month, string userId, CancellationToken ct)
    {
        if (!scope.WholeDistrict)
        {
            return UseCaseContext.Fail<YearMonth>(null, "Pay.DistrictOfficerOnly");
        }
        var lastLocked = (await runner.OrderAsync(scope.DistrictId, ct)).LastLocked;
        var start = await db.PayrollStarts.SingleOrDefaultAsync(s => s.DistrictId == scope.DistrictId, ct);
        // Opening balances are as of the month before the first month: another first month would leave them stale.
        var asOf = month.PlusMonths(-1);
        var district = db.Workers.UnderPath(db, scope.DistrictPath).Select(w => w.Id);
        if (await db.OpeningBalances.Where(o => district.Contains(o.WorkerId) && o.AsOf != asOf).Select(o => (YearMonth?)o.AsOf).FirstOrDefaultAsync(ct) is { } stale)
        {
            return UseCaseContext.Fail<YearMonth>("month", "Pay.FirstMonthHasOpenings", Months.Label(stale), Months.Label(stale.PlusMonths(1)));
        }
        return await context.SaveAsync(() =>
        {
            PayOrder.EnsureFirstMonthOpen(lastLocked);
            var now = clock.GetCurrentInstant();
            if (start is null)
            {
                db.PayrollStarts.Add(new PayrollStart(scope.DistrictId, month, userId, now));
            }
            else
            {
                start.Choose(month, userId, now);
            }
            return month;
        }, ct);
    }

    /// <summary>Starts a run in the background (district officers only).</summary>
    public async Task<CommandResult<RunView>> StartRunAsync(PayScope scope, YearMonth month, string userId, CancellationToken ct)
    {
        if (!scope.WholeDistrict)
        {
            return UseCaseContext.Fail<RunView>(null, "Pay.DistrictOfficerOnly");
        }
        try
        {
            var run = await runner.StartAsync(scope.DistrictId, month, RunTrigger.Manual, userId, ct);
            queue.Enqueue(run.Id);
            return CommandResult<RunView>.Ok(queries.View(run));
        }
        catch (DomainException ex)
        {
            db.ChangeTracker.Clear();
            return CommandResult<RunView>.Fail(new FieldError(null, ex.ToMessage()));
        }
    }

    /// <summary>Cancels a run executing in this instance.</summary>
    public async Task<bool> CancelRunAsync(PayScope scope, Guid id, CancellationToken ct) =>
        await queries.RunAsync(scope, id, ct) is { Status: RunStatus.Running } && monitor.Cancel(id);

    /// <summary>
    /// Approves a calculated period — not by the officer who started its run, unless four eyes are switched off
    /// (<see cref="PolicyParameter.PayrollFourEyes"/>) — and, in the same transaction, records the salary account of every
    /// worker paid in it (the bank file of the month is written from these, whatever changes later).
    /// </summary>
    public async Task<CommandResult<PayPeriod>> ApproveAsync(PayScope scope, YearMonth month, string userId, CancellationToken ct)
    {
        var fourEyes = await context.FourEyesAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await ChangeAsync(scope, month, p => p.Approve(userId, clock.GetCurrentInstant(), fourEyes), ct);
        if (result.Succeeded)
        {
            var period = result.Value!;
            await db.ApprovedBankAccounts.Where(a => a.PeriodId == period.Id).ExecuteDeleteAsync(ct);
            // The cipher text is copied as it is: nothing is decrypted to record it.
            var recorded = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "ApprovedBankAccounts" ("PeriodId", "WorkerId", "BankName", "NumberEncrypted")
                SELECT {period.Id}, b."WorkerId", b."BankName", b."NumberEncrypted" FROM "BankAccounts" b
                WHERE b."WorkerId" IN (SELECT p."WorkerId" FROM "Payslips" p WHERE p."PeriodId" = {period.Id})
                """, ct);
            db.RecordAuditEvent("BankAccountsRecorded", nameof(PayPeriod), period.Id.ToString(CultureInfo.InvariantCulture), $"{Months.Label(month)}: {recorded}");
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>Withdraws an approval (the accounts recorded with it are dropped; the next approval records them anew).</summary>
    public async Task<CommandResult<PayPeriod>> WithdrawAsync(PayScope scope, YearMonth month, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await ChangeAsync(scope, month, p => p.WithdrawApproval(), ct);
        if (result.Succeeded)
        {
            await db.ApprovedBankAccounts.Where(a => a.PeriodId == result.Value!.Id).ExecuteDeleteAsync(ct);
        }
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>Locks an approved period.</summary>
    public Task<CommandResult<PayPeriod>> LockAsync(PayScope scope, YearMonth month, string userId, CancellationToken ct) =>
        ChangeAsync(scope, month, p => p.Lock(userId, clock.GetCurrentInstant()), ct);

    private async Task<CommandResult<PayPeriod>> ChangeAsync(PayScope scope, YearMonth month, Action<PayPeriod> change, CancellationToken ct)
    {
        if (!scope.WholeDistrict)
        {
            return UseCaseContext.Fail<PayPeriod>(null, "Pay.DistrictOfficerOnly");
        }
        var period = await db.PayPeriods.SingleOrDefaultAsync(p => p.DistrictId == scope.DistrictId && p.Month == month, ct);
        if (period is null)
        {
            return UseCaseContext.Fail<PayPeriod>(null, "Pay.PeriodNotCalculated", Months.Label(month));
        }
        try
        {
            return await context.SaveAsync(() =>
            {
                change(period);
                return period;
            }, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return UseCaseContext.Fail<PayPeriod>(null, "Pay.PeriodChanged", Months.Label(month));
        }
    }

    /// <summary>
    /// The bank transfer file of an approved or locked period, as CSV (UTF-8 with BOM, CRLF, every field quoted, so a
    /// spreadsheet keeps a 19-digit account number as it is) or as xlsx (every cell text): 序号, 姓名, 开户行, 账号,
    /// 金额（元）, 用途, with the salary accounts recorded when the period was approved. Workers without an account then are
    /// left out and counted. The export is audited. <paramref name="output"/> must be seekable for xlsx.
    /// </summary>
    public async Task<CommandResult<(int Rows, int WithoutAccount)>> WriteBankFileAsync(PayScope scope, YearMonth month, Stream output, BankFileFormat format, CancellationToken ct)
    {
        var period = await db.PayPeriods.AsNoTracking().SingleOrDefaultAsync(p => p.DistrictId == scope.DistrictId && p.Month == month, ct);
        if (period is null || period.Status is not (PeriodStatus.Approved or PeriodStatus.Locked))
        {
            return UseCaseContext.Fail<(int, int)>(null, "Pay.BankFileNeedsApproval", Months.Label(month));
        }
        var payslips = queries.PayslipsIn(scope, period.Id, null, null);
        var rows = payslips.OrderBy(p => p.CommunityId).ThenBy(p => p.WorkerId)
            .Join(db.Workers, p => p.WorkerId, w => w.Id, (p, w) => new { p.WorkerId, w.Name, p.NetFen })
            .GroupJoin(db.ApprovedBankAccounts.Where(a => a.PeriodId == period.Id), x => x.WorkerId, b => b.WorkerId, (x, b) => new { x, b })
            .SelectMany(x => x.b.DefaultIfEmpty(), (x, b) => new { x.x.Name, x.x.NetFen, Bank = b });
        int n = 0, missing = 0;
        var purpose = Months.Label(month) + " 工资";
        async IAsyncEnumerable<IReadOnlyList<string?>> LinesAsync()
        {
            await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(ct))
            {
                if (r.Bank is null)
                {
                    missing++;
                    continue;
                }
                yield return [(++n).ToString(CultureInfo.InvariantCulture), r.Name, r.Bank.BankName, r.Bank.Number.Value, Yuan(r.NetFen), purpose];
            }
        }
        if (format == BankFileFormat.Xlsx)
        {
            XlsxTable.Write(output, "银行代发", BankFileHeaders, LinesAsync().ToBlockingEnumerable(ct));
        }
        else
        {
            // RFC 4180: CRLF line ends, whatever the server's platform.
            var writer = new StreamWriter(output, new System.Text.UTF8Encoding(true), 65536, leaveOpen: true) { NewLine = "\r\n" };
            await writer.WriteLineAsync(string.Join(',', BankFileHeaders));
            await foreach (var line in LinesAsync())
            {
                await writer.WriteLineAsync(string.Join(',', line.Select(v => Csv(v ?? string.Empty))));
            }
            await writer.FlushAsync(ct);
        }
        db.RecordAuditEvent("BankFileExported", nameof(PayPeriod), period.Id.ToString(CultureInfo.InvariantCulture), $"{Months.Label(month)}: {n} rows, {format}");
        await db.SaveChangesAsync(ct);
        return CommandResult<(int, int)>.Ok((n, missing));
    }

    private static readonly string[] BankFileHeaders = ["序号", "姓名", "开户行", "账号", "金额（元）", "用途"];

    private static string Csv(string value)
    {
        // Quote always; a leading = + - @ is neutralised so no spreadsheet runs it as a formula.
        var v = XlsxSafe(value).Replace("\"", "\"\"", StringComparison.Ordinal);
        return "\"" + v + "\"";
    }

    private static string XlsxSafe(string value) => XlsxTable.LooksLikeFormula(value) ? "'" + value : value;

    /// <summary>Yuan with two decimals (invariant), as the bank file and the API write amounts.</summary>
    public static string Yuan(long fen) => (fen / 100m).ToString("0.00", CultureInfo.InvariantCulture);
}
