using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Application.Common.Import;
using Workforce.Data;
using Workforce.Domain.Assessment;
using Workforce.Domain.Common;
using Workforce.Domain.Pay;

namespace Workforce.Application.Payroll;

/// <summary>
/// Changes to the pay facts besides the registry and the assessments: governance-leader recognitions, special
/// additional deductions (xlsx import with dry run) and salary accounts (encrypted). Each worker must be in the
/// officer's scope (else not found); each change is audited.
/// </summary>
public sealed class PayFactsCommands(WorkforceDbContext db, UseCaseContext context, SheetReader reader)
{
    private IQueryable<long> Visible(UserScope scope) => scope.Workers(db).Select(w => w.Id);

    /// <summary>The deduction sheet: ID-card number, name, month (yyyy-MM), amount in yuan.</summary>
    public static readonly SheetSchema DeductionSheet = new("Pay.Deductions.Title",
    [
        new("Field.IdCardNumber", Required: true),
        new("Field.Name"),
        new("Pay.Month", CellKind.Month, Required: true),
        new("Pay.AmountYuan", CellKind.Number, Required: true),
    ], CheckHeader: false);

    /// <summary>Recognises a worker as 社区治理带头人 for a year.</summary>
    public async Task<CommandResult<LeaderRecognition>?> RecogniseAsync(UserScope scope, long workerId, int year, string? document, DateOnly? on, CancellationToken ct)
    {
        if (!await scope.Workers(db).AnyAsync(w => w.Id == workerId, ct))
        {
            return null;
        }
        if (await db.LeaderRecognitions.AnyAsync(l => l.WorkerId == workerId && l.Year == year, ct))
        {
            return UseCaseContext.Fail<LeaderRecognition>("Year", "Pay.AlreadyRecognised", year);
        }
        return await context.SaveAsync(() =>
        {
            var r = new LeaderRecognition(workerId, year, document ?? string.Empty, on is { } d ? LocalDate.FromDateOnly(d) : context.Today);
            db.LeaderRecognitions.Add(r);
            return r;
        }, ct);
    }

    /// <summary>Withdraws a recognition.</summary>
    public async Task<CommandResult<LeaderRecognition>?> WithdrawRecognitionAsync(UserScope scope, long id, CancellationToken ct)
    {
        var visible = Visible(scope);
        var r = await db.LeaderRecognitions.SingleOrDefaultAsync(l => l.Id == id && visible.Contains(l.WorkerId), ct);
        if (r is null)
        {
            return null;
        }
        db.LeaderRecognitions.Remove(r);
        await db.SaveChangesAsync(ct);
        return CommandResult<LeaderRecognition>.Ok(r);
    }

    /// <summary>Checks (dry run) or imports special additional deductions; a month already declared is replaced. All or nothing.</summary>
    public async Task<ImportReport> ImportDeductionsAsync(UserScope scope, Stream file, bool dryRun, CancellationToken ct)
    {
        var sheet = reader.Read(file, DeductionSheet);
        if (sheet.Refused)
        {
            return sheet.Report(dryRun);
        }
        foreach (var row in sheet.Rows)
        {
            if (row.Value<decimal>(3) is { } amount && (amount < 0 || decimal.Round(amount, 2) != amount))
            {
                row.Reject(3, new Message("Import.BadAmount", amount.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
        var workers = await WorkerColumns.MatchAsync(db, scope, sheet, 0, 1, ct);
        return await sheet.CompleteAsync(db, dryRun, async ct2 =>
        {
            var ids = workers.Values.Distinct().ToList();
            // One declaration per worker and month (unique index): looked up by key, not by scanning the list for every row.
            var existing = await db.SpecialDeductions.Where(d => ids.Contains(d.WorkerId)).ToDictionaryAsync(d => (d.WorkerId, d.Month), ct2);
            foreach (var row in sheet.ValidRows)
            {
                var workerId = workers[row];
                var month = row.Value<YearMonth>(2)!.Value;
                var fen = (long)(row.Value<decimal>(3)!.Value * 100m);
                if (!existing.TryGetValue((workerId, month), out var found))
                {
                    db.SpecialDeductions.Add(new SpecialDeduction(workerId, month, fen));
                }
                else
                {
                    found.Change(fen);
                }
            }
        }, ct);
    }

    /// <summary>Sets a worker's salary account (number validated, stored encrypted).</summary>
    public async Task<CommandResult<BankAccount>?> SetBankAccountAsync(UserScope scope, long workerId, string? bankName, string? number, CancellationToken ct)
    {
        if (!await scope.Workers(db).AnyAsync(w => w.Id == workerId, ct))
        {
            return null;
        }
        var account = await db.BankAccounts.SingleOrDefaultAsync(b => b.WorkerId == workerId, ct);
        return await context.SaveAsync(() =>
        {
            var parsed = BankAccountNumber.Parse(number);
            if (account is null)
            {
                account = new BankAccount(workerId, bankName ?? string.Empty, parsed);
                db.BankAccounts.Add(account);
            }
            else
            {
                account.Change(bankName ?? string.Empty, parsed);
            }
            return account;
        }, ct);
    }

}
