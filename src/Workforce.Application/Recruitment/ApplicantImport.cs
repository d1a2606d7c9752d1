using System.Globalization;
using Workforce.Application.Common;
using Workforce.Application.Common.Import;
using Workforce.Data;
using Workforce.Domain.Common;
using Workforce.Domain.Recruitment;
using Workforce.Domain.Workers;

namespace Workforce.Application.Recruitment;

/// <summary>
/// The sheets of a recruitment round: applicants (报名) and written scores (笔试成绩). Every row is checked
/// against the round's rules; nothing is written unless every row is valid.
/// </summary>
public sealed class ApplicantImport(WorkforceDbContext db, SheetReader reader, RecruitmentQueries queries, RecruitmentCommands commands)
{
    /// <summary>
    /// Columns of the applicant sheet: post (name or number), name, ID number, phone, education, political status, household area,
    /// bonus codes; then, optional, months of community work, a parent's and the spouse's household area and the party joining date.
    /// </summary>
    public static readonly SheetSchema ApplicantSheet = new("Recruitment.Applicants",
    [
        new("Recruitment.Post", Required: true),
        new("Field.Name"),
        new("Field.IdCardNumber"),
        new("Field.Phone"),
        SheetColumn.Enum<Education>("Field.Education", required: false),
        SheetColumn.Enum<PoliticalStatus>("Field.PoliticalStatus", required: false),
        new("Recruitment.HouseholdArea"),
        new("Recruitment.BonusCodes"),
        new("Recruitment.CommunityMonths", CellKind.Number),
        new("Recruitment.ParentHouseholdArea"),
        new("Recruitment.SpouseHouseholdArea"),
        new("Recruitment.PartyJoinedOn", CellKind.Date),
    ], CheckHeader: false);

    /// <summary>Columns of the written-score sheet: candidate number, score (or 缺考 / absent).</summary>
    public static readonly SheetSchema WrittenScoreSheet = new("Recruitment.WrittenScore",
    [
        new("Recruitment.CandidateNo", CellKind.PositiveInteger, Required: true),
        new("Recruitment.WrittenScore", Required: true),
    ], CheckHeader: false);

    private static readonly string[] AbsentSpellings = ["缺考", "absent", "Absent"];

    /// <summary>Checks (dry run) or imports applicants; null when the round is outside scope.</summary>
    public async Task<ImportReport?> ImportAsync(UserScope scope, long roundId, Stream file, bool dryRun, CancellationToken ct)
    {
        var round = await queries.FindAsync(scope, roundId, ct);
        if (round is null)
        {
            return null;
        }
        ArgumentNullException.ThrowIfNull(file);
        // The file's fingerprint goes into the import's one audit entry (the stream is rewound for the reader).
        var copied = file.CanSeek ? null : await CopyAsync(file, ct);
        await using var disposeCopy = copied;
        var seekable = copied ?? file;
        var sha256 = Convert.ToHexString(await System.Security.Cryptography.SHA256.HashDataAsync(seekable, ct));
        seekable.Position = 0;
        var sheet = reader.Read(seekable, ApplicantSheet);
        if (sheet.Refused)
        {
            return sheet.Report(dryRun);
        }
        foreach (var row in sheet.Rows)
        {
            var postText = row.Text(0);
            var post = round.Posts.SingleOrDefault(p => p.Name == postText || p.Id.ToString(CultureInfo.InvariantCulture) == postText);
            if (post is null)
            {
                row.Reject(0, new Message("Import.UnknownValue", postText ?? string.Empty, round.Posts.Select(p => p.Name).ToList()));
            }
            if (!row.IsValid)
            {
                continue;
            }
            var input = new ApplicantInput
            {
                PostId = post!.Id,
                Name = row.Text(1),
                IdCardNumber = row.Text(2),
                Phone = row.Text(3),
                Education = row.Value<Education>(4),
                PoliticalStatus = row.Value<PoliticalStatus>(5) ?? PoliticalStatus.Masses,
                HouseholdArea = row.Text(6),
                Bonus = [.. (row.Text(7) ?? string.Empty).Split([',', '，', '、', ' '], StringSplitOptions.RemoveEmptyEntries)],
                CommunityMonths = row.Value<decimal>(8) is { } months ? (int)months : null,
                ParentHouseholdArea = row.Text(9),
                SpouseHouseholdArea = row.Text(10),
                PartyJoinedOn = row.Value<NodaTime.LocalDate>(11)?.ToDateOnly(),
            };
            try
            {
                commands.Register(round, input);
            }
            catch (DomainException ex)
            {
                row.Reject(ex, field => field switch
                {
                    "Name" => 1, "IdCardNumber" => 2, "Phone" => 3, "Bonus" => 7, "DeclaredCommunityMonths" => 8, "ParentHouseholdArea" => 9,
                    "SpouseHouseholdArea" => 10, "PartyJoinedOn" => 11, _ => 2,
                });
            }
        }
        // The registrations were applied to the tracked round; saving them is the write, audited as one entry naming the
        // applicants created and the file (ADR 0015), not one entry per applicant.
        using (db.AuditCreationsAsOne<Applicant>("ApplicantsImported", nameof(RecruitmentRound), roundId.ToString(CultureInfo.InvariantCulture),
            $"sha256={sha256}; rows={sheet.Rows.Count}"))
        {
            return await sheet.CompleteAsync(db, dryRun, _ => Task.CompletedTask, ct);
        }
    }

    private static async Task<Stream> CopyAsync(Stream file, CancellationToken ct)
    {
        var copy = new MemoryStream();
        await file.CopyToAsync(copy, ct);
        copy.Position = 0;
        return copy;
    }

    /// <summary>Reads written scores; every unreadable row is an error and then nothing is recorded.</summary>
    public (List<WrittenScoreInput> Scores, ImportReport Report) ReadWrittenScores(Stream file)
    {
        var sheet = reader.Read(file, WrittenScoreSheet);
        var scores = new List<WrittenScoreInput>();
        foreach (var row in sheet.Rows.Where(r => r.IsValid))
        {
            var id = row.Value<int>(0)!.Value;
            var score = row.Text(1)!;
            if (AbsentSpellings.Contains(score, StringComparer.Ordinal))
            {
                scores.Add(new WrittenScoreInput(id, null, true));
            }
            else if (decimal.TryParse(score, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
            {
                scores.Add(new WrittenScoreInput(id, value));
            }
            else
            {
                row.Reject(1, new Message("Import.BadDecimal", score));
            }
        }
        return (scores, sheet.Report(dryRun: true));
    }
}
