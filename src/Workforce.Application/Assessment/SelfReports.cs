using Microsoft.EntityFrameworkCore;
using Workforce.Application.Common;
using Workforce.Data;
using Workforce.Domain.Common;

namespace Workforce.Application.Assessment;

/// <summary>个人述职 by the worker themself: the text and an optional attachment (PDF, Word, JPEG or PNG, at most 5 MB, type read from the bytes).</summary>
public sealed class SelfReports(WorkforceDbContext db, UseCaseContext context, AssessmentRoundQueries queries)
{
    /// <summary>Largest attachment accepted.</summary>
    public const int MaxAttachmentBytes = 5 * 1024 * 1024;

    /// <summary>Submits (or replaces) the signed-in worker's self-report in a round; null when the worker is not assessed in it.</summary>
    public async Task<CommandResult<bool>?> SubmitAsync(UserScope scope, long roundId, string? text, string? fileName, Stream? file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.WorkerId is not { } own)
        {
            return null;
        }
        var round = await db.AssessmentRounds.Include(r => r.Entries).SingleOrDefaultAsync(r => r.Id == roundId && r.Entries.Any(e => e.WorkerId == own), ct);
        var entry = round?.EntryOf(own);
        if (round is null || entry is null)
        {
            return null;
        }
        AssessmentAttachment? attachment = null;
        if (file is not null)
        {
            var read = await ReadAsync(file, ct);
            if (read is null || ContentTypeOf(read) is not { } type)
            {
                return CommandResult<bool>.Fail("Attachment", "Domain.Assessment.AttachmentRefused", MaxAttachmentBytes / 1024 / 1024);
            }
            var name = Path.GetFileName(fileName ?? "attachment");
            attachment = new AssessmentAttachment { EntryId = entry.Id, FileName = name.Length > 100 ? name[^100..] : name, ContentType = type, Content = read };
        }
        var existing = attachment is null ? null : await db.AssessmentAttachments.SingleOrDefaultAsync(a => a.EntryId == entry.Id, ct);
        return await context.SaveAsync(() =>
        {
            round.SubmitReport(entry, text ?? string.Empty, attachment?.FileName, context.Today);
            if (attachment is not null)
            {
                if (existing is not null)
                {
                    db.AssessmentAttachments.Remove(existing);
                }
                db.AssessmentAttachments.Add(attachment);
            }
            return true;
        }, ct);
    }

    /// <summary>The signed-in worker's rounds.</summary>
    public Task<List<MyAssessment>> MineAsync(UserScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.WorkerId is { } own ? queries.MineAsync(own, ct) : Task.FromResult(new List<MyAssessment>());
    }

    // Reads at most the limit plus one byte: a longer file is refused without reading it all.
    private static async Task<byte[]?> ReadAsync(Stream file, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await file.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > MaxAttachmentBytes)
            {
                return null;
            }
        }
        return buffer.Length == 0 ? null : buffer.ToArray();
    }

    /// <summary>The content type by the file's first bytes: PDF, JPEG, PNG, or a Word document (a zip holding word/); null for anything else.</summary>
    public static string? ContentTypeOf(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ReadOnlySpan<byte> b = bytes;
        if (b.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }
        if (b.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }
        if (b.StartsWith("PK\x03\x04"u8))
        {
            try
            {
                using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes), System.IO.Compression.ZipArchiveMode.Read);
                if (zip.Entries.Count <= 1000 && zip.GetEntry("word/document.xml") is not null)
                {
                    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
                }
            }
            catch (InvalidDataException)
            {
                return null;
            }
        }
        return null;
    }
}
