using System.Globalization;

namespace Workforce.Web.Infrastructure.Xlsx;

/// <summary>
/// Parsing of imported cells shared by every xlsx import: enum values by their Chinese or English
/// display name or code, dates in the usual spellings, numbers; each problem is reported through
/// <c>bad(column, reason)</c> so the import can list every bad cell with its row and column.
/// </summary>
public sealed class ImportCells(UiText text)
{
    /// <summary>Display names (Chinese and English) and code names of the values of <paramref name="enums"/>.</summary>
    public Dictionary<string, object> Vocabulary(params Type[] enums)
    {
        var map = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        var original = CultureInfo.CurrentUICulture;
        try
        {
            foreach (var culture in new[] { "zh-CN", "en" })
            {
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
                foreach (var type in enums)
                {
                    foreach (var v in System.Enum.GetValues(type))
                    {
                        map.TryAdd(text[$"{type.Name}.{v}"], v);
                        map.TryAdd(v.ToString()!, v);
                    }
                }
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = original;
        }
        return map;
    }

    /// <summary>An enum value from a cell (required).</summary>
    public T? Enum<T>(string? value, Dictionary<string, object> map, int column, Action<int, string> bad) where T : struct, System.Enum
    {
        if (value is null)
        {
            bad(column, text["Validation.RequiredPlain"]);
            return null;
        }
        if (map.TryGetValue(value, out var v) && v is T t)
        {
            return t;
        }
        bad(column, text.Format("Import.UnknownValue", value, string.Join("、", System.Enum.GetValues<T>().Select(e => text.Enum(e)))));
        return null;
    }

    /// <summary>A date from a cell.</summary>
    public DateOnly? Date(string? value, int column, bool required, Action<int, string> bad)
    {
        if (value is null)
        {
            if (required)
            {
                bad(column, text["Validation.RequiredPlain"]);
            }
            return null;
        }
        string[] formats = ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d", "yyyyMMdd"];
        if (DateOnly.TryParseExact(value, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }
        bad(column, text.Format("Import.BadDate", value));
        return null;
    }

    /// <summary>A whole number ≥ 1 from a cell (required).</summary>
    public int? PositiveInt(string? value, int column, Action<int, string> bad)
    {
        if (value is not null && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 1)
        {
            return i;
        }
        bad(column, value is null ? text["Validation.RequiredPlain"] : text.Format("Import.BadNumber", value));
        return null;
    }

    /// <summary>A decimal from a cell, or null when empty.</summary>
    public decimal? Number(string? value, int column, Action<int, string> bad)
    {
        if (value is null)
        {
            return null;
        }
        if (decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var d))
        {
            return d;
        }
        bad(column, text.Format("Import.BadNumber", value));
        return null;
    }
}
