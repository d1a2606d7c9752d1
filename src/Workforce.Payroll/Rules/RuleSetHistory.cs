using System.Globalization;
using NodaTime;
using Workforce.Domain.Common;

namespace Workforce.Payroll.Rules;

/// <summary>
/// The versions of one rule-set family. Versions must follow each other without gap or
/// overlap: each starts the day after the previous one ends, and only the last may be open-ended.
/// </summary>
public sealed class RuleSetHistory
{
    private readonly RuleSet[] _versions;

    private RuleSetHistory(RuleSet[] versions) => _versions = versions;

    /// <summary>The versions, oldest first.</summary>
    public IReadOnlyList<RuleSet> Versions => _versions;

    /// <summary>Checks a set of versions for gaps, overlaps, mixed families and repeated version numbers.</summary>
    public static IReadOnlyList<RuleSetError> Validate(IEnumerable<RuleSet> versions)
    {
        var errors = new List<RuleSetError>();
        var ordered = versions.OrderBy(v => v.EffectiveFrom).ToArray();
        for (var i = 0; i < ordered.Length; i++)
        {
            var v = ordered[i];
            var at = $"versions[{v.Version.ToString(CultureInfo.InvariantCulture)}]";
            if (v.Code != ordered[0].Code)
            {
                errors.Add(new RuleSetError(at + ".code", "MixedFamilies", $"版本 {v.Version} 属于规则集“{v.Code}”，不是“{ordered[0].Code}”"));
            }
            if (ordered.Take(i).Any(o => o.Version == v.Version))
            {
                errors.Add(new RuleSetError(at + ".version", "DuplicateVersion", $"版本号 {v.Version} 重复"));
            }
            if (i == 0)
            {
                continue;
            }
            var previous = ordered[i - 1];
            if (previous.EffectiveTo is not { } end)
            {
                errors.Add(new RuleSetError(at + ".effectiveFrom", "Overlap",
                    $"版本 {previous.Version} 没有失效日期，与从 {Iso(v.EffectiveFrom)} 起生效的版本 {v.Version} 重叠"));
            }
            else if (v.EffectiveFrom <= end)
            {
                errors.Add(new RuleSetError(at + ".effectiveFrom", "Overlap",
                    $"版本 {v.Version} 从 {Iso(v.EffectiveFrom)} 起生效，与截至 {Iso(end)} 的版本 {previous.Version} 重叠"));
            }
            else if (v.EffectiveFrom != end.PlusDays(1))
            {
                errors.Add(new RuleSetError(at + ".effectiveFrom", "Gap",
                    $"版本 {previous.Version} 截至 {Iso(end)}，版本 {v.Version} 从 {Iso(v.EffectiveFrom)} 起生效，中间 {Iso(end.PlusDays(1))} 至 {Iso(v.EffectiveFrom.PlusDays(-1))} 无规则"));
            }
        }
        return errors;
    }

    /// <summary>Builds a history; throws <see cref="RuleSetInvalidException"/> on gaps, overlaps or mixed families.</summary>
    public static RuleSetHistory Create(IEnumerable<RuleSet> versions)
    {
        var array = versions.OrderBy(v => v.EffectiveFrom).ToArray();
        var errors = Validate(array);
        return errors.Count > 0 ? throw new RuleSetInvalidException(errors) : new RuleSetHistory(array);
    }

    /// <summary>The version in force for a pay period (versions start on the 1st, so one covers the whole month).</summary>
    public RuleSet ForPeriod(YearMonth period)
    {
        var first = period.OnDayOfMonth(1);
        foreach (var v in _versions)
        {
            if (v.IsInForce(first))
            {
                return v;
            }
        }
        throw new DomainException("Payroll.NoRuleSetForPeriod", period.ToString("uuuu-MM", CultureInfo.InvariantCulture));
    }

    private static string Iso(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
}
