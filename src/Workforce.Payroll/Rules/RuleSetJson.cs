using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using NodaTime;
using NodaTime.Text;
using Workforce.Domain.Common;

namespace Workforce.Payroll.Rules;

/// <summary>Reads and writes rule-set documents as JSON (schema in docs/payroll-rules.md).</summary>
public static class RuleSetJson
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            // Dictionary keys are posts, grades, ratings: kept as written.
            DictionaryKeyPolicy = null,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            WriteIndented = true,
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            NumberHandling = JsonNumberHandling.Strict,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = false,
        };
        options.Converters.Add(new LocalDateConverter());
        options.Converters.Add(new YearMonthConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Serialises a document (indented, UTF-8 Chinese left readable).</summary>
    public static string Serialize(RuleSetDocument document) => JsonSerializer.Serialize(document, Options);

    /// <summary>
    /// Parses and validates a document. Unknown keys, malformed values and rule violations all
    /// come back as <see cref="RuleSetError"/>s; the document is returned only when there are none.
    /// </summary>
    public static (RuleSetDocument? Document, IReadOnlyList<RuleSetError> Errors) Parse(string json)
    {
        RuleSetDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<RuleSetDocument>(json, Options);
        }
        catch (JsonException ex)
        {
            var path = (ex.Path ?? "$").TrimStart('$').TrimStart('.');
            var unknown = ex.Message.Contains("could not be mapped", StringComparison.Ordinal);
            var message = unknown ? new Message("RuleSet.UnknownJsonKey") : new Message("RuleSet.InvalidJson", FirstSentence(ex.Message));
            if (unknown)
            {
                path = UnknownMember(ex.Message) is { } member && path.Length == 0 ? member : path;
            }
            return (null, [new RuleSetError(path.Length == 0 ? "$" : path, unknown ? "UnknownKey" : "InvalidJson", message)]);
        }
        if (document is null)
        {
            return (null, [new RuleSetError("$", "InvalidJson", new Message("RuleSet.EmptyDocument"))]);
        }
        var errors = RuleSetValidator.Validate(document);
        return errors.Count == 0 ? (document, errors) : (null, errors);
    }

    /// <summary>A deep copy of a document (through its JSON form).</summary>
    public static RuleSetDocument Clone(RuleSetDocument document) =>
        JsonSerializer.Deserialize<RuleSetDocument>(Serialize(document), Options)!;

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }

    private static string? UnknownMember(string message)
    {
        var start = message.IndexOf('\'', StringComparison.Ordinal);
        var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
        return end > start ? message[(start + 1)..end] : null;
    }

    private sealed class LocalDateConverter : JsonConverter<LocalDate>
    {
        public override LocalDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            var result = LocalDatePattern.Iso.Parse(text ?? string.Empty);
            return result.Success ? result.Value : throw new JsonException($"'{text}' is not a date (yyyy-MM-dd).");
        }

        public override void Write(Utf8JsonWriter writer, LocalDate value, JsonSerializerOptions options) =>
            writer.WriteStringValue(LocalDatePattern.Iso.Format(value));
    }

    private sealed class YearMonthConverter : JsonConverter<YearMonth>
    {
        private static readonly YearMonthPattern Pattern = YearMonthPattern.CreateWithInvariantCulture("uuuu'-'MM");

        public override YearMonth Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            var result = Pattern.Parse(text ?? string.Empty);
            return result.Success ? result.Value : throw new JsonException($"'{text}' is not a month (yyyy-MM).");
        }

        public override void Write(Utf8JsonWriter writer, YearMonth value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Pattern.Format(value));
    }

    internal static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
