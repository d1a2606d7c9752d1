using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Workforce.Data;
using Workforce.Domain.Common;

namespace Workforce.Application.Common.Import;

/// <summary>A data row of an import sheet: its typed cells and the errors found in it.</summary>
public sealed class ImportRow
{
    private readonly ImportSheet _sheet;
    private readonly object?[] _values;

    internal ImportRow(ImportSheet sheet, int number, object?[] values)
    {
        _sheet = sheet;
        Number = number;
        _values = values;
    }

    /// <summary>1-based row number in the sheet.</summary>
    public int Number { get; }

    /// <summary>True while no error was found in the row.</summary>
    public bool IsValid { get; private set; } = true;

    /// <summary>The text of a text column (null when empty).</summary>
    public string? Text(int column) => _values[column] as string;

    /// <summary>The value of a typed column (null when empty or unreadable).</summary>
    public T? Value<T>(int column) where T : struct => _values[column] is T t ? t : null;

    /// <summary>Records an error in a cell (column −1: the row as a whole).</summary>
    public void Reject(int column, Message reason)
    {
        IsValid = false;
        _sheet.Add(Number, column, reason);
    }

    /// <summary>Records a broken domain rule on the column it names (through <paramref name="columnOfField"/>), else on the row.</summary>
    public void Reject(DomainException ex, Func<string?, int> columnOfField)
    {
        ArgumentNullException.ThrowIfNull(ex);
        ArgumentNullException.ThrowIfNull(columnOfField);
        Reject(columnOfField(ex.Field), ex.ToMessage());
    }
}

/// <summary>
/// A sheet read against its <see cref="SheetSchema"/>: every non-empty data row with its typed cells,
/// and every error found, with row, column and reason. Written all or nothing by <see cref="CompleteAsync"/>.
/// </summary>
public sealed class ImportSheet
{
    private readonly List<ImportRowError> _errors = [];
    private readonly List<ImportRow> _rows = [];
    private readonly int _maxErrors;

    internal ImportSheet(SheetSchema schema, int maxErrors)
    {
        Schema = schema;
        _maxErrors = maxErrors;
    }

    /// <summary>The layout read.</summary>
    public SheetSchema Schema { get; }

    /// <summary>The non-empty data rows.</summary>
    public IReadOnlyList<ImportRow> Rows => _rows;

    /// <summary>The rows without an error.</summary>
    public IEnumerable<ImportRow> ValidRows => _rows.Where(r => r.IsValid);

    /// <summary>True when some error was found.</summary>
    public bool HasErrors => ErrorCount > 0;

    /// <summary>Errors found (also those beyond the listed cap).</summary>
    public int ErrorCount { get; private set; }

    /// <summary>True when the file as a whole was refused (not xlsx, wrong header, too many rows).</summary>
    public bool Refused { get; private set; }

    internal void AddRow(ImportRow row) => _rows.Add(row);

    // The file as a whole is refused: rows read so far and their errors are dropped, the one reason stays.
    internal void Refuse(int row, Message reason)
    {
        Refused = true;
        _rows.Clear();
        _errors.Clear();
        ErrorCount = 0;
        Add(row, -1, reason);
    }

    /// <summary>Records an error that concerns several rows or the file (row 0).</summary>
    public void Add(int row, int column, Message reason)
    {
        ErrorCount++;
        if (_errors.Count < _maxErrors)
        {
            _errors.Add(new ImportRowError(row, column, column >= 0 && column < Schema.Columns.Count ? Schema.Columns[column].HeaderKey : null, reason));
        }
    }

    /// <summary>The report without writing.</summary>
    public ImportReport Report(bool dryRun, bool written = false) =>
        new(_rows.Count, _rows.Count(r => r.IsValid), [.. _errors.OrderBy(e => e.Row).ThenBy(e => e.Column)], dryRun, written, Refused);

    /// <summary>
    /// All or nothing: when every row is valid and this is no dry run, runs <paramref name="write"/> and saves in
    /// one transaction. A rule broken while writing is reported and nothing is saved.
    /// </summary>
    public async Task<ImportReport> CompleteAsync(WorkforceDbContext db, bool dryRun, Func<CancellationToken, Task> write, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(write);
        if (HasErrors || dryRun || _rows.Count == 0)
        {
            db.ChangeTracker.Clear();
            return Report(dryRun);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await write(ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DomainException ex)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            Add(0, -1, ex.ToMessage());
            return Report(dryRun);
        }
        return Report(dryRun, written: true);
    }
}

/// <summary>
/// Reads an xlsx sheet against a schema: the header row (when the schema checks it), the row limit
/// (<c>Import:MaxRows</c>), and every cell by its column's kind; each problem becomes an error with
/// row, column and reason. The importers of workers, applicants, written scores, assessments and
/// deductions all read through here.
/// </summary>
public sealed class SheetReader(ITextCatalog text, IOptions<ImportOptions> options)
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d", "yyyyMMdd"];

    /// <summary>
    /// Rows given as typed values (a JSON body of the API) read as a sheet of <paramref name="schema"/>, numbered from 1, so
    /// they are checked and written by the same code as a file's rows; past <c>Import:MaxRows</c> the whole is refused.
    /// </summary>
    public ImportSheet FromValues(SheetSchema schema, IReadOnlyList<object?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(rows);
        var sheet = new ImportSheet(schema, options.Value.MaxErrors);
        if (rows.Count > options.Value.MaxRows)
        {
            sheet.Refuse(0, new Message("Import.TooManyRows", options.Value.MaxRows));
            return sheet;
        }
        for (var i = 0; i < rows.Count; i++)
        {
            var values = new object?[schema.Columns.Count];
            Array.Copy(rows[i], values, Math.Min(rows[i].Length, values.Length));
            var row = new ImportRow(sheet, i + 1, values);
            sheet.AddRow(row);
            for (var c = 0; c < values.Length; c++)
            {
                if (values[c] is null && schema.Columns[c].Required)
                {
                    row.Reject(c, new Message("Validation.RequiredPlain"));
                }
            }
        }
        return sheet;
    }

    /// <summary>Reads <paramref name="xlsx"/> (seekable) as a stream, refusing the file at the first limit passed (see <see cref="XlsxReader"/>).</summary>
    public ImportSheet Read(Stream xlsx, SheetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var limits = options.Value;
        var sheet = new ImportSheet(schema, limits.MaxErrors);
        var vocabularies = new Dictionary<Type, Dictionary<string, object>>();
        var headerSeen = !schema.CheckHeader;
        try
        {
            foreach (var (number, cells) in XlsxReader.Rows(xlsx, limits, schema.Columns.Count))
            {
                if (!headerSeen)
                {
                    if (number != 1 || !HeaderMatches(cells, schema))
                    {
                        break;
                    }
                    headerSeen = true;
                    continue;
                }
                if (number == 1 || cells.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }
                ReadRow(sheet, number, cells, vocabularies);
            }
        }
        catch (XlsxRefusedException ex)
        {
            sheet.Refuse(ex.Row, ex.Reason);
            return sheet;
        }
        if (!headerSeen)
        {
            sheet.Refuse(1, new Message("Import.BadHeader", schema.Columns.Select(c => new Message(c.HeaderKey)).ToList()));
        }
        return sheet;
    }

    private void ReadRow(ImportSheet sheet, int number, string?[] cells, Dictionary<Type, Dictionary<string, object>> vocabularies)
    {
        var schema = sheet.Schema;
        var values = new object?[schema.Columns.Count];
        var row = new ImportRow(sheet, number, values);
        sheet.AddRow(row);
        for (var c = 0; c < schema.Columns.Count; c++)
        {
            var column = schema.Columns[c];
            var cell = string.IsNullOrWhiteSpace(cells[c]) ? null : cells[c]!.Trim();
            if (cell is null)
            {
                if (column.Required)
                {
                    row.Reject(c, new Message("Validation.RequiredPlain"));
                }
                continue;
            }
            var value = Parse(column, cell, vocabularies);
            if (value is Message problem)
            {
                row.Reject(c, problem);
            }
            else
            {
                values[c] = value;
            }
        }
    }

    private bool HeaderMatches(string?[] first, SheetSchema schema)
    {
        for (var i = 0; i < schema.Columns.Count; i++)
        {
            var cell = first[i]?.Trim();
            if (cell is null || !text.Spellings(schema.Columns[i].HeaderKey).Contains(cell, StringComparer.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    // The value, or a Message saying why the cell cannot be read.
    private object Parse(SheetColumn column, string cell, Dictionary<Type, Dictionary<string, object>> vocabularies)
    {
        switch (column.Kind)
        {
            case CellKind.PositiveInteger:
                return int.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 1 ? i : new Message("Import.BadNumber", cell);
            case CellKind.Number:
                return decimal.TryParse(cell, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : new Message("Import.BadDecimal", cell);
            case CellKind.Date:
                return DateOnly.TryParseExact(cell, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? LocalDate.FromDateOnly(date) : new Message("Import.BadDate", cell);
            case CellKind.Month:
                return Months.Parse(cell) is { } month ? month : new Message("Import.BadMonth", cell);
            case CellKind.Enum:
                var type = column.EnumType ?? throw new InvalidOperationException(column.HeaderKey + ": an enum column needs its type.");
                if (!vocabularies.TryGetValue(type, out var map))
                {
                    vocabularies[type] = map = Vocabulary(type);
                }
                return map.TryGetValue(cell, out var v) ? v : new Message("Import.UnknownValue", cell, Enum.GetValues(type));
            default:
                return cell;
        }
    }

    /// <summary>Display names (Chinese and English) and code names of the values of <paramref name="type"/>.</summary>
    private Dictionary<string, object> Vocabulary(Type type)
    {
        var map = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        foreach (var v in Enum.GetValues(type))
        {
            foreach (var spelling in text.Spellings(Message.EnumKey((Enum)v)))
            {
                map.TryAdd(spelling, v);
            }
            map.TryAdd(v.ToString()!, v);
        }
        return map;
    }
}
