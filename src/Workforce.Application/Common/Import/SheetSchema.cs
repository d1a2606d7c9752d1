using Workforce.Domain.Common;

namespace Workforce.Application.Common.Import;

/// <summary>How a cell is read.</summary>
public enum CellKind
{
    /// <summary>Text, trimmed.</summary>
    Text = 1,
    /// <summary>A whole number of at least 1.</summary>
    PositiveInteger = 2,
    /// <summary>A decimal number.</summary>
    Number = 3,
    /// <summary>A date (yyyy-MM-dd, yyyy/M/d, yyyy.M.d, yyyyMMdd, or a date cell).</summary>
    Date = 4,
    /// <summary>A month, yyyy-MM.</summary>
    Month = 5,
    /// <summary>An enum value, by its Chinese or English display name or its code.</summary>
    Enum = 6,
}

/// <summary>A column of an import sheet: its header (a resource key), how it is read and whether it must be filled.</summary>
/// <param name="HeaderKey">Resource key of the header.</param>
/// <param name="Kind">How the cell is read.</param>
/// <param name="Required">An empty cell is an error.</param>
/// <param name="EnumType">The enum of an <see cref="CellKind.Enum"/> column.</param>
public sealed record SheetColumn(string HeaderKey, CellKind Kind = CellKind.Text, bool Required = false, Type? EnumType = null)
{
    /// <summary>An enum column.</summary>
    public static SheetColumn Enum<T>(string headerKey, bool required = true) where T : struct, System.Enum =>
        new(headerKey, CellKind.Enum, required, typeof(T));
}

/// <summary>
/// The layout of an import sheet, declared once: the columns in order (A, B, …) and whether the first row
/// must carry their headers. Templates, reading, validation messages and benchmarks all use it.
/// </summary>
/// <param name="SheetNameKey">Resource key of the sheet's name in templates.</param>
/// <param name="Columns">Columns in order.</param>
/// <param name="CheckHeader">The first row must hold the headers (in either language).</param>
public sealed record SheetSchema(string SheetNameKey, IReadOnlyList<SheetColumn> Columns, bool CheckHeader = true)
{
    /// <summary>Index of the column with <paramref name="headerKey"/>.</summary>
    public int IndexOf(string headerKey)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].HeaderKey == headerKey)
            {
                return i;
            }
        }
        throw new ArgumentException(headerKey + " is not a column of this sheet.", nameof(headerKey));
    }

    /// <summary>Header keys in order (the template's first row).</summary>
    public IReadOnlyList<string> HeaderKeys => [.. Columns.Select(c => c.HeaderKey)];
}

/// <summary>One bad cell or row of an import.</summary>
/// <param name="Row">1-based sheet row (0: the file as a whole).</param>
/// <param name="Column">0-based column (−1: the row or file as a whole).</param>
/// <param name="HeaderKey">Resource key of the column's header, or null.</param>
/// <param name="Reason">Why.</param>
public sealed record ImportRowError(int Row, int Column, string? HeaderKey, Message Reason);

/// <summary>Outcome of an import: rows read, rows valid, every error (up to the cap), and whether anything was written.</summary>
/// <param name="Rows">Data rows read.</param>
/// <param name="ValidRows">Rows without an error.</param>
/// <param name="Errors">Errors in row and column order.</param>
/// <param name="DryRun">Only checked.</param>
/// <param name="Written">All rows were written.</param>
/// <param name="Refused">The file as a whole was refused (not an xlsx, past a limit, wrong header); <see cref="Errors"/> says why.</param>
public sealed record ImportReport(int Rows, int ValidRows, IReadOnlyList<ImportRowError> Errors, bool DryRun, bool Written, bool Refused = false);
