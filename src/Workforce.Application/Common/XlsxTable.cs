using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Workforce.Application.Common;

/// <summary>
/// Writes simple one-sheet tables (reading is <see cref="Import.XlsxReader"/>'s, bounded). The writer streams rows through <see cref="OpenXmlWriter"/>
/// so memory stays flat however many rows there are. Every value is written as text; a value
/// starting with = + - @ also gets the "quote prefix" style, so no spreadsheet program ever treats
/// it as a formula (CSV/formula injection).
/// </summary>
public static class XlsxTable
{
    private const uint TextStyle = 0;
    private const uint QuotedStyle = 1;
    private const uint HeaderStyle = 2;
    private const uint NumberStyle = 3;

    /// <summary>True when a spreadsheet would read <paramref name="value"/> as a formula.</summary>
    public static bool LooksLikeFormula(string? value) => !string.IsNullOrEmpty(value) && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>Writes a header row and the rows to <paramref name="output"/> (must be seekable; use a temp file for large tables).</summary>
    public static void Write(Stream output, string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
        => Write(output, [new XlsxSheet(sheetName, headers, rows)]);

    /// <summary>
    /// Writes several sheets, each a header row and its rows streamed in order (cells are text, except the sheet's numeric
    /// columns, written as numbers with two decimals); <paramref name="output"/> must be seekable.
    /// </summary>
    public static void Write(Stream output, IReadOnlyList<XlsxSheet> sheets)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        using var doc = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbookPart = doc.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = BuildStylesheet();
        var list = new Sheets();
        uint sheetId = 1;
        foreach (var sheet in sheets)
        {
            var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(sheetPart))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                uint rowIndex = 1;
                WriteRow(writer, rowIndex++, sheet.Headers, HeaderStyle, null);
                foreach (var row in sheet.Rows)
                {
                    WriteRow(writer, rowIndex++, row, null, sheet.NumericColumns);
                }
                writer.WriteEndElement();
                if (sheet.Lists is { Count: > 0 } lists)
                {
                    // Drop-down lists (data validation) on the data rows of the listed columns; they follow the sheet data, as the schema orders.
                    writer.WriteElement(new DataValidations(lists.OrderBy(l => l.Key).Select(l => new DataValidation
                    {
                        Type = DataValidationValues.List,
                        AllowBlank = true,
                        ShowErrorMessage = true,
                        ShowDropDown = false,
                        SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{ColumnName(l.Key)}2:{ColumnName(l.Key)}{ListRows + 1}" },
                        Formula1 = new Formula1("\"" + string.Join(",", l.Value.Select(v => v.Replace("\"", string.Empty, StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal))) + "\""),
                    })) { Count = (uint)lists.Count });
                }
                writer.WriteEndElement();
            }
            list.AppendChild(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = sheetId++, Name = sheet.Name });
        }
        workbookPart.Workbook.AppendChild(list);
        workbookPart.Workbook.Save();
    }

    /// <summary>Data rows a drop-down list covers (the import's row limit).</summary>
    public const int ListRows = 20_000;

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

    private static void WriteRow(OpenXmlWriter writer, uint rowIndex, IReadOnlyList<string?> values, uint? style, IReadOnlySet<int>? numeric)
    {
        writer.WriteStartElement(new Row { RowIndex = rowIndex });
        for (var i = 0; i < values.Count; i++)
        {
            var v = values[i] ?? string.Empty;
            var reference = ColumnName(i) + rowIndex.ToString(CultureInfo.InvariantCulture);
            if (numeric is not null && numeric.Contains(i) && v.Length > 0 && decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
            {
                writer.WriteElement(new Cell { CellReference = reference, DataType = CellValues.Number, StyleIndex = NumberStyle, CellValue = new CellValue(v) });
                continue;
            }
            writer.WriteElement(new Cell
            {
                CellReference = reference,
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
            new CellFormat { FontId = 1, ApplyFont = true, NumberFormatId = 49, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 2, ApplyNumberFormat = true }));
}

/// <summary>
/// A sheet to write: its name, headers, rows (streamed), the 0-based columns written as numbers, and drop-down lists of allowed
/// values by 0-based column (data validation on the data rows; each list's text at most 255 characters, as Excel allows).
/// </summary>
public sealed record XlsxSheet(string Name, IReadOnlyList<string> Headers, IEnumerable<IReadOnlyList<string?>> Rows, IReadOnlySet<int>? NumericColumns = null,
    IReadOnlyDictionary<int, IReadOnlyList<string>>? Lists = null);
