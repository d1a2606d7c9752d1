using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Workforce.Data;

/// <summary>
/// Inserts many rows of one entity type on the context's connection and current transaction, bypassing change tracking: on
/// PostgreSQL with binary COPY, elsewhere with prepared (multi-row) INSERT statements. Column names, value conversions (NodaTime,
/// enums) and column types come from the EF model, so rows written here read back through EF exactly like rows EF wrote. Not
/// audited: callers audit the operation as a whole. On PostgreSQL nothing else may use the connection between the first row and
/// <see cref="FlushAsync"/> (the COPY holds it).
/// </summary>
public sealed class BulkInsert : IAsyncDisposable
{
    /// <summary>Parameters per statement.</summary>
    public static int MaxParameters { get; set; } = 1000;

    private readonly DbContext _db;
    private readonly IProperty[] _properties;
    private readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter?[] _converters;
    private readonly int _rowsPerStatement;
    private readonly object?[] _pending;
    private DbCommand? _full;
    private int _rows;
    // PostgreSQL: the COPY in progress and each column's type name (the store type without its facets).
    private readonly string[]? _copyTypes;
    private Npgsql.NpgsqlBinaryImporter? _copy;

    /// <summary>Prepares an insert of <paramref name="properties"/> of <typeparamref name="T"/>.</summary>
    public static BulkInsert For<T>(DbContext db, int rowsPerStatement, params string[] properties) where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException(typeof(T).Name + " is not mapped.");
        return new BulkInsert(db, entity, [.. properties.Select(p => entity.FindProperty(p) ?? throw new InvalidOperationException(p + " is not mapped."))], rowsPerStatement);
    }

    private BulkInsert(DbContext db, IEntityType entity, IProperty[] properties, int rowsPerStatement)
    {
        _db = db;
        _properties = properties;
        _converters = [.. properties.Select(p => p.GetTypeMapping().Converter)];
        // SQLite binds each parameter by a linear search of the statement's names, so a multi-row statement
        // costs O(parameters²) and one row per prepared statement is fastest there (measured: docs/benchmarks.md).
        // Server databases save a round trip per row with multi-row statements, under every limit (SQL Server: 2,100).
        var sqlite = db.Database.IsSqlite();
        _rowsPerStatement = sqlite ? 1 : Math.Max(1, Math.Min(rowsPerStatement, MaxParameters / properties.Length));
        if (db.Database.IsNpgsql())
        {
            // Binary COPY streams every row in one operation: no statements, no parameters (docs/benchmarks.md, goal 4).
            _rowsPerStatement = 1;
            _copyTypes = [.. properties.Select(p => ((RelationalTypeMapping)p.GetRelationalTypeMapping()).StoreTypeNameBase)];
        }
        _pending = new object?[_rowsPerStatement * properties.Length];
        Table = entity.GetTableName()!;
    }

    private string Table { get; }

    /// <summary>
    /// Prepares an insert of every mapped column of <typeparamref name="T"/>; rows are then given as entities
    /// (<see cref="AddAsync{T}"/>), so no list of values has to be kept in step with a list of columns.
    /// </summary>
    public static BulkInsert ForEntity<T>(DbContext db, int rowsPerStatement) where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException(typeof(T).Name + " is not mapped.");
        return new BulkInsert(db, entity, [.. entity.GetProperties().Where(p => !p.IsShadowProperty())], rowsPerStatement);
    }

    /// <summary>Adds an entity as a row (every column this insert was prepared with, read through the model's getters).</summary>
    public ValueTask AddAsync<T>(T entity, CancellationToken ct) where T : class
    {
        ArgumentNullException.ThrowIfNull(entity);
        for (var i = 0; i < _properties.Length; i++)
        {
            Set(i, _properties[i].GetGetter().GetClrValue(entity));
        }
        return EndRowAsync(ct);
    }

    /// <summary>Sets column <paramref name="index"/> (in the order given) of the row being built, as the model value.</summary>
    public void Set(int index, object? value) => _pending[(_rows * _properties.Length) + index] = value;

    /// <summary>Ends the row; writes a statement when enough rows are pending.</summary>
    public async ValueTask EndRowAsync(CancellationToken ct)
    {
        if (_copyTypes is not null)
        {
            await CopyRowAsync(ct);
            return;
        }
        _rows++;
        if (_rows == _rowsPerStatement)
        {
            _full ??= await CreateAsync(_rowsPerStatement, ct);
            await ExecuteAsync(_full, _rows, ct);
        }
    }

    /// <summary>Writes the rows still pending.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        if (_copy is not null)
        {
            await _copy.CompleteAsync(ct);
            await _copy.DisposeAsync();
            _copy = null;
        }
        if (_rows > 0)
        {
            await using var tail = await CreateAsync(_rows, ct);
            await ExecuteAsync(tail, _rows, ct);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_copy is not null)
        {
            // Not flushed: disposing an incomplete COPY cancels it (nothing written).
            await _copy.DisposeAsync();
        }
        if (_full is not null)
        {
            await _full.DisposeAsync();
        }
    }

    private async Task CopyRowAsync(CancellationToken ct)
    {
        if (_copy is null)
        {
            var connection = (Npgsql.NpgsqlConnection)await OpenAsync(ct);
            _copy = await connection.BeginBinaryImportAsync($"COPY {TableAndColumns()} FROM STDIN (FORMAT BINARY)", ct);
        }
        await _copy.StartRowAsync(ct);
        for (var i = 0; i < _properties.Length; i++)
        {
            var value = _pending[i];
            _pending[i] = null;
            if (value is null)
            {
                await _copy.WriteNullAsync(ct);
                continue;
            }
            if (_converters[i] is { } converter)
            {
                value = converter.ConvertToProvider(value);
            }
            await _copy.WriteAsync(value, _copyTypes![i], ct);
        }
    }

    // "Table" ("Column", ...) as the model names them.
    private string TableAndColumns()
    {
        var sql = _db.GetService<ISqlGenerationHelper>();
        var store = StoreObjectIdentifier.Table(Table, null);
        return $"{sql.DelimitIdentifier(Table)} ({string.Join(", ", _properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(store)!)))})";
    }

    // The context's connection, opened when it is not (it stays in the context's hands).
    private async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        if (_db.Database.GetDbConnection().State != System.Data.ConnectionState.Open)
        {
            await _db.Database.OpenConnectionAsync(ct);
        }
        return _db.Database.GetDbConnection();
    }

        private async Task ExecuteAsync(DbCommand command, int rows, CancellationToken ct)
    {
        var n = rows * _properties.Length;
        for (var i = 0; i < n; i++)
        {
            var value = _pending[i];
            var converter = _converters[i % _converters.Length];
            if (value is not null && converter is not null)
            {
                value = converter.ConvertToProvider(value);
            }
            command.Parameters[i].Value = value ?? DBNull.Value;
            _pending[i] = null;
        }
        await command.ExecuteNonQueryAsync(ct);
        _rows = 0;
    }

    private async Task<DbCommand> CreateAsync(int rows, CancellationToken ct)
    {
        var sql = _db.GetService<ISqlGenerationHelper>();
        var text = new StringBuilder("INSERT INTO ").Append(TableAndColumns()).Append(" VALUES ");
        var connection = await OpenAsync(ct);
        var command = connection.CreateCommand();
        command.Transaction = _db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandTimeout = 600;
        for (var r = 0; r < rows; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < _properties.Length; c++)
            {
                var name = "p" + ((r * _properties.Length) + c).ToString(System.Globalization.CultureInfo.InvariantCulture);
                text.Append(c == 0 ? string.Empty : ", ").Append(sql.GenerateParameterNamePlaceholder(name));
                var mapping = (RelationalTypeMapping)_properties[c].GetRelationalTypeMapping();
                // The parameter is named exactly as in the SQL (with its prefix): drivers that bind by name
                // then find it at the first look-up instead of retrying with each prefix.
                command.Parameters.Add(mapping.CreateParameter(command, sql.GenerateParameterName(name), null, nullable: true));
            }
            text.Append(')');
        }
        command.CommandText = text.ToString();
        await command.PrepareAsync(ct);
        return command;
    }
}
