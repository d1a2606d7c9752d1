using System.Text.RegularExpressions;
using Workforce.Domain.Common;

namespace Workforce.Domain.Workers;

/// <summary>A mainland mobile number (11 digits starting 1[3-9]). <see cref="ToString"/> is masked.</summary>
public readonly partial record struct PhoneNumber
{
    private PhoneNumber(string value) => Value = value;

    /// <summary>The full number.</summary>
    public string Value { get; }

    /// <summary>Masked for display, e.g. <c>138****5678</c>.</summary>
    public string Masked => Value is null ? string.Empty : string.Concat(Value.AsSpan(0, 3), "****", Value.AsSpan(7));

    /// <summary>Parses and validates; throws <see cref="DomainException"/> when malformed.</summary>
    public static PhoneNumber Parse(string? text)
    {
        var v = (text ?? string.Empty).Trim().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        return Pattern().IsMatch(v) ? new PhoneNumber(v) : throw new DomainException("Phone.Invalid") { Field = "Phone" };
    }

    /// <inheritdoc />
    public override string ToString() => Masked;

    [GeneratedRegex("^1[3-9][0-9]{9}$")]
    private static partial Regex Pattern();
}
