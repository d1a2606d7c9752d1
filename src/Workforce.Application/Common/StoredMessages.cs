using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using Workforce.Domain.Common;

namespace Workforce.Application.Common;

/// <summary>
/// Messages kept in the database (run reports) as JSON, so that they are rendered in the reader's language when
/// read, not in the language of whoever caused them. Arguments keep their kind: text, numbers, dates, months,
/// enum values (stored as their display-name key), nested messages and lists. Text stored before this format
/// (plain sentences) reads back as one verbatim message.
/// </summary>
public static class StoredMessages
{
    /// <summary>Key of a message that shows its single argument as it is.</summary>
    public const string VerbatimKey = "Common.Verbatim";

    private const string Marker = "{\"messages\":";

    /// <summary>The JSON form of <paramref name="messages"/>; null for none.</summary>
    public static string? Serialize(IReadOnlyList<Message> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return null;
        }
        var array = new JsonArray();
        foreach (var m in messages)
        {
            array.Add(Node(m));
        }
        return new JsonObject { ["messages"] = array }.ToJsonString();
    }

    /// <summary>The messages of a stored report (empty for null).</summary>
    public static IReadOnlyList<Message> Deserialize(string? stored)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return [];
        }
        if (!stored.StartsWith(Marker, StringComparison.Ordinal))
        {
            return [new Message(VerbatimKey, stored)];
        }
        try
        {
            var root = JsonNode.Parse(stored)!["messages"]!.AsArray();
            return [.. root.Select(n => ToMessage(n!.AsObject()))];
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            return [new Message(VerbatimKey, stored)];
        }
    }

    private static JsonObject Node(Message m)
    {
        var args = new JsonArray();
        foreach (var a in m.Args)
        {
            args.Add(Argument(a));
        }
        return new JsonObject { ["c"] = m.Code, ["a"] = args };
    }

    private static JsonNode Argument(object? value) => value switch
    {
        null => new JsonObject { ["s"] = string.Empty },
        Message m => new JsonObject { ["msg"] = Node(m) },
        string s => new JsonObject { ["s"] = s },
        Enum e => new JsonObject { ["k"] = Message.EnumKey(e) },
        LocalDate d => new JsonObject { ["d"] = LocalDatePattern.Iso.Format(d) },
        YearMonth ym => new JsonObject { ["m"] = Months.Label(ym) },
        int or long or decimal or short or byte or double => new JsonObject { ["n"] = Convert.ToString(value, CultureInfo.InvariantCulture) },
        System.Collections.IEnumerable list => new JsonObject { ["l"] = new JsonArray([.. list.Cast<object?>().Select(Argument)]) },
        _ => new JsonObject { ["s"] = Convert.ToString(value, CultureInfo.InvariantCulture) },
    };

    private static Message ToMessage(JsonObject node) =>
        new(node["c"]!.GetValue<string>(), [.. node["a"]!.AsArray().Select(a => FromArgument(a!.AsObject()))]);

    private static object? FromArgument(JsonObject node)
    {
        var (kind, value) = node.First();
        return kind switch
        {
            "msg" => ToMessage(value!.AsObject()),
            "k" => new Message(value!.GetValue<string>()),
            "d" => LocalDatePattern.Iso.Parse(value!.GetValue<string>()).Value,
            "m" => Months.Parse(value!.GetValue<string>()),
            "n" => decimal.Parse(value!.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture),
            "l" => value!.AsArray().Select(a => FromArgument(a!.AsObject())).ToList(),
            _ => value!.GetValue<string>(),
        };
    }
}
