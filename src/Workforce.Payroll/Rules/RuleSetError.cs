using Workforce.Domain.Common;

namespace Workforce.Payroll.Rules;

/// <summary>A problem found in a rule-set document, named by the JSON path of the offending field.</summary>
/// <param name="Path">JSON path such as <c>grades.coefficients.Head.19</c>.</param>
/// <param name="Code">Stable code, e.g. <c>GradeOutsideBand</c>.</param>
/// <param name="Message">What is wrong, with the values involved (rendered in the reader's language).</param>
public sealed record RuleSetError(string Path, string Code, Message Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message} ({Code})";
}

/// <summary>A rule-set document was refused; <see cref="Errors"/> lists every problem found.</summary>
public sealed class RuleSetInvalidException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RuleSetInvalidException(IReadOnlyList<RuleSetError> errors)
        : base("Invalid rule set: " + string.Join("; ", errors))
    {
        Errors = errors;
    }

    /// <summary>The problems found.</summary>
    public IReadOnlyList<RuleSetError> Errors { get; }
}
