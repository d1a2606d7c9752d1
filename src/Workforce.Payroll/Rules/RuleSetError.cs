namespace Workforce.Payroll.Rules;

/// <summary>A problem found in a rule-set document, named by the JSON path of the offending field.</summary>
/// <param name="Path">JSON path such as <c>grades.coefficients.Head.19</c>.</param>
/// <param name="Code">Stable code, e.g. <c>GradeOutsideBand</c>.</param>
/// <param name="Message">What is wrong, in Chinese, with the values involved.</param>
public sealed record RuleSetError(string Path, string Code, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message} ({Code})";
}

/// <summary>A rule-set document was refused; <see cref="Errors"/> lists every problem found.</summary>
public sealed class RuleSetInvalidException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RuleSetInvalidException(IReadOnlyList<RuleSetError> errors)
        : base("规则集无效: " + string.Join("; ", errors))
    {
        Errors = errors;
    }

    /// <summary>The problems found.</summary>
    public IReadOnlyList<RuleSetError> Errors { get; }
}
