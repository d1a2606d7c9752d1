using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Application.Common.Import;
using Workforce.Data;
using Workforce.Domain.Assessment;
using Workforce.Domain.Common;
using Workforce.Domain.Pay;

namespace Workforce.Application.Assessment;

/// <summary>Annual assessment ratings recorded one by one or imported from xlsx (with dry run, all or nothing); a rating already recorded is corrected.</summary>
public sealed class AssessmentCommands(WorkforceDbContext db, UseCaseContext context, SheetReader reader)
{
    /// <summary>The assessment sheet: ID-card number, name, year, rating.</summary>
    public static readonly SheetSchema Sheet = new("Pay.Assessments",
    [
        new("Field.IdCardNumber", Required: true),
        new("Field.Name"),
        new("Pay.Year", CellKind.PositiveInteger, Required: true),
        SheetColumn.Enum<AssessmentRating>("Pay.Rating"),
    ], CheckHeader: false);

    /// <summary>Records or corrects one worker's rating for a year.</summary>
    public async Task<CommandResult<AnnualAssessment>?> RecordAssessmentAsync(UserScope scope, long workerId, int year, AssessmentRating rating, string? note, CancellationToken ct)
    {
        if (!await scope.Workers(db).AnyAsync(w => w.Id == workerId, ct))
        {
            return null;
        }
        var existing = await db.AnnualAssessments.SingleOrDefaultAsync(a => a.WorkerId == workerId && a.Year == year, ct);
        return await context.SaveAsync(() =>
        {
            if (existing is null)
            {
                existing = new AnnualAssessment(workerId, year, rating, context.Today, note);
                db.AnnualAssessments.Add(existing);
            }
            else
            {
                existing.Change(rating, note);
            }
            return existing;
        }, ct);
    }

    /// <summary>Checks (dry run) or imports assessments; nothing is written unless every row is valid.</summary>
    public async Task<ImportReport> ImportAsync(UserScope scope, Stream file, bool dryRun, CancellationToken ct)
    {
        var sheet = reader.Read(file, Sheet);
        if (sheet.Refused)
        {
            return sheet.Report(dryRun);
        }
        foreach (var row in sheet.Rows)
        {
            if (row.Value<int>(2) is { } year && year is < 2000 or > 2100)
            {
                row.Reject(2, new Message("Domain.Pay.YearOutOfRange", year));
            }
        }
        var workers = await WorkerColumns.MatchAsync(db, scope, sheet, 0, 1, ct);
        return await sheet.CompleteAsync(db, dryRun, async ct2 =>
        {
            var ids = workers.Values.Distinct().ToList();
            // One rating per worker and year (unique index): looked up by key, not by scanning the list for every row.
            var existing = await db.AnnualAssessments.Where(a => ids.Contains(a.WorkerId)).ToDictionaryAsync(a => (a.WorkerId, a.Year), ct2);
            foreach (var row in sheet.ValidRows)
            {
                var workerId = workers[row];
                var year = row.Value<int>(2)!.Value;
                var rating = row.Value<AssessmentRating>(3)!.Value;
                if (!existing.TryGetValue((workerId, year), out var found))
                {
                    db.AnnualAssessments.Add(new AnnualAssessment(workerId, year, rating, context.Today));
                }
                else
                {
                    found.Change(rating, found.Note);
                }
            }
        }, ct);
    }
}
