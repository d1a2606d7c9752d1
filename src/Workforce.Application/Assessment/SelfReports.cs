using Microsoft.EntityFrameworkCore;
using Workforce.Application.Common;
using Workforce.Data;
using Workforce.Domain.Common;

namespace Workforce.Application.Assessment;

/// <summary>个人述职 by the worker themself: the text and an optional attachment (PDF, Word, JPEG or PNG, at most 5 MB, type read from the bytes).</summary>
public sealed class SelfReports(WorkforceDbContext db, UseCaseContext context, AssessmentRoundQueries queries)
{
    /// <summary>Largest attachment accepted.</summary>
    public const int MaxAttachmentBytes = DocumentFiles.MaxBytes;

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
            var read = await DocumentFiles.ReadAsync(file, MaxAttachmentBytes, ct);
            if (read is null || DocumentFiles.ContentTypeOf(read) is not { } type)
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
}
