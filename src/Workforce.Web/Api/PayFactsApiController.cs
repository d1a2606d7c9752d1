using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Workforce.Application.Assessment;
using Workforce.Application.Common;
using Workforce.Application.Common.Import;
using Workforce.Application.Payroll;
using Workforce.Domain.Assessment;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Api;

/// <summary>An annual assessment rating.</summary>
public sealed record AssessmentDto(long Id, long WorkerId, string? Name, int Year, string Rating, DateOnly RecordedOn, string? Note);

/// <summary>A rating to record or correct.</summary>
public sealed class AssessmentBody
{
    /// <summary>Worker (in scope).</summary>
    [Required(ErrorMessage = "Validation.Required")]
    public long? WorkerId { get; set; }
    /// <summary>Assessed year.</summary>
    [Required(ErrorMessage = "Validation.Required"), Range(2000, 2100, ErrorMessage = "Validation.Range")]
    public int? Year { get; set; }
    /// <summary>Rating.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    public AssessmentRating? Rating { get; set; }
    /// <summary>Remark (e.g. the decision document).</summary>
    [StringLength(200, ErrorMessage = "Validation.MaxLength")]
    public string? Note { get; set; }
}

/// <summary>A recognition as 社区治理带头人.</summary>
public sealed record LeaderRecognitionDto(long Id, long WorkerId, string? Name, int Year, string Document, DateOnly RecognisedOn);

/// <summary>A recognition to record.</summary>
public sealed class LeaderRecognitionBody
{
    /// <summary>Worker (in scope).</summary>
    [Required(ErrorMessage = "Validation.Required")]
    public long? WorkerId { get; set; }
    /// <summary>Year recognised for.</summary>
    [Required(ErrorMessage = "Validation.Required"), Range(2000, 2100, ErrorMessage = "Validation.Range")]
    public int? Year { get; set; }
    /// <summary>Decision document (文号).</summary>
    [Required(ErrorMessage = "Validation.Required"), StringLength(100, ErrorMessage = "Validation.MaxLength")]
    public string? Document { get; set; }
    /// <summary>Date of the decision (default today).</summary>
    public DateOnly? RecognisedOn { get; set; }
}

/// <summary>Special additional deductions declared for a month (amount in yuan).</summary>
public sealed record DeductionDto(long WorkerId, string Name, string Month, string Amount);

/// <summary>A worker's salary account, the number masked.</summary>
public sealed record SalaryAccountDto(long WorkerId, string Name, string? BankName, string? MaskedNumber);

/// <summary>A salary account to set.</summary>
public sealed class SalaryAccountBody
{
    /// <summary>Bank and branch.</summary>
    [Required(ErrorMessage = "Validation.Required"), StringLength(100, ErrorMessage = "Validation.MaxLength")]
    public string? BankName { get; set; }
    /// <summary>Account number (12–30 digits; stored encrypted).</summary>
    [Required(ErrorMessage = "Validation.Required")]
    public string? AccountNumber { get; set; }
}

/// <summary>
/// The facts pay depends on besides the registry: annual assessments, governance-leader recognitions, special additional
/// deductions and salary accounts, of workers in the caller's scope (officers). Imports are xlsx with a dry run, all or nothing.
/// </summary>
[Route("api/v1/pay-facts")]
[Authorize(Policy = Policies.PayFactsWrite)]
public sealed class PayFactsApiController(AssessmentQueries assessments, AssessmentCommands assessmentCommands, PayFactsQueries facts, PayFactsCommands commands,
    ContributionBases bases, UserScopeAccessor scopes) : ApiControllerBase
{
    /// <summary>Ratings of a year for workers in scope.</summary>
    [HttpGet("assessments")]
    public async Task<ActionResult<IReadOnlyList<AssessmentDto>>> Assessments([Required, Range(2000, 2100)] int year, CancellationToken ct) =>
        (await assessments.AssessmentsAsync(await scopes.GetAsync(ct), year, ct))
            .Select(a => new AssessmentDto(a.Id, a.WorkerId, a.Name, a.Year, a.Rating.ToString(), a.RecordedOn.ToDateOnly(), a.Note)).ToList();

    /// <summary>Records or corrects one worker's rating for a year; 404 when the worker is outside scope.</summary>
    [HttpPost("assessments")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<AssessmentDto>> RecordAssessment(AssessmentBody body, CancellationToken ct) =>
        Reply(await assessmentCommands.RecordAssessmentAsync(await scopes.GetAsync(ct), body.WorkerId!.Value, body.Year!.Value, body.Rating!.Value, body.Note, ct),
            a => new AssessmentDto(a.Id, a.WorkerId, null, a.Year, a.Rating.ToString(), a.RecordedOn.ToDateOnly(), a.Note));

    /// <summary>Checks (dry run, the default) or imports an assessment sheet (身份证号, 姓名, 年度, 等次); 422 lists every bad cell.</summary>
    [HttpPost("assessments/import")]
    [ProducesResponseType(typeof(ImportReportDto), StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    public Task<ActionResult<ImportReportDto>> ImportAssessments(IFormFile? file, [FromQuery] bool dryRun = true, CancellationToken ct = default) =>
        ImportAsync(file, (scope, stream) => assessmentCommands.ImportAsync(scope, stream, dryRun, ct), ct);

    /// <summary>Recognitions of workers in scope, newest year first.</summary>
    [HttpGet("leader-recognitions")]
    public async Task<ActionResult<IReadOnlyList<LeaderRecognitionDto>>> Leaders(CancellationToken ct) =>
        (await facts.LeadersAsync(await scopes.GetAsync(ct), ct)).Select(l => new LeaderRecognitionDto(l.Id, l.WorkerId, l.Name, l.Year, l.Document, l.RecognisedOn.ToDateOnly())).ToList();

    /// <summary>Recognises a worker in scope for a year (201); one recognition per worker and year.</summary>
    [HttpPost("leader-recognitions")]
    [ProducesResponseType(typeof(LeaderRecognitionDto), StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<LeaderRecognitionDto>> Recognise(LeaderRecognitionBody body, CancellationToken ct)
    {
        var result = await commands.RecogniseAsync(await scopes.GetAsync(ct), body.WorkerId!.Value, body.Year!.Value, body.Document, body.RecognisedOn, ct);
        if (result is null)
        {
            return NotFound();
        }
        var r = result.Value;
        return result.Succeeded
            ? Created($"/api/v1/pay-facts/leader-recognitions/{r!.Id}", new LeaderRecognitionDto(r.Id, r.WorkerId, null, r.Year, r.Document, r.RecognisedOn.ToDateOnly()))
            : ValidationFailed(result.Errors);
    }

    /// <summary>Withdraws a recognition (204); 404 outside scope.</summary>
    [HttpDelete("leader-recognitions/{id:long}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<IActionResult> WithdrawRecognition(long id, CancellationToken ct) =>
        await commands.WithdrawRecognitionAsync(await scopes.GetAsync(ct), id, ct) is null ? NotFound() : NoContent();

    /// <summary>Declared deductions of a month (yyyy-MM) for workers in scope.</summary>
    [HttpGet("deductions")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<IReadOnlyList<DeductionDto>>> Deductions([Required] string month, CancellationToken ct)
    {
        if (Months.Parse(month) is not { } m)
        {
            return NotFound();
        }
        return (await facts.DeductionsAsync(await scopes.GetAsync(ct), m, ct)).Select(d => new DeductionDto(d.WorkerId, d.Name, Months.Label(d.Month), PayrollCommands.Yuan(d.AmountFen))).ToList();
    }

    /// <summary>Checks (dry run, the default) or imports a deductions sheet (身份证号, 姓名, 月份, 金额); a month already declared is replaced.</summary>
    [HttpPost("deductions/import")]
    [ProducesResponseType(typeof(ImportReportDto), StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    public Task<ActionResult<ImportReportDto>> ImportDeductions(IFormFile? file, [FromQuery] bool dryRun = true, CancellationToken ct = default) =>
        ImportAsync(file, (scope, stream) => commands.ImportDeductionsAsync(scope, stream, dryRun, ct), ct);

    /// <summary>Contribution bases of a contribution year for workers in scope (the first 200) and how many there are; amounts in yuan.</summary>
    [HttpGet("contribution-bases")]
    public async Task<ActionResult<ContributionBaseListDto>> Bases([Required] int year, CancellationToken ct)
    {
        var (rows, count) = await bases.ListAsync(await scopes.GetAsync(ct), year, ct);
        return new ContributionBaseListDto(count, [.. rows.Select(r => new ContributionBaseDto(r.WorkerId, r.Name, r.Year, PayrollCommands.Yuan(r.BaseFen), r.Source.ToString()))]);
    }

    /// <summary>Checks (dry run, the default) or imports declared bases (身份证号, 姓名, 缴费年度, 月缴费基数); a worker's base of that year is replaced.</summary>
    [HttpPost("contribution-bases/import")]
    [ProducesResponseType(typeof(ImportReportDto), StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    public Task<ActionResult<ImportReportDto>> ImportBases(IFormFile? file, [FromQuery] bool dryRun = true, CancellationToken ct = default) =>
        ImportAsync(file, (scope, stream) => bases.ImportAsync(scope, stream, dryRun, ct), ct);

    /// <summary>Derives a contribution year's bases from the previous one's average monthly gross (district payroll officers; declared bases stay).</summary>
    [HttpPost("contribution-bases/derive")]
    [Authorize(Policy = Policies.PayrollManage)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    public async Task<ActionResult<BaseDerivation>> DeriveBases(AdvancementBody body, [FromServices] PayrollQueries payroll, CancellationToken ct)
    {
        if (await payroll.ScopeAsync(await scopes.GetAsync(ct), ct) is not { } scope)
        {
            return NotFound();
        }
        var result = await bases.DeriveAsync(scope, body.Year!.Value, ct);
        return result.Succeeded ? result.Value! : ValidationFailed(result.Errors);
    }

    /// <summary>A worker's salary account (masked); 404 when the worker is outside scope.</summary>
    [HttpGet("salary-accounts/{workerId:long}")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<SalaryAccountDto>> SalaryAccount(long workerId, CancellationToken ct) =>
        await facts.SalaryAccountAsync(await scopes.GetAsync(ct), workerId, ct) is { } a
            ? new SalaryAccountDto(a.WorkerId, a.Name, a.Account?.BankName, a.Account?.Number.Masked)
            : NotFound();

    /// <summary>Sets a worker's salary account (the number validated, stored encrypted, answered masked).</summary>
    [HttpPut("salary-accounts/{workerId:long}")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<SalaryAccountDto>> SetSalaryAccount(long workerId, SalaryAccountBody body, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        var result = await commands.SetBankAccountAsync(scope, workerId, body.BankName, body.AccountNumber, ct);
        if (result is null)
        {
            return NotFound();
        }
        return result.Succeeded ? await SalaryAccount(workerId, ct) : ValidationFailed(result.Errors);
    }

    private async Task<ActionResult<ImportReportDto>> ImportAsync(IFormFile? file, Func<UserScope, Stream, Task<ImportReport>> import, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        return await ImportFileAsync(file, stream => import(scope, stream));
    }
}

/// <summary>A contribution base (yuan).</summary>
public sealed record ContributionBaseDto(long WorkerId, string Name, int Year, string Base, string Source);

/// <summary>Contribution bases listed (at most 200) and how many there are.</summary>
public sealed record ContributionBaseListDto(int Count, IReadOnlyList<ContributionBaseDto> Items);
