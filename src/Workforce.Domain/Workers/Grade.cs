using NodaTime;
using Workforce.Domain.Common;

namespace Workforce.Domain.Workers;

/// <summary>A grade (级) of the pay scale; 1 is the lowest.</summary>
public readonly record struct Grade
{
    /// <summary>Creates a grade; it must be at least 1 (the upper limit comes from the post's band).</summary>
    public Grade(int value)
    {
        if (value < 1)
        {
            throw new DomainException("Grade.Invalid", value) { Field = "Grade" };
        }
        Value = value;
    }

    /// <summary>The grade number.</summary>
    public int Value { get; }

    /// <inheritdoc />
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// The grades a post may hold, in force from a date (a parameter of the pay system, e.g.
/// Suzhou: Head 7–18, Deputy 4–15, Staff 1–12).
/// </summary>
public sealed class GradeBand : IEffectiveDated
{
    private GradeBand() { }

    /// <summary>Creates a band version.</summary>
    public GradeBand(Post post, LocalDate effectiveFrom, int minGrade, int maxGrade)
    {
        if (minGrade < 1 || maxGrade < minGrade)
        {
            throw new DomainException("GradeBand.Invalid", minGrade, maxGrade);
        }
        Post = post;
        EffectiveFrom = effectiveFrom;
        MinGrade = minGrade;
        MaxGrade = maxGrade;
    }

    /// <summary>Database key.</summary>
    public long Id { get; private set; }
    /// <summary>The post this band belongs to.</summary>
    public Post Post { get; private set; }
    /// <inheritdoc />
    public LocalDate EffectiveFrom { get; private set; }
    /// <summary>Lowest grade (band floor).</summary>
    public int MinGrade { get; private set; }
    /// <summary>Highest grade (band ceiling).</summary>
    public int MaxGrade { get; private set; }

    /// <summary>True when <paramref name="grade"/> lies inside the band.</summary>
    public bool Allows(Grade grade) => grade.Value >= MinGrade && grade.Value <= MaxGrade;
}
