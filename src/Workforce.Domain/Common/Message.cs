using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using NodaTime;

namespace Workforce.Domain.Common;

/// <summary>
/// Text for people, as a resource key and the values of its placeholders. Code below the UI never
/// builds sentences: it returns messages, and the UI renders them in the reader's language (zh-CN or en).
/// Arguments may be enums (shown by their display name, key <c>{Type}.{Value}</c>), dates, local date-times (to the minute), months,
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
    /// <remarks>Templates use composite-format placeholders (<c>{0}</c>, <c>{{</c>/<c>}}</c> for braces); nested messages and lists are
    /// written into the same buffer, so a payslip's explanation costs one string per line, not one per sentence part.</remarks>
    public string Render(Func<string, string> lookup, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        if (Args.Count == 0)
        {
            return lookup(Code);
        }
        var text = t_builder ?? new StringBuilder(256);
        t_builder = null;
        try
        {
            AppendTo(text, lookup, culture);
            return text.ToString();
        }
        finally
        {
            text.Clear();
            if (text.Capacity <= 4096)
            {
                t_builder = text;
            }
        }
    }

    // One buffer per thread, reused from render to render (a nested render takes a new one).
    [ThreadStatic]
    private static StringBuilder? t_builder;

    /// <summary>One argument as text: enums by display name, dates as yyyy-MM-dd, months as yyyy-MM, messages rendered.</summary>
    public static string RenderArgument(object? value, Func<string, string> lookup, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        switch (value)
        {
            case null:
                return string.Empty;
            case string s:
                return s;
            case Message m:
                return m.Render(lookup, culture);
            default:
                var text = new StringBuilder();
                Append(text, value, lookup, culture);
                return text.ToString();
        }
    }

    private void AppendTo(StringBuilder text, Func<string, string> lookup, CultureInfo culture)
    {
        var template = lookup(Code);
        if (Args.Count == 0)
        {
            text.Append(template);
            return;
        }
        var args = Args as object?[] ?? [.. Args];
        foreach (var part in Parsed(template))
        {
            if (part.Literal is { } literal)
            {
                text.Append(literal);
            }
            else if (part.Index < args.Length)
            {
                Append(text, args[part.Index], lookup, culture);
            }
            else
            {
                throw new FormatException($"Template of '{Code}' uses {{{part.Index}}} but the message has {Args.Count} argument(s).");
            }
        }
    }

    private static void Append(StringBuilder text, object? value, Func<string, string> lookup, CultureInfo culture)
    {
        switch (value)
        {
            case null:
                return;
            case string s:
                text.Append(s);
                return;
            case Message m:
                m.AppendTo(text, lookup, culture);
                return;
            case Enum e:
                text.Append(lookup(EnumKey(e)));
                return;
            case LocalDate d:
                text.Append(d.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture));
                return;
            case YearMonth m:
                text.Append(m.ToString("uuuu-MM", CultureInfo.InvariantCulture));
                return;
            case LocalDateTime t:
                text.Append(t.ToString("uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture));
                return;
            case IFormattable f:
                text.Append(f.ToString(null, culture));
                return;
            case System.Collections.IEnumerable list:
                string? separator = null;
                foreach (var item in list)
                {
                    if (separator is null)
                    {
                        separator = lookup(ListSeparatorKey);
                    }
                    else
                    {
                        text.Append(separator);
                    }
                    Append(text, item, lookup, culture);
                }
                return;
            default:
                text.Append(value.ToString());
                return;
        }
    }

    // Keys of the enum values met (a bounded set: the values of the domain's enums).
    private static readonly ConcurrentDictionary<Enum, string> EnumKeys = new();

    /// <summary>The resource key of an enum value's display name: <c>{Type}.{Value}</c>.</summary>
    public static string EnumKey(Enum value) => EnumKeys.GetOrAdd(value, static e => e.GetType().Name + "." + e);

    /// <summary>A literal run of a template, or a placeholder (<see cref="Literal"/> null).</summary>
    private readonly record struct Part(string? Literal, int Index);

    // Templates come from the resource file (a bounded set), so each is parsed once, keyed by its text (a localizer may hand
    // out a new string instance per look-up); past the cap, parsing is per call.
    private const int MaxCachedTemplates = 8192;
    private static readonly ConcurrentDictionary<string, Part[]> Templates = new(StringComparer.Ordinal);

    private static Part[] Parsed(string template)
    {
        if (Templates.TryGetValue(template, out var parts))
        {
            return parts;
        }
        parts = Parse(template);
        if (Templates.Count < MaxCachedTemplates)
        {
            Templates.TryAdd(template, parts);
        }
        return parts;
    }

    // Composite format without alignment or format strings (the resource file uses none): {n}, {{ and }}.
    private static Part[] Parse(string template)
    {
        var parts = new List<Part>();
        var literal = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{' || c == '}' && i + 1 < template.Length && template[i + 1] == '}')
            {
                literal.Append(c);
                i++;
            }
            else if (c == '{')
            {
                var close = template.IndexOf('}', i + 1);
                if (close < 0 || !int.TryParse(template.AsSpan(i + 1, close - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    throw new FormatException($"Invalid placeholder in template '{template}'.");
                }
                if (literal.Length > 0)
                {
                    parts.Add(new Part(literal.ToString(), 0));
                    literal.Clear();
                }
                parts.Add(new Part(null, index));
                i = close;
            }
            else if (c == '}')
            {
                throw new FormatException($"Unmatched '}}' in template '{template}'.");
            }
            else
            {
                literal.Append(c);
            }
        }
        if (literal.Length > 0)
        {
            parts.Add(new Part(literal.ToString(), 0));
        }
        return [.. parts];
    }

    /// <inheritdoc />
    public override string ToString() => Code + (Args.Count > 0 ? "(" + string.Join(", ", Args) + ")" : string.Empty);
}
