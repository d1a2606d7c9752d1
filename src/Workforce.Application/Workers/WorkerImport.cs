using Microsoft.EntityFrameworkCore;
using Workforce.Application.Common;
using Workforce.Application.Common.Import;
using Workforce.Data;
using Workforce.Domain.Organisation;
using Workforce.Domain.Workers;

namespace Workforce.Application.Workers;

/// <summary>
/// New workers from xlsx: every row is checked first (fields, domain rules, duplicates in the file and
/// in the registry); nothing is written unless every row is valid, and then all rows in one transaction.
/// </summary>
public sealed class WorkerImport(WorkforceDbContext db, SheetReader reader, WorkerCommands commands)
{
    private const int Name = 0, IdCard = 1, Phone = 2, Education = 3, Political = 4, Hire = 5, Community = 6, PostColumn = 7, GradeColumn = 8, Start = 9;

    /// <summary>The sheet: headers are checked (Chinese or English).</summary>
    public static readonly SheetSchema Schema = new("Workers.Title",
    [
        new("Import.Column.Name", Required: true),
        new("Import.Column.IdCardNumber", Required: true),
        new("Import.Column.Phone"),
        SheetColumn.Enum<Education>("Import.Column.Education"),
        SheetColumn.Enum<PoliticalStatus>("Import.Column.PoliticalStatus"),
        new("Import.Column.HireDate", CellKind.Date, Required: true),
        new("Import.Column.CommunityId", Required: true),
        SheetColumn.Enum<Post>("Import.Column.Post"),
        new("Import.Column.Grade", CellKind.PositiveInteger, Required: true),
        new("Import.Column.AssignmentStart", CellKind.Date),
    ]);

    private static readonly Dictionary<string, int> ColumnOfField = new(StringComparer.Ordinal)
    {
        [nameof(WorkerCreateInput.Name)] = Name, [nameof(WorkerCreateInput.IdCardNumber)] = IdCard, [nameof(WorkerCreateInput.Phone)] = Phone,
        [nameof(WorkerCreateInput.Education)] = Education, [nameof(WorkerCreateInput.PoliticalStatus)] = Political, [nameof(WorkerCreateInput.HireDate)] = Hire,
        [nameof(WorkerCreateInput.CommunityId)] = Community, [nameof(WorkerCreateInput.Post)] = PostColumn, [nameof(WorkerCreateInput.Grade)] = GradeColumn,
        [nameof(WorkerCreateInput.AssignmentStart)] = Start,
    };

    /// <summary>Checks (dry run) or imports the sheet; nothing is written unless every row is valid.</summary>
    public async Task<ImportReport> ImportAsync(UserScope scope, Stream xlsx, bool dryRun, CancellationToken ct)
    {
        var sheet = reader.Read(xlsx, Schema);
        if (sheet.Refused)
        {
            return sheet.Report(dryRun);
        }
        var communities = await scope.Units(db).AsNoTracking().Where(u => u.Type == OrgUnitType.Community).ToDictionaryAsync(u => u.Code, StringComparer.Ordinal, ct);
        var bands = await commands.GradeBandsAsync(ct);
        var built = new List<Worker>();
        var seen = new Dictionary<string, ImportRow>(StringComparer.Ordinal);
        var stored = new Dictionary<string, string>(StringComparer.Ordinal); // every stored form of a number → its current hash
        foreach (var row in sheet.Rows)
        {
            var community = row.Text(Community) is { } code && communities.TryGetValue(code, out var c) ? c : null;
            if (community is null && row.Text(Community) is not null)
            {
                row.Reject(Community, new("Validation.CommunityNotFound"));
            }
            if (!row.IsValid)
            {
                continue;
            }
            var input = new WorkerCreateInput
            {
                Name = row.Text(Name),
                IdCardNumber = row.Text(IdCard),
                Phone = row.Text(Phone),
                Education = row.Value<Education>(Education),
                PoliticalStatus = row.Value<PoliticalStatus>(Political),
                HireDate = row.Value<NodaTime.LocalDate>(Hire)?.ToDateOnly(),
                CommunityId = community!.Id,
                Post = row.Value<Post>(PostColumn),
                Grade = row.Value<int>(GradeColumn),
                AssignmentStart = row.Value<NodaTime.LocalDate>(Start)?.ToDateOnly(),
            };
            var result = WorkerCommands.Build(input, community, bands);
            if (!result.Succeeded)
            {
                foreach (var e in result.Errors)
                {
                    row.Reject(e.Field is { } f && ColumnOfField.TryGetValue(f, out var column) ? column : -1, e.Message);
                }
                continue;
            }
            var forms = db.Protector.LookupHashes(result.Value!.IdCard.Value);
            var hash = forms[0];
            if (seen.TryGetValue(hash, out var first))
            {
                row.Reject(IdCard, new("Import.DuplicateInFile", first.Number));
                continue;
            }
            seen[hash] = row;
            foreach (var form in forms)
            {
                stored[form] = hash;
            }
            built.Add(result.Value);
        }

        // Numbers already registered, whatever look-up key hashed them: one query per 500 stored forms.
        foreach (var chunk in stored.Keys.Chunk(500))
        {
            var found = await db.Workers.AsNoTracking().Select(w => EF.Property<string>(w, WorkforceDbContext.IdCardHashProperty)).Where(h => chunk.Contains(h)).ToListAsync(ct);
            foreach (var hash in found)
            {
                seen[stored[hash]].Reject(IdCard, new("Validation.IdCardExists"));
            }
        }
        return await sheet.CompleteAsync(db, dryRun, _ =>
        {
            db.Workers.AddRange(built);
            return Task.CompletedTask;
        }, ct);
    }
}
