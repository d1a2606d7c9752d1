using System.Globalization;
using Workforce.Domain.Common;

namespace Workforce.Tests.Shared;

/// <summary>
/// Renders the messages the domain and the engine return, with the UI's own resource file (strings.tsv), in Chinese or
/// English — so tests assert the sentences people read, in both languages.
/// </summary>
internal static class Texts
{
    private static readonly Lazy<Dictionary<string, (string Zh, string En)>> Table = new(Load);

    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly Func<string, string> ChineseText = key => Lookup(key, english: false);
    private static readonly Func<string, string> EnglishText = key => Lookup(key, english: true);

    /// <summary>The message in Chinese.</summary>
    public static string Zh(Message message) => message.Render(ChineseText, Chinese);

    /// <summary>The message in English.</summary>
    public static string En(Message message) => message.Render(EnglishText, English);

    /// <summary>One message argument (a formatted number, an enum, a message) in Chinese.</summary>
    public static string ZhArgument(object? value) => Message.RenderArgument(value, ChineseText, Chinese);

    /// <summary>Several messages in Chinese, as one line.</summary>
    public static string Zh(IEnumerable<Message> messages) => string.Join(ChineseText(Message.ListSeparatorKey), messages.Select(Zh));

    /// <summary>True when the resource file has the key.</summary>
    public static bool Has(string key) => Table.Value.ContainsKey(key);

    /// <summary>A key the resource file lacks fails the test: the UI would show the bare key.</summary>
    private static string Lookup(string key, bool english)
        => Table.Value.TryGetValue(key, out var t) ? (english ? t.En : t.Zh) : throw new KeyNotFoundException($"Resource key '{key}' is not in strings.tsv.");

    private static Dictionary<string, (string, string)> Load()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Workforce.sln")))
        {
            dir = dir.Parent;
        }
        var file = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Workforce.sln not found."), "src", "Workforce.Web", "Resources", "strings.tsv");
        var table = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(file))
        {
            var parts = line.Split('\t');
            if (line.Length > 0 && line[0] != '#' && parts.Length == 3)
            {
                table[parts[0]] = (parts[1], parts[2]);
            }
        }
        return table;
    }
}
