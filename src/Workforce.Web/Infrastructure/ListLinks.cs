using Microsoft.AspNetCore.Http;

namespace Workforce.Web.Infrastructure;

/// <summary>Links of a list page that keep its filters: the current query string with some values replaced (sort, page size, page).</summary>
public static class ListLinks
{
    /// <summary>Page sizes offered under a list.</summary>
    public static readonly int[] PageSizes = [20, 50, 100, 200];

    /// <summary>The current path and query with <paramref name="values"/> set (a null value removes the key).</summary>
    public static string With(this HttpRequest request, params (string Key, string? Value)[] values)
    {
        ArgumentNullException.ThrowIfNull(request);
        // A list page shown in answer to a form post (an import's dry run) links to its own GET address, not to the post's.
        var path = HttpMethods.IsGet(request.Method) ? (request.PathBase + request.Path).ToString()
            : request.HttpContext.Items[ListPathKey] as string ?? (request.PathBase + request.Path).ToString();
        return path + request.QueryWith(values);
    }

    /// <summary>Key of <see cref="HttpContext.Items"/> naming a list's GET address when a post renders it.</summary>
    public const string ListPathKey = "Workforce.ListPath";

    /// <summary>The current query string (with its '?') with <paramref name="values"/> set.</summary>
    public static string QueryWith(this HttpRequest request, params (string Key, string? Value)[] values)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in values)
        {
            query.Remove(key);
            if (value is not null)
            {
                query[key] = value;
            }
        }
        return QueryString.Create(query.Where(q => !string.IsNullOrEmpty(q.Value))).ToString();
    }
}

/// <summary>A sortable column header: the list's column key and its label.</summary>
public sealed record SortHeader(string Key, string Label, bool End = false);
