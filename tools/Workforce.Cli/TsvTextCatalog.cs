using System.Globalization;
using System.Reflection;
using Workforce.Application.Common;

namespace Workforce.Cli;

/// <summary>The UI's resource file (strings.tsv, embedded at build time) as the use cases' <see cref="ITextCatalog"/>.</summary>
public sealed class TsvTextCatalog : ITextCatalog
{
    private readonly Dictionary<string, (string Chinese, string English)> _texts = Load();

    /// <inheritdoc />
    public string Text(string key) =>
        _texts.TryGetValue(key, out var t) ? (CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? t.English : t.Chinese) : key;

    /// <inheritdoc />
    public IReadOnlyList<string> Spellings(string key) =>
        _texts.TryGetValue(key, out var t) ? (t.Chinese == t.English ? [t.Chinese] : [t.Chinese, t.English]) : [];

    private static Dictionary<string, (string, string)> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("strings.tsv") ?? throw new InvalidOperationException("strings.tsv is not embedded.");
        using var reader = new StreamReader(stream);
        var texts = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var parts = line.Split('\t');
            if (parts.Length == 3)
            {
                texts[parts[0]] = (parts[1], parts[2]);
            }
        }
        return texts;
    }
}
