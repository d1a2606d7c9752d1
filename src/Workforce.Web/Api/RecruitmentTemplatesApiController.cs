using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Workforce.Application.Common;
using Workforce.Application.Recruitment;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Api;

/// <summary>A round template: its rules in the shape a new round takes them.</summary>
/// <param name="Id">Id (pass it as a new round's <c>templateId</c>).</param>
/// <param name="Name">Name.</param>
/// <param name="Source">Where its rules come from.</param>
/// <param name="Shipped">Shipped with the product.</param>
/// <param name="Rules">The rules.</param>
public sealed record TemplateDto(long Id, string Name, string? Source, bool Shipped, RulesInput Rules);

/// <summary>Round templates (招聘公告模板): the shipped ones and those of the caller's unit and the units above and below it.</summary>
[Route("api/v1/recruitment/templates")]
[Authorize(Policy = Policies.TalentManage)]
public sealed class RecruitmentTemplatesApiController(RoundTemplates templates, UserScopeAccessor scopes) : ApiControllerBase
{
    /// <summary>The templates a round can start from.</summary>
    [HttpGet]
    public async Task<ActionResult<IReadOnlyList<TemplateDto>>> List(CancellationToken ct) =>
        (await templates.ListAsync(await scopes.GetAsync(ct), ct)).Select(t => new TemplateDto(t.Id, t.Name, t.Source, t.Shipped, RulesInput.From(t.Rules))).ToList();

    /// <summary>Saves a round's rules as a template of the caller's unit (201; audited). A round outside the scope: 404.</summary>
    [HttpPost]
    public async Task<ActionResult<TemplateDto>> Save(TemplateInput input, CancellationToken ct) =>
        ReplyCreated(await templates.SaveAsync(await scopes.GetAsync(ct), input, ct), t => $"/api/v1/recruitment/templates", t => new TemplateDto(t.Id, t.Name, t.Source, false, RulesInput.From(t.Rules)));
}
