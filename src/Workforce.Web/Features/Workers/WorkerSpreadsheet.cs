using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Workforce.Data;
using Workforce.Domain.Workers;
using Workforce.Web.Infrastructure;
using Workforce.Web.Infrastructure.Xlsx;

namespace Workforce.Web.Features.Workers;

/// <summary>One bad cell or row of an import: 1-based row, column letter and header, and why.</summary>
public sealed record ImportRowError(int Row, string Column, string Reason);

/// <summary>Outcome of an import: rows read, rows valid, every error, and whether anything was written.</summary>
public sealed record ImportReport(int Rows, int ValidRows, IReadOnlyList<ImportRowError> Errors, bool DryRun, bool Written);

/// <summary>
/// The worker list as xlsx (export of the filtered list, masked) and the import of new workers
/// from xlsx: every row is checked first; nothing is written unless every row is valid, and then
/// all rows are written in one transaction.
/// </summary>
public sealed class WorkerSpreadsheet(WorkforceDbContext db, WorkerService workers, UiText text)
{
    private readonly ImportCells cells = new(text);

    /// <summary>Largest import accepted, in data rows.</summary>
    public const int MaxImportRows = 10_000;

    private static readonly string[] ImportFields =
    [
        nameof(WorkerCreateInput.Name), nameof(WorkerCreateInput.IdCardNumber), nameof(WorkerCreateInput.Phone),
        nameof(WorkerCreateInput.Education), nameof(WorkerCreateInput.PoliticalStatus), nameof(WorkerCreateInput.HireDate),
        nameof(WorkerCreateInput.CommunityId), nameof(WorkerCreateInput.Post), nameof(WorkerCreateInput.Grade),
        nameof(WorkerCreateInput.AssignmentStart),
    ];

    /// <summary>Headers of the import template, in the user's language.</summary>
    public IReadOnlyList<string> ImportHeaders => ImportFields.Select(f => text["Import.Column." + f]).ToList();

    /// <summary>Writes the filtered list (masked personal data) to <paramref name="output"/>.</summary>
    public async Task ExportAsync(UserScope scope, WorkerFilter filter, Stream output, CancellationToken ct)
    {
        var q = await workers.QueryAsync(scope, filter, ct);
        string[] headers =
        [
            text["Field.Name"], text["Field.IdCardNumber"], text["Field.Sex"], text["Field.BirthDate"], text["Field.Phone"],
            text["Field.Education"], text["Field.PoliticalStatus"], text["Field.HireDate"], text["Field.Community"],
            text["Field.Post"], text["Field.Grade"],
        ];
        var rows = q.AsAsyncEnumerable().ToBlockingEnumerable(ct).Select(r => (IReadOnlyList<string?>)
        [
            r.Name, r.IdCard.Masked, text.Enum(r.IdCard.Sex), r.IdCard.BirthDateText, r.Phone?.Masked,
            text.Enum(r.Education), text.Enum(r.PoliticalStatus), r.HireDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            r.OrgUnitName, text.Enum(r.CurrentPost), r.CurrentGrade?.ToString(),
        ]);
        XlsxTable.Write(output, text["Workers.Title"], headers, rows);
    }

    /// <summary>Writes an empty import template.</summary>
    public void WriteTemplate(Stream output) => XlsxTable.Write(output, text["Workers.Title"], ImportHeaders, []);

    /// <summary>Checks every row; when all are valid and <paramref name="dryRun"/> is false, writes them all at once.</summary>
    public async Task<ImportReport> ImportAsync(UserScope scope, Stream xlsx, bool dryRun, CancellationToken ct)
    {
        List<string?[]> table;
        try
        {
            table = XlsxTable.Read(xlsx, ImportFields.Length);
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or IOException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException)
        {
            return new ImportReport(0, 0, [new ImportRowError(0, "-", text["Import.NotXlsx"])], dryRun, false);
        }
        var errors = new List<ImportRowError>();
        var headers = ImportHeaders;
        if (table.Count == 0 || !headers.Select((h, i) => string.Equals(table[0][i]?.Trim(), h, StringComparison.Ordinal)).All(x => x))
        {
            return new ImportReport(0, 0, [new ImportRowError(1, "-", text.Format("Import.BadHeader", string.Join("、", headers)))], dryRun, false);
        }
        var dataRows = table.Skip(1).Select((cells, i) => (Row: i + 2, Cells: cells)).Where(r => r.Cells.Any(c => !string.IsNullOrWhiteSpace(c))).ToList();
        if (dataRows.Count > MaxImportRows)
        {
            return new ImportReport(dataRows.Count, 0, [new ImportRowError(0, "-", text.Format("Import.TooManyRows", MaxImportRows))], dryRun, false);
        }

        var communities = (await workers.CommunitiesAsync(scope, ct)).ToDictionary(c => c.Code, StringComparer.Ordinal);
        var bands = await workers.GradeBandsAsync(ct);
        var enums = EnumVocabulary();
        var built = new List<Worker>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (row, cells) in dataRows)
        {
            var rowErrors = new List<ImportRowError>();
            string? Cell(int i) => string.IsNullOrWhiteSpace(cells[i]) ? null : cells[i]!.Trim();
            void Bad(int column, string reason) => rowErrors.Add(new ImportRowError(row, Column(column), reason));

            var input = new WorkerCreateInput
            {
                Name = Cell(0),
                IdCardNumber = Cell(1),
                Phone = Cell(2),
                Education = ParseEnum<Education>(Cell(3), enums, 3, Bad),
                PoliticalStatus = ParseEnum<PoliticalStatus>(Cell(4), enums, 4, Bad),
                HireDate = ParseDate(Cell(5), 5, required: true, Bad),
                Post = ParseEnum<Post>(Cell(7), enums, 7, Bad),
                Grade = ParseInt(Cell(8), 8, Bad),
                AssignmentStart = ParseDate(Cell(9), 9, required: false, Bad),
            };
            if (input.Name is null)
            {
                Bad(0, text["Validation.RequiredPlain"]);
            }
            if (input.IdCardNumber is null)
            {
                Bad(1, text["Validation.RequiredPlain"]);
            }
            var community = Cell(6) is { } code && communities.TryGetValue(code, out var c) ? c : null;
            if (community is null)
            {
                Bad(6, text["Validation.CommunityNotFound"]);
            }
            if (rowErrors.Count == 0)
            {
                input.CommunityId = community!.Id;
                var result = workers.Build(input, community, bands);
                if (result.Succeeded)
                {
                    var hash = db.Protector.LookupHash(result.Value!.IdCard.Value);
                    if (seen.TryGetValue(hash, out var firstRow))
                    {
                        Bad(1, text.Format("Import.DuplicateInFile", firstRow));
                    }
                    else
                    {
                        seen[hash] = row;
                        built.Add(result.Value);
                    }
                }
                else
                {
                    rowErrors.AddRange(result.Errors.Select(e => new ImportRowError(row, Column(Array.IndexOf(ImportFields, e.Field ?? string.Empty)), e.Message)));
                }
            }
            errors.AddRange(rowErrors);
        }

        // Numbers already registered: one query for the whole file.
        var hashes = seen.Keys.ToList();
        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in hashes.Chunk(500))
        {
            var found = await db.Workers.AsNoTracking().Select(w => EF.Property<string>(w, WorkforceDbContext.IdCardHashProperty)).Where(h => chunk.Contains(h)).ToListAsync(ct);
            existing.UnionWith(found);
        }
        foreach (var hash in existing)
        {
            errors.Add(new ImportRowError(seen[hash], Column(1), text["Validation.IdCardExists"]));
        }
        errors.Sort((a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : string.CompareOrdinal(a.Column, b.Column));

        var valid = dataRows.Count - errors.Select(e => e.Row).Distinct().Count();
        if (errors.Count > 0 || dryRun || dataRows.Count == 0)
        {
            return new ImportReport(dataRows.Count, valid, errors, dryRun, false);
        }
        db.Workers.AddRange(built);
        await db.SaveChangesAsync(ct);
        return new ImportReport(dataRows.Count, valid, errors, dryRun, true);
    }

    private string Column(int index) => index < 0 ? "-" : $"{XlsxTable.ColumnName(index)}（{text["Import.Column." + ImportFields[index]]}）";

    private Dictionary<string, object> EnumVocabulary() => cells.Vocabulary(typeof(Education), typeof(PoliticalStatus), typeof(Post));

    private T? ParseEnum<T>(string? value, Dictionary<string, object> map, int column, Action<int, string> bad) where T : struct, Enum => cells.Enum<T>(value, map, column, bad);

    private DateOnly? ParseDate(string? value, int column, bool required, Action<int, string> bad) => cells.Date(value, column, required, bad);

    private int? ParseInt(string? value, int column, Action<int, string> bad) => cells.PositiveInt(value, column, bad);
}
