using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Workforce.Application.Common;

/// <summary>
/// Writes and reads simple one-sheet tables. The writer streams rows through <see cref="OpenXmlWriter"/>
/// so memory stays flat however many rows there are. Every value is written as text; a value
/// starting with = + - @ also gets the "quote prefix" style, so no spreadsheet program ever treats
/// it as a formula (CSV/formula injection).
/// </summary>
public static class XlsxTable
{
    private const uint TextStyle = 0;
    private const uint QuotedStyle = 1;
    private const uint HeaderStyle = 2;

    /// <summary>True when a spreadsheet would read <paramref name="value"/> as a formula.</summary>
    public static bool LooksLikeFormula(string? value) => !string.IsNullOrEmpty(value) && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>Writes a header row and the rows to <paramref name="output"/> (must be seekable; use a temp file for large tables).</summary>
    public static void Write(Stream output, string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var doc = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbookPart = doc.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = BuildStylesheet();
        var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(sheetPart))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            uint rowIndex = 1;
            WriteRow(writer, rowIndex++, headers, HeaderStyle);
            foreach (var row in rows)
            {
                WriteRow(writer, rowIndex++, row, null);
            }
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        workbookPart.Workbook.AppendChild(new Sheets(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName }));
        workbookPart.Workbook.Save();
    }

    /// <summary>Reads the first sheet as rows of cell text (index 0 = column A); dates stored as numbers are returned as yyyy-MM-dd when the cell has a date format.</summary>
    public static List<string?[]> Read(Stream input, int maxColumns)
    {
        using var doc = SpreadsheetDocument.Open(input, false);
        var workbookPart = doc.WorkbookPart ?? throw new InvalidDataException("No workbook.");
        var sheet = workbookPart.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new InvalidDataException("No sheet.");
        var sheetPart = (WorksheetPart)workbookPart.GetPartById(sheet.Id!);
        var shared = workbookPart.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
        var dateStyles = DateStyleIndexes(workbookPart);
        var result = new List<string?[]>();
        foreach (var row in sheetPart.Worksheet.Descendants<Row>())
        {
            var index = (int)(row.RowIndex?.Value ?? (uint)(result.Count + 1));
            while (result.Count < index)
            {
                result.Add(new string?[maxColumns]);
            }
            var values = result[index - 1];
            var position = 0;
            foreach (var cell in row.Elements<Cell>())
            {
                var col = cell.CellReference?.Value is { } r ? ColumnIndex(r) : position;
                position = col + 1;
                if (col >= maxColumns)
                {
                    continue;
                }
                values[col] = CellText(cell, shared, dateStyles);
            }
        }
        return result;
    }

    /// <summary>Column letters for a 0-based index (0 → A).</summary>
    public static string ColumnName(int index)
    {
        var name = string.Empty;
        index++;
        while (index > 0)
        {
            var m = (index - 1) % 26;
            name = (char)('A' + m) + name;
            index = (index - 1) / 26;
        }
        return name;
    }

    private static void WriteRow(OpenXmlWriter writer, uint rowIndex, IReadOnlyList<string?> values, uint? style)
    {
        writer.WriteStartElement(new Row { RowIndex = rowIndex });
        for (var i = 0; i < values.Count; i++)
        {
            var v = values[i] ?? string.Empty;
            writer.WriteElement(new Cell
            {
                CellReference = ColumnName(i) + rowIndex.ToString(CultureInfo.InvariantCulture),
                DataType = CellValues.InlineString,
                StyleIndex = style ?? (LooksLikeFormula(v) ? QuotedStyle : TextStyle),
                InlineString = new InlineString(new Text(v) { Space = SpaceProcessingModeValues.Preserve }),
            });
        }
        writer.WriteEndElement();
    }

    private static Stylesheet BuildStylesheet() => new(
        new Fonts(new Font(), new Font(new Bold())),
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
        new Borders(new Border()),
        new CellFormats(
            new CellFormat { NumberFormatId = 49, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 49, ApplyNumberFormat = true, QuotePrefix = true },
            new CellFormat { FontId = 1, ApplyFont = true, NumberFormatId = 49, ApplyNumberFormat = true }));

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var ch in reference)
        {
            if (!char.IsAsciiLetter(ch))
            {
                break;
            }
            index = (index * 26) + (char.ToUpperInvariant(ch) - 'A' + 1);
        }
        return index - 1;
    }

    private static HashSet<uint> DateStyleIndexes(WorkbookPart workbookPart)
    {
        var set = new HashSet<uint>();
        var formats = workbookPart.WorkbookStylesPart?.Stylesheet?.CellFormats?.Elements<CellFormat>().ToList();
        if (formats is null)
        {
            return set;
        }
        var custom = workbookPart.WorkbookStylesPart!.Stylesheet!.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.FormatCode?.Value is { } code && (code.Contains('y', StringComparison.OrdinalIgnoreCase) || code.Contains('d', StringComparison.OrdinalIgnoreCase)))
            .Select(f => f.NumberFormatId!.Value).ToHashSet() ?? [];
        for (var i = 0; i < formats.Count; i++)
        {
            var id = formats[i].NumberFormatId?.Value ?? 0;
            if (id is >= 14 and <= 22 || custom.Contains(id))
            {
                set.Add((uint)i);
            }
        }
        return set;
    }

    private static string? CellText(Cell cell, string[] shared, HashSet<uint> dateStyles)
    {
        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText;
        }
        var raw = cell.CellValue?.Text;
        if (raw is null)
        {
            return null;
        }
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i < shared.Length ? shared[i] : null;
        }
        if (cell.StyleIndex?.Value is { } s && dateStyles.Contains(s) && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial))
        {
            return DateTime.FromOADate(serial).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        return raw;
    }
}
