using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Workforce.Application.Common;
using Workforce.Application.Common.Import;
using Workforce.Data;
using Workforce.Domain.Assessment;
using Workforce.Domain.Common;

namespace Workforce.Application.Assessment;

/// <summary>
/// The review scores of a round by xlsx, for rounds too large for the page's table: the officer downloads the round's score
/// sheet (number, name and community of every person, with the scores already recorded), fills the 述职 and 组织评价 scores and
/// absence days, and imports it (dry run first, all or nothing). Rows are matched by the number within the round and checked
/// against the name, so a sheet of another round or a shifted row is refused; no ID numbers travel in the file.
/// </summary>
public sealed class ReviewScoreImport(WorkforceDbContext db, AssessmentRoundQueries queries, SheetReader reader)
{
    /// <summary>The score sheet.</summary>
    public static readonly SheetSchema Sheet = new("Assessment.ScoreSheet",
    [
        new("Assessment.EntryNumber", CellKind.PositiveInteger, Required: true),
        new("Field.Name", Required: true),
        new("Assessment.Community"),
        new("Assessment.ReportScore", CellKind.Number, Required: true),
        new("Assessment.OrganisationScore", CellKind.Number, Required: true),
        new("Assessment.AbsenceDays", CellKind.Number),
    ]);

    /// <summary>The rows of a round's score sheet (null when the round is outside scope).</summary>
    public async Task<List<IReadOnlyList<string?>>?> SheetRowsAsync(UserScope scope, long roundId, CancellationToken ct)
    {
        if (await queries.ViewAsync(scope, roundId, ct) is not { } view)
        {
            return null;
        }
        return [.. view.Rows.Select(r => (IReadOnlyList<string?>)[r.EntryId.ToString(CultureInfo.InvariantCulture), r.Name, r.Unit, N(r.ReportScore), N(r.OrganisationScore),
            r.AbsenceDays.ToString(CultureInfo.InvariantCulture)])];
    }

    /// <summary>Checks (dry run) or records the scores of a sheet; null when the round is outside scope.</summary>
    public async Task<ImportReport?> ImportAsync(UserScope scope, long roundId, Stream file, bool dryRun, CancellationToken ct)
    {
        var round = await queries.FindAsync(scope, roundId, ct);
        if (round is null)
        {
            return null;
        }
        var sheet = reader.Read(file, Sheet);
        if (sheet.Refused)
        {
            return sheet.Report(dryRun);
        }
        var workerIds = round.Entries.Select(e => e.WorkerId).ToList();
        var names = await db.Workers.AsNoTracking().Where(w => EF.Parameter(workerIds).Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Name, ct);
        var seen = new HashSet<long>();
        foreach (var row in sheet.ValidRows.ToList())
        {
            var entry = round.Entries.FirstOrDefault(e => e.Id == row.Value<int>(0));
            if (entry is null || !string.Equals(names[entry.WorkerId], row.Text(1), StringComparison.Ordinal))
            {
                row.Reject(0, new Message("Domain.Assessment.NotInRound", row.Text(1) ?? string.Empty));
                continue;
            }
            if (!seen.Add(entry.Id))
            {
                row.Reject(0, new Message("Domain.Assessment.RowTwice"));
            }
            foreach (var column in new[] { 3, 4 })
            {
                if (row.Value<decimal>(column) is not (>= 0 and <= 100))
                {
                    row.Reject(column, new Message("Domain.Assessment.ScoreRange"));
                }
            }
            if (row.Value<decimal>(5) is { } days && (days is < 0 or > 366 || days != decimal.Truncate(days)))
            {
                row.Reject(5, new Message("Domain.Assessment.AbsenceRange"));
            }
        }
        return await sheet.CompleteAsync(db, dryRun, _ =>
        {
            foreach (var row in sheet.ValidRows)
            {
                var entry = round.Entries.First(e => e.Id == row.Value<int>(0));
                round.Evaluate(entry, row.Value<decimal>(3)!.Value, row.Value<decimal>(4)!.Value, (int)(row.Value<decimal>(5) ?? 0m));
            }
            return Task.CompletedTask;
        }, ct);
    }

    private static string? N(decimal? v) => v?.ToString("0.##", CultureInfo.InvariantCulture);
}
