using NodaTime;

namespace Workforce.Domain.Common;

/// <summary>A parameter value that applies from a date until a later version replaces it.</summary>
public interface IEffectiveDated
{
    /// <summary>First day on which this version applies.</summary>
    LocalDate EffectiveFrom { get; }
}

/// <summary>Picks the version of a parameter in force on a date.</summary>
public static class EffectiveDated
{
    /// <summary>The latest version whose <see cref="IEffectiveDated.EffectiveFrom"/> is on or before <paramref name="date"/>, or null.</summary>
    public static T? InForce<T>(this IEnumerable<T> versions, LocalDate date) where T : class, IEffectiveDated
    {
        T? best = null;
        foreach (var v in versions)
        {
            if (v.EffectiveFrom <= date && (best is null || v.EffectiveFrom > best.EffectiveFrom))
            {
                best = v;
            }
        }
        return best;
    }
}
