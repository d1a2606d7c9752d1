using Microsoft.EntityFrameworkCore;
using Workforce.Application.Common;
using Workforce.Data;
using Workforce.Domain.Common;
using Workforce.Domain.Recruitment;

namespace Workforce.Application.Recruitment;

/// <summary>A template as listed.</summary>
/// <param name="Id">Id.</param>
/// <param name="Name">Name.</param>
/// <param name="Source">Where its rules come from.</param>
/// <param name="Shipped">Shipped with the product (else saved by a unit).</param>
/// <param name="Rules">The rules.</param>
public sealed record TemplateItem(long Id, string Name, string? Source, bool Shipped, RoundRules Rules);

/// <summary>Saving a round's rules as a template.</summary>
public sealed class TemplateInput
{
    /// <summary>The round whose rules are saved.</summary>
    [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "Validation.Required")]
    public long? RoundId { get; set; }

    /// <summary>Name.</summary>
    [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "Validation.Required"), System.ComponentModel.DataAnnotations.StringLength(60, ErrorMessage = "Validation.MaxLength")]
    public string? Name { get; set; }

    /// <summary>Where the rules come from (the announcement).</summary>
    [System.ComponentModel.DataAnnotations.StringLength(200, ErrorMessage = "Validation.MaxLength")]
    public string? Source { get; set; }
}

/// <summary>
/// Round templates (招聘公告模板): the shipped ones and those saved by the officer's unit or the units above it; a round's rules
/// saved under a name for the officer's unit (audited); a new round started from one.
/// </summary>
public sealed class RoundTemplates(WorkforceDbContext db, UseCaseContext context, RecruitmentQueries rounds)
{
    /// <summary>Templates the officer may start from, shipped first, then by name.</summary>
    public async Task<List<TemplateItem>> ListAsync(UserScope scope, CancellationToken ct) =>
        (await Visible(scope).AsNoTracking().ToListAsync(ct)).OrderBy(t => t.OwnerUnitId is not null).ThenBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => new TemplateItem(t.Id, t.Name, t.Source, t.OwnerUnitId is null, t.Rules)).ToList();

    /// <summary>One template the officer may start from, or null.</summary>
    public Task<RoundTemplate?> FindAsync(UserScope scope, long id, CancellationToken ct) => Visible(scope).AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);

    /// <summary>Saves a round's rules as a template of the officer's unit. Null when the round is not in scope.</summary>
    public async Task<CommandResult<RoundTemplate>?> SaveAsync(UserScope scope, TemplateInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(input);
        if (await rounds.FindAsync(scope, input.RoundId ?? 0, ct) is not { } round || scope.OrgUnitId is not { } unit)
        {
            return null;
        }
        var name = input.Name?.Trim();
        if (await db.RoundTemplates.AnyAsync(t => t.OwnerUnitId == unit && t.Name == name, ct))
        {
            return UseCaseContext.Fail<RoundTemplate>(nameof(input.Name), "Recruitment.TemplateNameTaken");
        }
        return await context.SaveAsync(() => db.RoundTemplates.Add(new RoundTemplate(name ?? string.Empty, input.Source, round.Rules, unit)).Entity, ct);
    }

    // Shipped templates, and those of the officer's unit, the units above it and the units below it.
    private IQueryable<RoundTemplate> Visible(UserScope scope)
    {
        var path = scope.OrgPath ?? "\u0000";
        // A path is "/district/street/community/": its ancestors are its prefixes that end with a slash.
        var above = path.Select((c, i) => c == '/' && i > 0 ? path[..(i + 1)] : null).OfType<string>().ToList();
        return db.RoundTemplates.Where(t => t.OwnerUnitId == null
            || db.OrgUnits.Any(u => u.Id == t.OwnerUnitId && (u.Path.StartsWith(path) || above.Contains(u.Path))));
    }
}
