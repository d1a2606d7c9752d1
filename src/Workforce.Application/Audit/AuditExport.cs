using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Data;

namespace Workforce.Application.Audit;

/// <summary>Settings of the audit trail kept off the box (section <c>Audit</c>).</summary>
public sealed class AuditExportOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Audit";

    /// <summary>
    /// Days the exported audit files are kept: at least 183 (the six months of 《网络安全法》 art. 21); a smaller value stops the
    /// app at start. Rows in the database are never deleted by the product (the chain must stay whole).
    /// </summary>
    [Range(183, 36_500, ErrorMessage = "Audit:RetentionDays must be at least 183 (six months).")]
    public int RetentionDays { get; set; } = 183;

    /// <summary>Where the daily files go (relative to the content root; a mounted share ships them off the box).</summary>
    [Required]
    public string ExportDirectory { get; set; } = "App_Data/audit-export";
}

/// <summary>One day's export: the file, rows written, and the chain's head when it was written.</summary>
public sealed record AuditExportResult(string File, int Rows, long HeadSequence, string HeadHash);

/// <summary>
/// The daily export of the audit trail (ADR 0019): every row of a day (in the users' zone) as one JSON line, in chain order,
/// then a closing line with the chain's head sequence and hash at the time of writing, so the file can be checked against the
/// database and shipped off the box. Files older than the retention are removed from the directory. Rewriting a day replaces
/// its file.
/// </summary>
public sealed class AuditExport(WorkforceDbContext db, BusinessCalendar calendar, IOptions<AuditExportOptions> options)
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Exports <paramref name="day"/> into the directory under <paramref name="contentRoot"/>.</summary>
    public async Task<AuditExportResult> ExportDayAsync(LocalDate day, string contentRoot, CancellationToken ct)
    {
        var directory = Path.GetFullPath(Path.Combine(contentRoot, options.Value.ExportDirectory));
        Directory.CreateDirectory(directory);
        var from = day.AtStartOfDayInZone(calendar.Zone).ToInstant();
        var to = day.PlusDays(1).AtStartOfDayInZone(calendar.Zone).ToInstant();
        var file = Path.Combine(directory, $"audit-{day.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture)}.jsonl");
        var temporary = file + ".part";
        var rows = 0;
        Data.Auditing.AuditChainHead head;
        await using (var writer = new StreamWriter(temporary, false, new UTF8Encoding(false)))
        {
            long after = 0;
            while (true)
            {
                var batch = await db.AuditEntries.AsNoTracking().Where(e => e.Timestamp >= from && e.Timestamp < to && e.Sequence > after)
                    .OrderBy(e => e.Sequence).Take(2000).ToListAsync(ct);
                foreach (var e in batch)
                {
                    await writer.WriteLineAsync(JsonSerializer.Serialize(new
                    {
                        sequence = e.Sequence, timestamp = e.Timestamp.ToString(), userId = e.UserId, userName = e.UserName, action = e.Action,
                        entityType = e.EntityType, entityId = e.EntityId, before = e.Before, after = e.After, previousHash = e.PreviousHash, hash = e.Hash,
                    }, Json));
                    rows++;
                }
                if (batch.Count < 2000)
                {
                    break;
                }
                after = batch[^1].Sequence;
            }
            head = await db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.Id == 1, ct);
            await writer.WriteLineAsync(JsonSerializer.Serialize(new { day = day.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture), rows, headSequence = head.Sequence, headHash = head.LastHash }, Json));
        }
        File.Move(temporary, file, overwrite: true);
        Prune(directory, day);
        return new AuditExportResult(file, rows, head.Sequence, head.LastHash);
    }

    // Files of days before the retention are removed (only this export's own files).
    private void Prune(string directory, LocalDate today)
    {
        var oldest = today.PlusDays(-options.Value.RetentionDays);
        foreach (var path in Directory.EnumerateFiles(directory, "audit-*.jsonl"))
        {
            var name = Path.GetFileNameWithoutExtension(path)["audit-".Length..];
            if (NodaTime.Text.LocalDatePattern.Iso.Parse(name) is { Success: true } parsed && parsed.Value < oldest)
            {
                File.Delete(path);
            }
        }
    }
}
