namespace Workforce.Domain.Common;

/// <summary>Checks for free text entered by officers.</summary>
public static class Text
{
    /// <summary>Trimmed text of 1..<paramref name="max"/> characters, or a <c>Text.Required</c>/<c>Text.TooLong</c> refusal for <paramref name="field"/>.</summary>
    public static string Required(string? value, int max, string field)
    {
        value = (value ?? string.Empty).Trim();
        if (value.Length == 0)
        {
            throw new DomainException("Text.Required") { Field = field };
        }
        return value.Length > max ? throw new DomainException("Text.TooLong", max) { Field = field } : value;
    }

    /// <summary>Trimmed text of at most <paramref name="max"/> characters, null when empty.</summary>
    public static string? Optional(string? value, int max, string field)
    {
        value = value?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        return value.Length > max ? throw new DomainException("Text.TooLong", max) { Field = field } : value;
    }
}
