using Workforce.Domain.Common;

namespace Workforce.Domain.Recruitment;

/// <summary>
/// A named set of round rules to start a round from (招聘公告模板): the shipped ones (no owner) reproduce the clauses of common
/// announcements (docs/recruitment-templates.md); a unit saves its own from a round it ran. The age reference date is not part
/// of a template: a round started from it takes its own announcement date.
/// </summary>
public sealed class RoundTemplate
{
    private RoundTemplate() { Name = string.Empty; Rules = new RoundRules(); }

    /// <summary>A template of <paramref name="ownerUnitId"/>'s (null: shipped with the product).</summary>
    public RoundTemplate(string name, string? source, RoundRules rules, long? ownerUnitId)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Name = Text.Required(name, 60, "Name");
        Source = Text.Optional(source, 200, "Source");
        Rules = (rules with { AgeReferenceDate = default }).Validated();
        OwnerUnitId = ownerUnitId;
    }

    /// <summary>Database key (the shipped templates have negative ones).</summary>
    public long Id { get; private set; }
    /// <summary>Name, e.g. 苏州市区社区工作者招聘（放宽年龄）.</summary>
    public string Name { get; private set; }
    /// <summary>Where the rules come from (the announcement, a decision).</summary>
    public string? Source { get; private set; }
    /// <summary>The rules (without an age reference date).</summary>
    public RoundRules Rules { get; private set; }
    /// <summary>The unit that saved it; null for a shipped template (visible to every unit).</summary>
    public long? OwnerUnitId { get; private set; }
}
