using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Application.Common.Import;
using Workforce.Data;
using Workforce.Domain.Assessment;
using Workforce.Domain.Common;
using Workforce.Domain.Pay;

namespace Workforce.Application.Payroll;

/// <summary>A recognition in the list.</summary>
public sealed record LeaderRow(long Id, long WorkerId, string Name, int Year, string Document, LocalDate RecognisedOn);

/// <summary>A deduction in the list.</summary>
public sealed record DeductionRow(long WorkerId, string Name, YearMonth Month, long AmountFen);

/// <summary>A worker's salary account (masked when shown).</summary>
/// <param name="WorkerId">Worker.</param>
/// <param name="Name">Worker's name.</param>
/// <param name="Account">The account, or null when none is recorded.</param>
public sealed record SalaryAccount(long WorkerId, string Name, BankAccount? Account);

/// <summary>
/// The facts pay depends on besides the registry and the assessments, as officers read them: governance-leader
/// recognitions, special additional deductions and salary accounts. Each worker must be in the officer's scope.
/// </summary>
public sealed class PayFactsQueries(WorkforceDbContext db)
{
    private IQueryable<long> Visible(UserScope scope) => scope.Workers(db).Select(w => w.Id);

    /// <summary>Recognitions in scope, newest year first.</summary>
    public async Task<List<LeaderRow>> LeadersAsync(UserScope scope, CancellationToken ct)
    {
        var visible = Visible(scope);
        return await db.LeaderRecognitions.AsNoTracking().Where(l => visible.Contains(l.WorkerId)).OrderByDescending(l => l.Year).ThenBy(l => l.WorkerId)
            .Join(db.Workers, l => l.WorkerId, w => w.Id, (l, w) => new LeaderRow(l.Id, l.WorkerId, w.Name, l.Year, l.Document, l.RecognisedOn))
            .ToListAsync(ct);
    }

    /// <summary>Declared deductions of a month in scope.</summary>
    public async Task<List<DeductionRow>> DeductionsAsync(UserScope scope, YearMonth month, CancellationToken ct)
    {
        var visible = Visible(scope);
        return await db.SpecialDeductions.AsNoTracking().Where(d => d.Month == month && visible.Contains(d.WorkerId)).OrderBy(d => d.WorkerId)
            .Join(db.Workers, d => d.WorkerId, w => w.Id, (d, w) => new DeductionRow(d.WorkerId, w.Name, d.Month, d.AmountFen))
            .ToListAsync(ct);
    }

    /// <summary>A worker's salary account; null when the worker is outside scope.</summary>
    public async Task<SalaryAccount?> SalaryAccountAsync(UserScope scope, long workerId, CancellationToken ct)
    {
        var name = await scope.Workers(db).AsNoTracking().Where(w => w.Id == workerId).Select(w => w.Name).SingleOrDefaultAsync(ct);
        return name is null ? null : new SalaryAccount(workerId, name, await db.BankAccounts.AsNoTracking().SingleOrDefaultAsync(b => b.WorkerId == workerId, ct));
    }
}
