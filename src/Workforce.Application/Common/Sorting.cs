using System.Linq.Expressions;

namespace Workforce.Application.Common;

/// <summary>
/// Server-side sorting of a list by a column named in the URL (<c>Sort=name</c>, <c>Sort=-name</c> for descending). Each list
/// names its sortable columns; an unknown column falls back to the list's default order (never an error, never a raw column name).
/// </summary>
public static class Sorting
{
    /// <summary>Orders <paramref name="source"/> by the column <paramref name="sort"/> names, or by <paramref name="fallback"/>'s column.</summary>
    public static IOrderedQueryable<T> SortBy<T>(this IQueryable<T> source, string? sort, IReadOnlyDictionary<string, Expression<Func<T, object?>>> columns, string fallback)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var descending = sort?.StartsWith('-') == true;
        var key = sort?.TrimStart('-');
        if (key is null || !columns.TryGetValue(key, out var column))
        {
            descending = fallback.StartsWith('-');
            column = columns[fallback.TrimStart('-')];
        }
        return descending ? source.OrderByDescending(column) : source.OrderBy(column);
    }

    /// <summary>
    /// <paramref name="rows"/> read by id (in whatever order the database gave them) put back in the order of <paramref name="ids"/>,
    /// the order a page was chosen in.
    /// </summary>
    public static List<T> InOrderOf<T>(this IEnumerable<T> rows, IReadOnlyList<long> ids, Func<T, long> id)
    {
        var position = new Dictionary<long, int>(ids.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            position[ids[i]] = i;
        }
        return [.. rows.OrderBy(r => position[id(r)])];
    }
}
