using Microsoft.EntityFrameworkCore;
using Workforce.Data;
using Workforce.Domain.Common;
using Workforce.Domain.Workers;

namespace Workforce.Application.Common.Import;

/// <summary>
/// The worker a row of a pay-facts sheet is about: the ID-card number (one keyed-hash look-up per 500 numbers of the
/// file, among the workers in the caller's scope) and the name beside it, which must match the registry.
/// </summary>
public static class WorkerColumns
{
    /// <summary>The worker of each valid row; rows whose number is invalid, unknown in scope or whose name differs are rejected.</summary>
    public static async Task<Dictionary<ImportRow, long>> MatchAsync(WorkforceDbContext db, UserScope scope, ImportSheet sheet, int idColumn, int nameColumn, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(sheet);
        var hashes = new Dictionary<ImportRow, string>();
        var stored = new Dictionary<string, string>(StringComparer.Ordinal); // every stored form of a number → its current hash
        foreach (var row in sheet.Rows.Where(r => r.IsValid))
        {
            var text = row.Text(idColumn);
            if (IdCardNumber.TryParse(text, out var number, out var code))
            {
                var forms = db.Protector.LookupHashes(number.Value);
                hashes[row] = forms[0];
                foreach (var form in forms)
                {
                    stored[form] = forms[0];
                }
            }
            else
            {
                row.Reject(idColumn, new Message("Domain." + (code ?? "IdCard.Length"), text ?? string.Empty));
            }
        }
        var found = new Dictionary<string, (long Id, string Name)>();
        foreach (var chunk in stored.Keys.Chunk(500))
        {
            var part = await scope.Workers(db).AsNoTracking().Where(w => chunk.Contains(EF.Property<string>(w, WorkforceDbContext.IdCardHashProperty)))
                .Select(w => new { Hash = EF.Property<string>(w, WorkforceDbContext.IdCardHashProperty), w.Id, w.Name }).ToListAsync(ct);
            foreach (var p in part)
            {
                found[stored[p.Hash]] = (p.Id, p.Name);
            }
        }
        var result = new Dictionary<ImportRow, long>();
        foreach (var (row, hash) in hashes)
        {
            if (!found.TryGetValue(hash, out var worker))
            {
                row.Reject(idColumn, new Message("Import.WorkerNotFound"));
            }
            else if (worker.Name != row.Text(nameColumn))
            {
                row.Reject(nameColumn, new Message("Import.NameMismatch", row.Text(nameColumn) ?? string.Empty, worker.Name));
            }
            else
            {
                result[row] = worker.Id;
            }
        }
        return result;
    }
}
