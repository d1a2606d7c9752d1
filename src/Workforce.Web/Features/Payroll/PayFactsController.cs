using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Workforce.Application.Assessment;
using Workforce.Application.Common;
using Workforce.Application.Common.Import;
using Workforce.Application.Payroll;
using Workforce.Domain.Assessment;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Features.Payroll;

/// <summary>The assessments page.</summary>
public sealed record AssessmentsPage(int Year, IReadOnlyList<int> Years, PagedResult<AssessmentRow> Rows, ListFilter Filter, ImportReport? Report);

/// <summary>The deductions page.</summary>
public sealed record DeductionsPage(YearMonth Month, IReadOnlyList<DeductionRow> Rows, ImportReport? Report);

/// <summary>The contribution bases page.</summary>
public sealed record BasesPage(int Year, IReadOnlyList<ContributionBaseRow> Rows, int Count, ImportReport? Report);

/// <summary>Pay facts: annual assessments, leader recognitions, special additional deductions, contribution bases, salary accounts.</summary>
[Authorize(Policy = Policies.PayFactsWrite)]
public sealed class PayFactsController(AssessmentQueries assessments, AssessmentCommands assessmentCommands, PayFactsQueries facts, PayFactsCommands commands,
    ContributionBases bases, PayrollQueries payroll, UserScopeAccessor scopes, BusinessCalendar calendar) : PageController
{
    /// <summary>Contribution bases of a contribution year (default: the current one), the import and the derivation.</summary>
    public async Task<IActionResult> Bases(int? year, CancellationToken ct) => View(await BasesPageAsync(year, null, ct));

    /// <summary>Checks (dry run) or imports declared bases.</summary>
    [HttpPost]
    public async Task<IActionResult> ImportBases(IFormFile? file, bool dryRun, int? year, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            TempData["Error"] = Text["Import.NoFile"];
            return RedirectToAction(nameof(Bases), new { year });
        }
        await using var stream = file.OpenReadStream();
        var report = await bases.ImportAsync(await scopes.GetAsync(ct), stream, dryRun, ct);
        return View(nameof(Bases), await BasesPageAsync(year, report, ct));
    }

    /// <summary>Derives a contribution year's bases from the previous year's pay (district payroll officers).</summary>
    [HttpPost, Authorize(Policy = Policies.PayrollManage)]
    public async Task<IActionResult> DeriveBases(int year, CancellationToken ct)
    {
        var scope = await payroll.ScopeAsync(await scopes.GetAsync(ct), ct);
        var result = scope is null ? null : await bases.DeriveAsync(scope, year, ct);
        return Back(result, result?.Value is { } d ? Text.Format("Pay.Bases.Derived", d.Year, d.Derived, d.Declared, d.WithoutPay) : string.Empty, nameof(Bases), new { year });
    }

    /// <summary>The bases import template.</summary>
    public IActionResult BaseTemplate() => Template("contribution-bases-template.xlsx", ContributionBases.Sheet);

    private async Task<BasesPage> BasesPageAsync(int? year, ImportReport? report, CancellationToken ct)
    {
        var today = calendar.Today;
        var y = year ?? await bases.YearOfAsync(new YearMonth(today.Year, today.Month), ct);
        var (rows, count) = await bases.ListAsync(await scopes.GetAsync(ct), y, ct);
        return new BasesPage(y, rows, count, report);
    }

    /// <summary>Assessments of a year, the record form and the import.</summary>
    public async Task<IActionResult> Assessments(int? year, [FromQuery] ListFilter filter, CancellationToken ct)
    {
        var y = year ?? calendar.Today.Year - 1;
        filter = ModelState.IsValid ? filter : new ListFilter();
        return View(new AssessmentsPage(y, assessments.Years(), await assessments.PageAsync(await scopes.GetAsync(ct), y, filter, ct), filter, null));
    }

    /// <summary>Records or corrects one rating.</summary>
    [HttpPost]
    public async Task<IActionResult> RecordAssessment(long workerId, int year, AssessmentRating rating, string? note, CancellationToken ct) =>
        Back(await assessmentCommands.RecordAssessmentAsync(await scopes.GetAsync(ct), workerId, year, rating, note, ct), Text["Pay.AssessmentRecorded"], nameof(Assessments), new { year });

    /// <summary>Checks (dry run) or imports an assessment sheet.</summary>
    [HttpPost]
    public async Task<IActionResult> ImportAssessments(IFormFile? file, bool dryRun, int year, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            TempData["Error"] = Text["Import.NoFile"];
            return RedirectToAction(nameof(Assessments), new { year });
        }
        var scope = await scopes.GetAsync(ct);
        await using var stream = file.OpenReadStream();
        var report = await assessmentCommands.ImportAsync(scope, stream, dryRun, ct);
        var filter = new ListFilter();
        HttpContext.Items[ListLinks.ListPathKey] = "/PayFacts/Assessments";
        return View(nameof(Assessments), new AssessmentsPage(year, assessments.Years(), await assessments.PageAsync(scope, year, filter, ct), filter, report));
    }

    /// <summary>The assessment import template.</summary>
    public IActionResult AssessmentTemplate() => Template("assessments-template.xlsx", AssessmentCommands.Sheet);

    /// <summary>Recognitions.</summary>
    public async Task<IActionResult> Leaders(CancellationToken ct) => View(await facts.LeadersAsync(await scopes.GetAsync(ct), ct));

    /// <summary>Recognises a worker for a year.</summary>
    [HttpPost]
    public async Task<IActionResult> Recognise(long workerId, int year, string? document, DateOnly? on, CancellationToken ct) =>
        Back(await commands.RecogniseAsync(await scopes.GetAsync(ct), workerId, year, document, on, ct), Text["Pay.Recognised"], nameof(Leaders));

    /// <summary>Withdraws a recognition.</summary>
    [HttpPost]
    public async Task<IActionResult> WithdrawRecognition(long id, CancellationToken ct) =>
        Back(await commands.WithdrawRecognitionAsync(await scopes.GetAsync(ct), id, ct), Text["Pay.RecognitionWithdrawn"], nameof(Leaders));

    /// <summary>Declared deductions of a month and the import.</summary>
    public async Task<IActionResult> Deductions(string? month, CancellationToken ct)
    {
        var today = calendar.Today;
        var m = Months.Parse(month) ?? new YearMonth(today.Year, today.Month);
        return View(new DeductionsPage(m, await facts.DeductionsAsync(await scopes.GetAsync(ct), m, ct), null));
    }

    /// <summary>Checks (dry run) or imports a deductions sheet.</summary>
    [HttpPost]
    public async Task<IActionResult> ImportDeductions(IFormFile? file, bool dryRun, string? month, CancellationToken ct)
    {
        var today = calendar.Today;
        var m = Months.Parse(month) ?? new YearMonth(today.Year, today.Month);
        if (file is null || file.Length == 0)
        {
            TempData["Error"] = Text["Import.NoFile"];
            return RedirectToAction(nameof(Deductions), new { month = Months.Label(m) });
        }
        var scope = await scopes.GetAsync(ct);
        await using var stream = file.OpenReadStream();
        var report = await commands.ImportDeductionsAsync(scope, stream, dryRun, ct);
        return View(nameof(Deductions), new DeductionsPage(m, await facts.DeductionsAsync(scope, m, ct), report));
    }

    /// <summary>The deduction import template.</summary>
    public IActionResult DeductionTemplate() => Template("deductions-template.xlsx", PayFactsCommands.DeductionSheet);

    /// <summary>A worker's salary account (masked).</summary>
    public async Task<IActionResult> BankAccount(long id, CancellationToken ct) =>
        await facts.SalaryAccountAsync(await scopes.GetAsync(ct), id, ct) is { } account ? View(account) : NotFound();

    /// <summary>Sets a worker's salary account.</summary>
    [HttpPost]
    public async Task<IActionResult> SetBankAccount(long id, string? bankName, string? accountNumber, CancellationToken ct) =>
        Back(await commands.SetBankAccountAsync(await scopes.GetAsync(ct), id, bankName, accountNumber, ct), Text["Pay.BankAccountSaved"], nameof(BankAccount), new { id });
}
