using System.Globalization;
using Microsoft.Extensions.Localization;
using Workforce.Application.Common;
using Workforce.Domain.Common;

namespace Workforce.Web.Infrastructure;

/// <summary>
/// Looks up UI text in the resource files (zh-CN default, en): plain keys, enum names, and the messages the use cases,
/// the domain and the payroll engine return as codes with arguments, rendered in the reader's language.
/// </summary>
public sealed class UiText(IStringLocalizer<SharedResource> localizer)
{
    /// <summary>Text for a key.</summary>
    public string this[string key] => localizer[key];

    /// <summary>Text for a key with placeholders.</summary>
    public string Format(string key, params object?[] args) => Message(new Message(key, args));

    /// <summary>A message in the reader's language.</summary>
    public string Message(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Render(Lookup, CultureInfo.CurrentCulture);
    }

    /// <summary>The messages of refused input, joined for a one-line notice.</summary>
    public string Messages(IEnumerable<FieldError> errors) => Messages(errors.Select(e => e.Message));

    /// <summary>The column of an import error: "C（身份证号）", or "-" for the row or the file as a whole.</summary>
    public string ImportColumn(Application.Common.Import.ImportRowError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.Column < 0)
        {
            return "-";
        }
        var letter = XlsxTable.ColumnName(error.Column);
        return error.HeaderKey is { } key ? Format("Import.ColumnLabel", letter, new Message(key)) : letter;
    }

    /// <summary>Several messages joined for one line (e.g. every reason of a refusal).</summary>
    public string Messages(IEnumerable<Message> messages) => string.Join(this[Domain.Common.Message.ListSeparatorKey], messages.Select(Message));

    /// <summary>Display name of an enum value (key <c>{Type}.{Value}</c>).</summary>
    public string Enum<T>(T value) where T : struct, System.Enum => localizer[Domain.Common.Message.EnumKey(value)];

    /// <summary>Display name of an optional enum value; empty when null.</summary>
    public string Enum<T>(T? value) where T : struct, System.Enum => value is { } v ? Enum(v) : string.Empty;

    /// <summary>The display names of each enum column of an import sheet, by 0-based column (the template's drop-down lists).</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<string>> EnumLists(Application.Common.Import.SheetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return schema.Columns.Select((c, i) => (c, i)).Where(x => x.c.EnumType is not null)
            .ToDictionary(x => x.i, x => (IReadOnlyList<string>)[.. System.Enum.GetValues(x.c.EnumType!).Cast<System.Enum>().Select(v => localizer[Domain.Common.Message.EnumKey(v)].Value)]);
    }

    /// <summary>Text for a key, or null when the resource file has none.</summary>
    public string? Find(string key) => localizer[key] is { ResourceNotFound: false } text ? text.Value : null;

    private string Lookup(string key) => localizer[key];
}

/// <summary>The resource file as the use cases' <see cref="ITextCatalog"/>: the reader's language, or every language for reading input.</summary>
public sealed class ResourceTextCatalog(IStringLocalizer<SharedResource> localizer) : ITextCatalog
{
    private static readonly CultureInfo[] Cultures = [CultureInfo.GetCultureInfo("zh-CN"), CultureInfo.GetCultureInfo("en")];

    /// <inheritdoc />
    public string Text(string key) => localizer[key];

    /// <inheritdoc />
    public IReadOnlyList<string> Spellings(string key)
    {
        var original = CultureInfo.CurrentUICulture;
        try
        {
            var result = new List<string>(Cultures.Length);
            foreach (var culture in Cultures)
            {
                CultureInfo.CurrentUICulture = culture;
                var text = localizer[key];
                if (!text.ResourceNotFound && !result.Contains(text.Value))
                {
                    result.Add(text.Value);
                }
            }
            return result;
        }
        finally
        {
            CultureInfo.CurrentUICulture = original;
        }
    }
}
