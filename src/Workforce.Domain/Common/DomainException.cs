namespace Workforce.Domain.Common;

/// <summary>
/// A business rule was broken. <see cref="Code"/> names a message in the UI's resource files
/// (key <c>Domain.{Code}</c>); <see cref="Arguments"/> fill its placeholders, so the user reads
/// what to correct in their own language while logs keep a stable code.
/// </summary>
public sealed class DomainException : Exception
{
    /// <summary>Creates the exception for a rule code and the values that explain it.</summary>
    public DomainException(string code, params object[] arguments)
        : base(code + (arguments.Length > 0 ? ": " + string.Join(", ", arguments) : string.Empty))
    {
        Code = code;
        Arguments = arguments;
    }

    /// <summary>Stable rule code, e.g. <c>Worker.GradeOutsideBand</c>.</summary>
    public string Code { get; }

    /// <summary>Values for the message placeholders, in order.</summary>
    public IReadOnlyList<object> Arguments { get; }

    /// <summary>Optional name of the input field the rule concerns (for form and API field errors).</summary>
    public string? Field { get; init; }

    /// <summary>The refusal as a message for people (resource key <c>Domain.{Code}</c>).</summary>
    public Message ToMessage() => new("Domain." + Code, [.. Arguments]);
}
