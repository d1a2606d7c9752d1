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
                errors.Add(new RuleSetError(at + ".code", "MixedFamilies", new Message("RuleSet.MixedFamilies", v.Version, v.Code, ordered[0].Code)));
            }
            if (ordered.Take(i).Any(o => o.Version == v.Version))
            {
                errors.Add(new RuleSetError(at + ".version", "DuplicateVersion", new Message("RuleSet.DuplicateVersion", v.Version)));
            }
            if (i == 0)
            {
                continue;
            }
            var previous = ordered[i - 1];
            if (previous.EffectiveTo is not { } end)
            {
                errors.Add(new RuleSetError(at + ".effectiveFrom", "Overlap",
                    new Message("RuleSet.OpenEndedOverlap", previous.Version, Iso(v.EffectiveFrom), v.Version)));
            }
            else if (v.EffectiveFrom <= end)
            {
                errors.Add(new RuleSetError(at + ".effectiveFrom", "Overlap",
                    new Message("RuleSet.Overlap", v.Version, Iso(v.EffectiveFrom), Iso(end), previous.Version)));
            }
            else if (v.EffectiveFrom != end.PlusDays(1))
            {
                errors.Add(new RuleSetError(at + ".effectiveFrom", "Gap",
                    new Message("RuleSet.Gap", previous.Version, Iso(end), v.Version, Iso(v.EffectiveFrom), Iso(end.PlusDays(1)), Iso(v.EffectiveFrom.PlusDays(-1)))));
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
