using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Data;
using Workforce.Domain.Assessment;
using Workforce.Domain.Pay;
using Workforce.Web.Features.Talent;
using Workforce.Web.Features.Workers;
using Workforce.Web.Infrastructure;
using Workforce.Web.Startup;

namespace Workforce.Web.Features.Payroll;

/// <summary>The assessments page.</summary>
public sealed record AssessmentsPage(int Year, IReadOnlyList<int> Years, IReadOnlyList<AssessmentRow> Rows, ImportReport? Report);

/// <summary>The deductions page.</summary>
public sealed record DeductionsPage(YearMonth Month, IReadOnlyList<DeductionRow> Rows, ImportReport? Report);

/// <summary>A worker's salary account page.</summary>
public sealed record BankAccountPage(long WorkerId, string Name, BankAccount? Account);

/// <summary>Pay facts: annual assessments, leader recognitions, special additional deductions, salary accounts.</summary>
[Authorize(Policy = WorkforceHosting.PayFactsWrite)]
public sealed class PayFactsController(PayFactsService facts, UserScopeAccessor scopes, BusinessCalendar calendar, WorkforceDbContext db, UiText text) : TalentControllerBase
{
    /// <summary>Assessments of a year, the record form and the import.</summary>
    public async Task<IActionResult> Assessments(int? year, CancellationToken ct)
    {
        var y = year ?? calendar.Today.Year - 1;
        return View(new AssessmentsPage(y, facts.Years(), await facts.AssessmentsAsync(await scopes.GetAsync(ct), y, ct), null));
    }

    /// <summary>Records or corrects one rating.</summary>
    [HttpPost]
    public async Task<IActionResult> RecordAssessment(long workerId, int year, AssessmentRating rating, string? note, CancellationToken ct) =>
        Back(await facts.RecordAssessmentAsync(await scopes.GetAsync(ct), workerId, year, rating, note, ct), text["Pay.AssessmentRecorded"], nameof(Assessments), new { year });

    /// <summary>Checks (dry run) or imports an assessment sheet.</summary>
    [HttpPost]
    public async Task<IActionResult> ImportAssessments(IFormFile? file, bool dryRun, int year, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            TempData["Error"] = text["Import.NoFile"];
            return RedirectToAction(nameof(Assessments), new { year });
        }
        var scope = await scopes.GetAsync(ct);
        await using var stream = file.OpenReadStream();
        var report = await facts.ImportAssessmentsAsync(scope, stream, dryRun, ct);
        return View(nameof(Assessments), new AssessmentsPage(year, facts.Years(), await facts.AssessmentsAsync(scope, year, ct), report));
    }

    /// <summary>The assessment import template.</summary>
    public IActionResult AssessmentTemplate() => Xlsx("assessments-template.xlsx", text["Pay.Assessments"], facts.AssessmentColumns(), []);

    /// <summary>Recognitions.</summary>
    public async Task<IActionResult> Leaders(CancellationToken ct) => View(await facts.LeadersAsync(await scopes.GetAsync(ct), ct));

    /// <summary>Recognises a worker for a year.</summary>
    [HttpPost]
    public async Task<IActionResult> Recognise(long workerId, int year, string? document, DateOnly? on, CancellationToken ct) =>
        Back(await facts.RecogniseAsync(await scopes.GetAsync(ct), workerId, year, document, on, ct), text["Pay.Recognised"], nameof(Leaders), new { });

    /// <summary>Withdraws a recognition.</summary>
    [HttpPost]
    public async Task<IActionResult> WithdrawRecognition(long id, CancellationToken ct) =>
        Back(await facts.WithdrawRecognitionAsync(await scopes.GetAsync(ct), id, ct), text["Pay.RecognitionWithdrawn"], nameof(Leaders), new { });

    /// <summary>Declared deductions of a month and the import.</summary>
    public async Task<IActionResult> Deductions(string? month, CancellationToken ct)
    {
        var today = calendar.Today;
        var m = PayrollService.ParseMonth(month) ?? new YearMonth(today.Year, today.Month);
        return View(new DeductionsPage(m, await facts.DeductionsAsync(await scopes.GetAsync(ct), m, ct), null));
    }

    /// <summary>Checks (dry run) or imports a deductions sheet.</summary>
    [HttpPost]
    public async Task<IActionResult> ImportDeductions(IFormFile? file, bool dryRun, string? month, CancellationToken ct)
    {
        var today = calendar.Today;
        var m = PayrollService.ParseMonth(month) ?? new YearMonth(today.Year, today.Month);
        if (file is null || file.Length == 0)
        {
            TempData["Error"] = text["Import.NoFile"];
            return RedirectToAction(nameof(Deductions), new { month = PayrollService.Label(m) });
        }
        var scope = await scopes.GetAsync(ct);
        await using var stream = file.OpenReadStream();
        var report = await facts.ImportDeductionsAsync(scope, stream, dryRun, ct);
        return View(nameof(Deductions), new DeductionsPage(m, await facts.DeductionsAsync(scope, m, ct), report));
    }

    /// <summary>The deduction import template.</summary>
    public IActionResult DeductionTemplate() => Xlsx("deductions-template.xlsx", text["Pay.Deductions.Title"], facts.DeductionColumns(), []);

    /// <summary>A worker's salary account (masked).</summary>
    public async Task<IActionResult> BankAccount(long id, CancellationToken ct)
    {
        var (visible, account) = await facts.BankAccountAsync(await scopes.GetAsync(ct), id, ct);
        if (!visible)
        {
            return NotFound();
        }
        var name = await db.Workers.AsNoTracking().Where(w => w.Id == id).Select(w => w.Name).SingleAsync(ct);
        return View(new BankAccountPage(id, name, account));
    }

    /// <summary>Sets a worker's salary account.</summary>
    [HttpPost]
    public async Task<IActionResult> SetBankAccount(long id, string? bankName, string? accountNumber, CancellationToken ct) =>
        Back(await facts.SetBankAccountAsync(await scopes.GetAsync(ct), id, bankName, accountNumber, ct), text["Pay.BankAccountSaved"], nameof(BankAccount), new { id });
}
