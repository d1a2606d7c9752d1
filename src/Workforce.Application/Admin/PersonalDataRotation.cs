using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Workforce.Data;

namespace Workforce.Application.Admin;

/// <summary>Progress of a rotation: the table, values rewritten so far in it, values looked at, and the table's rows.</summary>
public sealed record RotationProgress(string Table, int Rewritten, int Read, int Rows);

/// <summary>What a rotation did, per table.</summary>
public sealed record RotationResult(IReadOnlyList<RotationProgress> Tables)
{
    /// <summary>Values rewritten in all.</summary>
    public int Rewritten => Tables.Sum(t => t.Rewritten);
}

/// <summary>
/// Rotation of stored personal data (ADR 0019): every encrypted column of the model (<c>…Encrypted</c>) is read in batches by key
/// and each value not yet under the writing key and algorithm is rewritten under them, and each ID-card look-up hash not yet
/// under the writing look-up key and algorithm is recomputed from the decrypted number, while the app runs. Each value is updated
/// only if it is still the one read (a value changed meanwhile is left to the next pass), so a rotation never undoes an edit;
/// values already current are skipped, so a rotation stopped half-way resumes where it left off. One audit event per batch
/// records the table, the key range and the count (the values themselves are not audited).
/// </summary>
public sealed class PersonalDataRotation(WorkforceDbContext db)
{
    /// <summary>Rotates every encrypted column; <paramref name="progress"/> hears after each batch.</summary>
    public async Task<RotationResult> RotateAsync(int batchSize, Action<RotationProgress>? progress, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var sql = db.GetService<ISqlGenerationHelper>();
        var results = new List<RotationProgress>();
        var sqlServer = db.Database.ProviderName?.Contains("SqlServer", StringComparison.Ordinal) == true;
        var sqlite = db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true;
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null && e.FindPrimaryKey()?.Properties.Count == 1).OrderBy(e => e.GetTableName()))
        {
            var table = entity.GetTableName()!;
            var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, entity.GetSchema());
            var columns = entity.GetProperties().Select(p => p.GetColumnName(store)).Where(c => c is not null && c.EndsWith("Encrypted", StringComparison.Ordinal)).Cast<string>().Distinct().ToList();
            var key = entity.FindPrimaryKey()!.Properties[0].GetColumnName(store);
            if (columns.Count == 0 || key is null || entity.FindPrimaryKey()!.Properties[0].ClrType != typeof(long))
            {
                continue;
            }
            // The ID-card look-up hash is rewritten from the decrypted number, under the writing look-up key and algorithm.
            var source = columns.IndexOf("IdCardEncrypted");
            var hashAt = -1;
            if (source >= 0 && entity.FindProperty(WorkforceDbContext.IdCardHashProperty)?.GetColumnName(store) is { } hashColumn)
            {
                columns.Add(hashColumn);
                hashAt = columns.Count - 1;
            }
            var (q, k) = (sql.DelimitIdentifier(table, entity.GetSchema()), sql.DelimitIdentifier(key));
            var rows = await CountAsync($"SELECT COUNT(*) FROM {q}", ct);
            int rewritten = 0, read = 0;
            long after = long.MinValue;
            while (true)
            {
                var select = $"{k}, {string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c)))} FROM {q} WHERE {k} > {after.ToString(CultureInfo.InvariantCulture)} ORDER BY {k}";
                var size = batchSize.ToString(CultureInfo.InvariantCulture);
                // Only the batch's rows leave the server (a reader closed early would otherwise drain the rest on PostgreSQL).
                var batch = await ReadAsync(sqlServer ? $"SELECT TOP ({size}) {select}" : $"SELECT {select} LIMIT {size}", columns.Count, batchSize, ct);
                if (batch.Count == 0)
                {
                    break;
                }
                var changed = 0;
                await using (var tx = await db.Database.BeginTransactionAsync(ct))
                {
                    // On a server the batch's rewrites go as a few multi-statement commands (at most 300 values, 900 parameters,
                    // each: under SQL Server's limit) instead of one round trip per value; SQLite, in process, is fastest with one
                    // prepared statement per value.
                    var pending = new List<(string Column, string Fresh, long Id, string Old)>();
                    foreach (var (id, values) in batch)
                    {
                        for (var c = 0; c < columns.Count; c++)
                        {
                            if (c == hashAt)
                            {
                                if (values[c] is { } oldHash && !db.Protector.IsCurrentLookupHash(oldHash) && values[source] is { } number)
                                {
                                    pending.Add((sql.DelimitIdentifier(columns[c]), db.Protector.LookupHash(db.Protector.Unprotect(number)), id, oldHash));
                                }
                            }
                            else if (values[c] is { } old && !db.Protector.IsCurrent(old))
                            {
                                pending.Add((sql.DelimitIdentifier(columns[c]), db.Protector.Protect(db.Protector.Unprotect(old)), id, old));
                            }
                        }
                    }
                    foreach (var chunk in pending.Chunk(sqlite ? 1 : 300))
                    {
                        var text = new System.Text.StringBuilder();
                        var parameters = new List<object>(chunk.Length * 3);
                        foreach (var (column, fresh, id, old) in chunk)
                        {
                            var n = parameters.Count;
                            text.Append(CultureInfo.InvariantCulture, $"UPDATE {q} SET {column} = {{{n}}} WHERE {k} = {{{n + 1}}} AND {column} = {{{n + 2}}};\n");
                            parameters.AddRange([fresh, id, old]);
                        }
                        // Table and column names come from the EF model, delimited by the provider; the values are parameters.
#pragma warning disable EF1002
                        changed += await db.Database.ExecuteSqlRawAsync(text.ToString(), parameters, ct);
#pragma warning restore EF1002
                    }
                    if (changed > 0)
                    {
                        db.RecordAuditEvent("RotatePersonalData", table, $"{batch[0].Id}–{batch[^1].Id}", $"{changed} values → {db.Protector.KeyId}");
                        await db.SaveChangesAsync(ct);
                    }
                    await tx.CommitAsync(ct);
                }
                rewritten += changed;
                read += batch.Count;
                after = batch[^1].Id;
                progress?.Invoke(new RotationProgress(table, rewritten, read, rows));
            }
            results.Add(new RotationProgress(table, rewritten, read, rows));
        }
        return new RotationResult(results);
    }

    private Task<int> CountAsync(string query, CancellationToken ct) =>
        WithCommandAsync(query, async command => Convert.ToInt32(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture), ct);

    private Task<List<(long Id, string?[] Values)>> ReadAsync(string query, int columns, int take, CancellationToken ct) =>
        WithCommandAsync(query, async command =>
        {
            var list = new List<(long, string?[])>(take);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (list.Count < take && await reader.ReadAsync(ct))
            {
                var values = new string?[columns];
                for (var c = 0; c < columns; c++)
                {
                    values[c] = await reader.IsDBNullAsync(c + 1, ct) ? null : reader.GetString(c + 1);
                }
                list.Add((reader.GetInt64(0), values));
            }
            return list;
        }, ct);

    // A command on the context's connection, opened for it and closed after.
    private async Task<T> WithCommandAsync<T>(string query, Func<DbCommand, Task<T>> run, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = query;
            return await run(command);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
