using System.Globalization;
using NodaTime;

namespace Workforce.Domain.Common;

/// <summary>
/// Text for people, as a resource key and the values of its placeholders. Code below the UI never
/// builds sentences: it returns messages, and the UI renders them in the reader's language (zh-CN or en).
/// Arguments may be enums (shown by their display name, key <c>{Type}.{Value}</c>), dates, months,
/// numbers, plain strings, other messages or lists of any of these (joined by the language's list separator).
/// </summary>
/// <param name="Code">Resource key, e.g. <c>Domain.Worker.GradeOutsideBand</c>.</param>
/// <param name="Args">Placeholder values, in order.</param>
public sealed record Message(string Code, IReadOnlyList<object?> Args)
{
    /// <summary>Resource key of the separator between the items of a list argument (、 in Chinese).</summary>
    public const string ListSeparatorKey = "Common.ListSeparator";

    /// <summary>A message with its arguments.</summary>
    public Message(string code, params object?[] args)
        : this(code, (IReadOnlyList<object?>)args)
    {
    }

    /// <summary>Renders the message with <paramref name="lookup"/> (key → template in the reader's language) and <paramref name="culture"/>.</summary>
    public string Render(Func<string, string> lookup, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var template = lookup(Code);
        if (Args.Count == 0)
        {
            return template;
        }
        var values = new object[Args.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = RenderArgument(Args[i], lookup, culture);
        }
        return string.Format(culture, template, values);
    }

    /// <summary>One argument as text: enums by display name, dates as yyyy-MM-dd, months as yyyy-MM, messages rendered.</summary>
    public static string RenderArgument(object? value, Func<string, string> lookup, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        return value switch
        {
            null => string.Empty,
            Message m => m.Render(lookup, culture),
            Enum e => lookup(e.GetType().Name + "." + e),
            string s => s,
            LocalDate d => d.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture),
            YearMonth m => m.ToString("uuuu-MM", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, culture),
            System.Collections.IEnumerable list => string.Join(lookup(ListSeparatorKey), list.Cast<object?>().Select(x => RenderArgument(x, lookup, culture))),
            _ => value.ToString() ?? string.Empty,
        };
    }

    /// <inheritdoc />
    public override string ToString() => Code + (Args.Count > 0 ? "(" + string.Join(", ", Args) + ")" : string.Empty);
}
