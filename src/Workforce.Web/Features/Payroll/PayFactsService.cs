using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Data;
using Workforce.Domain.Assessment;
using Workforce.Domain.Common;
using Workforce.Domain.Pay;
using Workforce.Domain.Workers;
using Workforce.Web.Features.Workers;
using Workforce.Web.Infrastructure;
using Workforce.Web.Infrastructure.Xlsx;

namespace Workforce.Web.Features.Payroll;

/// <summary>An assessment in the list.</summary>
public sealed record AssessmentRow(long Id, long WorkerId, string Name, int Year, AssessmentRating Rating, LocalDate RecordedOn, string? Note);

/// <summary>A recognition in the list.</summary>
public sealed record LeaderRow(long Id, long WorkerId, string Name, int Year, string Document, LocalDate RecognisedOn);

/// <summary>A deduction in the list.</summary>
public sealed record DeductionRow(long WorkerId, string Name, YearMonth Month, long AmountFen);

/// <summary>
/// The facts pay depends on besides the registry: annual assessments (form and xlsx import with dry
/// run), governance-leader recognitions, special additional deductions (xlsx import) and salary
/// accounts (encrypted, masked). Each worker must be in the officer's scope; each change is audited.
/// </summary>
public sealed class PayFactsService(WorkforceDbContext db, UiText text, BusinessCalendar calendar, Talent.TalentContext context)
{
    private IQueryable<long> Visible(UserScope scope) => scope.Workers(db).Select(w => w.Id);

    /// <summary>Largest import.</summary>
    public const int MaxImportRows = 20_000;

    /// <summary>Assessments of a year in scope.</summary>
    public async Task<List<AssessmentRow>> AssessmentsAsync(UserScope scope, int year, CancellationToken ct)
    {
        var visible = Visible(scope);
        return await db.AnnualAssessments.AsNoTracking().Where(a => a.Year == year && visible.Contains(a.WorkerId)).OrderBy(a => a.WorkerId)
            .Join(db.Workers, a => a.WorkerId, w => w.Id, (a, w) => new AssessmentRow(a.Id, a.WorkerId, w.Name, a.Year, a.Rating, a.RecordedOn, a.Note))
            .ToListAsync(ct);
    }

    /// <summary>Records or corrects one worker's rating for a year.</summary>
    public async Task<CommandResult<AnnualAssessment>?> RecordAssessmentAsync(UserScope scope, long workerId, int year, AssessmentRating rating, string? note, CancellationToken ct)
    {
        if (!await scope.Workers(db).AnyAsync(w => w.Id == workerId, ct))
        {
            return null;
        }
        var existing = await db.AnnualAssessments.SingleOrDefaultAsync(a => a.WorkerId == workerId && a.Year == year, ct);
        return await context.SaveAsync(() =>
        {
            if (existing is null)
            {
                existing = new AnnualAssessment(workerId, year, rating, calendar.Today, note);
                db.AnnualAssessments.Add(existing);
            }
            else
            {
                existing.Change(rating, note);
            }
            return existing;
        }, ct);
    }

    /// <summary>Recognitions in scope, newest year first.</summary>
    public async Task<List<LeaderRow>> LeadersAsync(UserScope scope, CancellationToken ct)
    {
        var visible = Visible(scope);
        return await db.LeaderRecognitions.AsNoTracking().Where(l => visible.Contains(l.WorkerId)).OrderByDescending(l => l.Year).ThenBy(l => l.WorkerId)
            .Join(db.Workers, l => l.WorkerId, w => w.Id, (l, w) => new LeaderRow(l.Id, l.WorkerId, w.Name, l.Year, l.Document, l.RecognisedOn))
            .ToListAsync(ct);
    }

    /// <summary>Recognises a worker as 社区治理带头人 for a year.</summary>
    public async Task<CommandResult<LeaderRecognition>?> RecogniseAsync(UserScope scope, long workerId, int year, string? document, DateOnly? on, CancellationToken ct)
    {
        if (!await scope.Workers(db).AnyAsync(w => w.Id == workerId, ct))
        {
            return null;
        }
        if (await db.LeaderRecognitions.AnyAsync(l => l.WorkerId == workerId && l.Year == year, ct))
        {
            return context.Fail<LeaderRecognition>("Year", "Pay.AlreadyRecognised", year);
        }
        return await context.SaveAsync(() =>
        {
            var r = new LeaderRecognition(workerId, year, document ?? string.Empty, on is { } d ? LocalDate.FromDateOnly(d) : calendar.Today);
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

    /// <summary>Declared deductions of a month in scope.</summary>
    public async Task<List<DeductionRow>> DeductionsAsync(UserScope scope, YearMonth month, CancellationToken ct)
    {
        var visible = Visible(scope);
        return await db.SpecialDeductions.AsNoTracking().Where(d => d.Month == month && visible.Contains(d.WorkerId)).OrderBy(d => d.WorkerId)
            .Join(db.Workers, d => d.WorkerId, w => w.Id, (d, w) => new DeductionRow(d.WorkerId, w.Name, d.Month, d.AmountFen))
            .ToListAsync(ct);
    }

    /// <summary>Headers of the assessment import (身份证号, 姓名, 年度, 等次).</summary>
    public IReadOnlyList<string> AssessmentColumns() => [text["Field.IdCardNumber"], text["Field.Name"], text["Pay.Year"], text["Pay.Rating"]];

    /// <summary>Headers of the deduction import (身份证号, 姓名, 月份, 金额).</summary>
    public IReadOnlyList<string> DeductionColumns() => [text["Field.IdCardNumber"], text["Field.Name"], text["Pay.Month"], text["Pay.AmountYuan"]];

    /// <summary>Checks (dry run) or imports assessments; nothing is written unless every row is valid. A rating already recorded is corrected.</summary>
    public Task<ImportReport> ImportAssessmentsAsync(UserScope scope, Stream file, bool dryRun, CancellationToken ct)
    {
        var cells = new ImportCells(text);
        var vocabulary = cells.Vocabulary(typeof(AssessmentRating));
        return ImportAsync(scope, file, dryRun, AssessmentColumns(), async (rows, ct2) =>
        {
            var keys = rows.Select(r => (r.WorkerId, Year: (int)r.Values[0]!)).ToList();
            var workerIds = keys.Select(k => k.WorkerId).Distinct().ToList();
            var existing = await db.AnnualAssessments.Where(a => workerIds.Contains(a.WorkerId)).ToListAsync(ct2);
            foreach (var r in rows)
            {
                var year = (int)r.Values[0]!;
                var rating = (AssessmentRating)r.Values[1]!;
                var found = existing.FirstOrDefault(a => a.WorkerId == r.WorkerId && a.Year == year);
                if (found is null)
                {
                    db.AnnualAssessments.Add(new AnnualAssessment(r.WorkerId, year, rating, calendar.Today));
                }
                else
                {
                    found.Change(rating, found.Note);
                }
            }
        }, (row, bad) =>
        {
            var year = cells.PositiveInt(row(2), 2, bad);
            var rating = cells.Enum<AssessmentRating>(row(3), vocabulary, 3, bad);
            if (year is < 2000 or > 2100)
            {
                bad(2, text.Format("Domain.Pay.YearOutOfRange", year));
            }
            return [year, rating];
        }, ct);
    }

    /// <summary>Checks (dry run) or imports special additional deductions; a month already declared is replaced.</summary>
    public Task<ImportReport> ImportDeductionsAsync(UserScope scope, Stream file, bool dryRun, CancellationToken ct)
    {
        var cells = new ImportCells(text);
        return ImportAsync(scope, file, dryRun, DeductionColumns(), async (rows, ct2) =>
        {
            var workerIds = rows.Select(r => r.WorkerId).Distinct().ToList();
            var existing = await db.SpecialDeductions.Where(d => workerIds.Contains(d.WorkerId)).ToListAsync(ct2);
            foreach (var r in rows)
            {
                var month = (YearMonth)r.Values[0]!;
                var fen = (long)r.Values[1]!;
                var found = existing.FirstOrDefault(d => d.WorkerId == r.WorkerId && d.Month == month);
                if (found is null)
                {
                    db.SpecialDeductions.Add(new SpecialDeduction(r.WorkerId, month, fen));
                }
                else
                {
                    found.Change(fen);
                }
            }
        }, (row, bad) =>
        {
            var month = PayrollService.ParseMonth(row(2));
            if (month is null)
            {
                bad(2, text.Format("Import.BadMonth", row(2) ?? string.Empty));
            }
            var amount = cells.Number(row(3), 3, bad);
            if (amount is null or < 0 || (amount is { } a && decimal.Round(a, 2) != a))
            {
                bad(3, text.Format("Import.BadNumber", row(3) ?? string.Empty));
            }
            return [month, amount is { } y ? (long)(y * 100m) : 0L];
        }, ct);
    }

    private sealed record ImportRow(int Row, long WorkerId, object?[] Values);

    /// <summary>
    /// The shared import: column A the ID-card number and B the name of a worker in scope (both must match),
    /// the rest read by <paramref name="read"/>; every bad cell is listed; rows are applied only when all are valid.
    /// </summary>
    private async Task<ImportReport> ImportAsync(UserScope scope, Stream file, bool dryRun, IReadOnlyList<string> headers,
        Func<List<ImportRow>, CancellationToken, Task> apply, Func<Func<int, string?>, Action<int, string>, object?[]> read, CancellationToken ct)
    {
        var rows = XlsxTable.Read(file, headers.Count);
        var errors = new List<ImportRowError>();
        if (rows.Count - 1 > MaxImportRows)
        {
            errors.Add(new ImportRowError(0, "-", text.Format("Import.TooManyRows", MaxImportRows)));
            return new ImportReport(rows.Count - 1, 0, errors, dryRun, false);
        }
        // One look-up for all ID numbers, through the keyed hash, among the workers in scope.
        var hashes = new Dictionary<int, string>();
        var invalid = new Dictionary<int, string>();
        for (var r = 1; r < rows.Count; r++)
        {
            var id = rows[r].Length > 0 ? rows[r][0]?.Trim() : null;
            if (IdCardNumber.TryParse(id, out var number, out var code))
            {
                hashes[r] = db.Protector.LookupHash(number.Value);
            }
            else
            {
                invalid[r] = text.Format("Domain." + (code ?? "IdCard.Length"), id ?? string.Empty);
            }
        }
        var wanted = hashes.Values.Distinct().ToList();
        var found = new Dictionary<string, (long Id, string Name)>();
        foreach (var chunk in wanted.Chunk(500))
        {
            var part = await scope.Workers(db).AsNoTracking().Where(w => chunk.Contains(EF.Property<string>(w, WorkforceDbContext.IdCardHashProperty)))
                .Select(w => new { Hash = EF.Property<string>(w, WorkforceDbContext.IdCardHashProperty), w.Id, w.Name }).ToListAsync(ct);
            foreach (var p in part)
            {
                found[p.Hash] = (p.Id, p.Name);
            }
        }
        var valid = new List<ImportRow>();
        for (var r = 1; r < rows.Count && errors.Count < 1000; r++)
        {
            var row = rows[r];
            if (row.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            var rowNumber = r + 1;
            var isBad = false;
            void Bad(int column, string reason)
            {
                errors.Add(new ImportRowError(rowNumber, XlsxTable.ColumnName(column) + " " + headers[column], reason));
                isBad = true;
            }
            string? Cell(int i) => i < row.Length && !string.IsNullOrWhiteSpace(row[i]) ? row[i]!.Trim() : null;
            long workerId = 0;
            if (!hashes.TryGetValue(r, out var hash))
            {
                Bad(0, invalid[r]);
            }
            else if (!found.TryGetValue(hash, out var worker))
            {
                Bad(0, text["Import.WorkerNotFound"]);
            }
            else if (worker.Name != Cell(1))
            {
                Bad(1, text.Format("Import.NameMismatch", Cell(1) ?? string.Empty, worker.Name));
            }
            else
            {
                workerId = worker.Id;
            }
            var values = read(Cell, Bad);
            if (!isBad)
            {
                valid.Add(new ImportRow(rowNumber, workerId, values));
            }
        }
        var write = !dryRun && errors.Count == 0 && valid.Count > 0;
        if (write)
        {
            try
            {
                await apply(valid, ct);
                await db.SaveChangesAsync(ct);
            }
            catch (DomainException ex)
            {
                db.ChangeTracker.Clear();
                errors.Add(new ImportRowError(0, "-", text.Domain(ex)));
                write = false;
            }
        }
        return new ImportReport(rows.Count - 1, valid.Count, errors, dryRun, write);
    }

    /// <summary>A worker's salary account (masked when shown), or null when none; throws nothing for workers out of scope (null).</summary>
    public async Task<(bool Visible, BankAccount? Account)> BankAccountAsync(UserScope scope, long workerId, CancellationToken ct)
    {
        if (!await scope.Workers(db).AnyAsync(w => w.Id == workerId, ct))
        {
            return (false, null);
        }
        return (true, await db.BankAccounts.AsNoTracking().SingleOrDefaultAsync(b => b.WorkerId == workerId, ct));
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

    /// <summary>Years offered in the assessment filter.</summary>
    public IReadOnlyList<int> Years() => [.. Enumerable.Range(calendar.Today.Year - 4, 5).Reverse()];

    /// <summary>Formats fen as yuan for display, as the engine formats money ("1,234.50").</summary>
    public static string Yuan(long fen) => new Workforce.Payroll.Money(fen).ToString();
}
