using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Workforce.Application.Common;
using Workforce.Application.Workers;
using Workforce.Domain.Workers;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Api;

/// <summary>An event of the running file, its texts in the caller's language.</summary>
public sealed record FileEventDto(DateOnly Date, FileEventKind Kind, string Title, string? Detail, DateOnly? Until);

/// <summary>A year's training hours in the running file.</summary>
public sealed record FileHoursDto(int Year, decimal Required, decimal Done, int Percent, bool Met);

/// <summary>A year's residents' ratings in the running file.</summary>
public sealed record FileFeedbackDto(int Year, int Count, decimal? Average);

/// <summary>The running file (履职台账) of a worker.</summary>
public sealed record RunningFileDto(long WorkerId, string Name, string Unit, Post? Post, int? Grade, DateOnly HireDate, DateOnly? LeaveDate, IReadOnlyList<FileEventDto> Events,
    IReadOnlyList<FileHoursDto> Hours, IReadOnlyList<FileFeedbackDto> Feedback);

/// <summary>A 奖惩 record.</summary>
public sealed record ConductRecordDto(long Id, long WorkerId, ConductType Type, ConductKind Kind, DateOnly DecidedOn, string IssuedBy, string Effect, DateOnly? EndsOn, string? Document);

/// <summary>履职台账 and 奖惩 of workers in scope (another unit's worker: 404).</summary>
[Authorize(Policy = Policies.RegistryRead)]
public sealed class RunningFileApiController(RunningFileQueries files, ConductRecords conduct, UserScopeAccessor scopes) : ApiControllerBase
{
    /// <summary>A worker's running file: the timeline (newest first), training hours and residents' ratings per year.</summary>
    [HttpGet("api/v1/workers/{id:long}/file")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<RunningFileDto>> File(long id, CancellationToken ct)
    {
        if (await files.FileAsync(await scopes.GetAsync(ct), id, ct) is not { } f)
        {
            return NotFound();
        }
        return new RunningFileDto(f.WorkerId, f.Name, f.Unit, f.Post, f.Grade, f.HireDate.ToDateOnly(), f.LeaveDate?.ToDateOnly(),
            [.. f.Events.Select(e => new FileEventDto(e.Date.ToDateOnly(), e.Kind, Text.Message(e.Title), e.Detail is { } d ? Text.Message(d) : null, e.Until?.ToDateOnly()))],
            [.. f.Hours.Select(h => new FileHoursDto(h.Year, Domain.Training.TrainingHours.Hours(h.Hours.RequiredMinutes), Domain.Training.TrainingHours.Hours(h.Hours.TotalMinutes), h.Hours.Percent, h.Hours.Met))],
            [.. f.Feedback.Select(x => new FileFeedbackDto(x.Year, x.Count, x.Average))]);
    }

    /// <summary>A worker's 奖惩 records, newest first.</summary>
    [HttpGet("api/v1/workers/{id:long}/conduct-records")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<IReadOnlyList<ConductRecordDto>>> Conduct(long id, CancellationToken ct) =>
        await conduct.OfWorkerAsync(await scopes.GetAsync(ct), id, ct) is { } list ? list.Select(Dto).ToList() : NotFound();

    /// <summary>Records a 奖惩 decision for a worker (HR officers; audited) (201).</summary>
    [HttpPost("api/v1/workers/{id:long}/conduct-records")]
    [Authorize(Policy = Policies.TalentManage)]
    [ProducesResponseType(typeof(ConductRecordDto), StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<ConductRecordDto>> Record(long id, ConductInput input, CancellationToken ct) =>
        ReplyCreated(await conduct.RecordAsync(await scopes.GetAsync(ct), id, input, ct), r => $"/api/v1/workers/{id}/conduct-records", Dto);

    /// <summary>Corrects a 奖惩 record (HR officers; audited).</summary>
    [HttpPut("api/v1/conduct-records/{id:long}")]
    [Authorize(Policy = Policies.TalentManage)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<ConductRecordDto>> Change(long id, ConductInput input, CancellationToken ct) =>
        Reply(await conduct.ChangeAsync(await scopes.GetAsync(ct), id, input, ct), Dto);

    private static ConductRecordDto Dto(ConductRecord r) =>
        new(r.Id, r.WorkerId, r.Type, r.Kind, r.DecidedOn.ToDateOnly(), r.IssuedBy, r.Effect, r.EndsOn?.ToDateOnly(), r.Document);
}
