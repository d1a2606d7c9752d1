using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using Workforce.Domain.Common;

namespace Workforce.Application.Common.Import;

/// <summary>A workbook refused before or while it was read: not an xlsx, or past one of the <see cref="ImportOptions"/> limits.</summary>
public sealed class XlsxRefusedException(Message reason, int row = 0) : Exception(reason?.Code)
{
    /// <summary>Why, for the reader.</summary>
    public Message Reason { get; } = reason!;

    /// <summary>The sheet row concerned, or 0 for the file.</summary>
    public int Row { get; } = row;
}

/// <summary>
/// Reads the first sheet of an xlsx as a stream of rows, with the work bounded by <see cref="ImportOptions"/> before and
/// while parsing: the upload size and the zip's entry count are checked from the end-of-central-directory record before
/// any entry is opened; every part is inflated through a counter that stops at <see cref="ImportOptions.MaxPartBytes"/>
/// whatever size the zip declares; XML is read forward only (no DOM, no DTD) and cell text in chunks, so a cell longer
/// than <see cref="ImportOptions.MaxCellChars"/> is refused before it is held; a row numbered past the row limit (or more rows than it), or a
/// cell past the column limit, stops the read at once. Nothing is padded: rows are yielded as they appear.
/// </summary>
public static class XlsxReader
{
    private const string RelationshipsNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string StrictRelationshipsNs = "http://purl.oclc.org/ooxml/officeDocument/relationships";

    /// <summary>
    /// The rows of the first sheet, in file order: 1-based row number and the text of the first <paramref name="columns"/> cells
    /// (dates stored as numbers in a date format come back as yyyy-MM-dd). Throws <see cref="XlsxRefusedException"/> on a limit
    /// or a file that is not an xlsx. <paramref name="input"/> must be seekable.
    /// </summary>
    public static IEnumerable<(int Number, string?[] Cells)> Rows(Stream input, ImportOptions limits, int columns)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(limits);
        if (!input.CanSeek)
        {
            throw new ArgumentException("The xlsx stream must be seekable.", nameof(input));
        }
        return Read(input, limits, columns);
    }

    private static IEnumerable<(int Number, string?[] Cells)> Read(Stream input, ImportOptions limits, int columns)
    {
        CheckEnvelope(input, limits);
        using var zip = Open(input);
        var rels = ReadRelationships(zip, limits);
        var sheetPath = FirstSheetPath(zip, rels, limits);
        var shared = rels.SharedStrings is { } sst ? ReadSharedStrings(zip, sst, limits) : [];
        var dates = rels.Styles is { } styles ? ReadDateStyles(zip, styles, limits) : [];
        using var reader = OpenPart(zip, sheetPath, limits);
        var text = new Scratch(limits);
        var lastRow = 0;
        var rows = 0;
        while (Next(reader))
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "row")
            {
                continue;
            }
            // The header and MaxRows data rows: a row numbered past them, or more row elements than that, is refused at once.
            var number = RowNumber(reader.GetAttribute("r"), lastRow);
            if (number > limits.MaxRows + 1 || ++rows > limits.MaxRows + 1)
            {
                throw new XlsxRefusedException(new Message("Import.TooManyRows", limits.MaxRows), number);
            }
            lastRow = number;
            var cells = new string?[columns];
            if (!reader.IsEmptyElement)
            {
                ReadRow(reader, number, cells, shared, dates, limits, text);
            }
            yield return (number, cells);
        }
    }

    // Size and entry count from the end-of-central-directory record, and the zip's signature, before anything is inflated.
    private static void CheckEnvelope(Stream input, ImportOptions limits)
    {
        var length = input.Length - input.Position;
        if (length > limits.MaxUploadBytes)
        {
            throw new XlsxRefusedException(limits.TooLarge());
        }
        var start = input.Position;
        Span<byte> head = stackalloc byte[4];
        if (length < 22 || input.ReadAtLeast(head, 4, throwOnEndOfStream: false) < 4 || BinaryPrimitives.ReadUInt32LittleEndian(head) != 0x04034b50)
        {
            throw NotXlsx();
        }
        // The record is 22 bytes plus a comment of at most 65,535; look for its signature from the end.
        var tail = (int)Math.Min(length, 22 + 65_535);
        var buffer = new byte[tail];
        input.Position = start + length - tail;
        input.ReadExactly(buffer);
        input.Position = start;
        for (var i = tail - 22; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(i)) == 0x06054b50)
            {
                var entries = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(i + 10));
                if (entries > limits.MaxZipEntries)
                {
                    throw new XlsxRefusedException(new Message("Import.TooManyEntries", limits.MaxZipEntries));
                }
                return;
            }
        }
        throw NotXlsx();
    }

    private static ZipArchive Open(Stream input)
    {
        try
        {
            return new ZipArchive(input, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            throw NotXlsx();
        }
    }

    private static XlsxRefusedException NotXlsx() => new(new Message("Import.NotXlsx"));

    private sealed record Relationships(Dictionary<string, string> ById, string? SharedStrings, string? Styles);

    private static Relationships ReadRelationships(ZipArchive zip, ImportOptions limits)
    {
        var byId = new Dictionary<string, string>(StringComparer.Ordinal);
        string? shared = null, styles = null;
        using var reader = OpenPart(zip, "xl/_rels/workbook.xml.rels", limits);
        while (Next(reader))
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "Relationship")
            {
                continue;
            }
            var id = reader.GetAttribute("Id");
            var target = reader.GetAttribute("Target");
            var type = reader.GetAttribute("Type") ?? string.Empty;
            if (id is null || target is null || byId.Count >= limits.MaxZipEntries)
            {
                continue;
            }
            var path = PartPath(target);
            byId[id] = path;
            if (type.EndsWith("/sharedStrings", StringComparison.Ordinal))
            {
                shared = path;
            }
            else if (type.EndsWith("/styles", StringComparison.Ordinal))
            {
                styles = path;
            }
        }
        return new Relationships(byId, shared, styles);
    }

    // A relationship target of the workbook part, relative to xl/ unless absolute.
    private static string PartPath(string target)
    {
        if (target.StartsWith('/'))
        {
            return target[1..];
        }
        var parts = new List<string> { "xl" };
        foreach (var segment in target.Split('/'))
        {
            if (segment == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (segment is not ("" or "."))
            {
                parts.Add(segment);
            }
        }
        return string.Join('/', parts);
    }

    private static string FirstSheetPath(ZipArchive zip, Relationships rels, ImportOptions limits)
    {
        using var reader = OpenPart(zip, "xl/workbook.xml", limits);
        while (Next(reader))
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheet")
            {
                var id = reader.GetAttribute("id", RelationshipsNs) ?? reader.GetAttribute("id", StrictRelationshipsNs);
                return id is not null && rels.ById.TryGetValue(id, out var path) ? path : throw NotXlsx();
            }
        }
        throw NotXlsx();
    }

    private static List<string> ReadSharedStrings(ZipArchive zip, string path, ImportOptions limits)
    {
        var strings = new List<string>();
        var item = new StringBuilder();
        var text = new Scratch(limits);
        var total = 0L;
        var maxItems = (long)(limits.MaxRows + 1) * limits.MaxColumns;
        using var reader = OpenPart(zip, path, limits);
        while (Next(reader))
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "si")
            {
                continue;
            }
            if (strings.Count >= maxItems)
            {
                throw new XlsxRefusedException(new Message("Import.TooManyCells", maxItems));
            }
            item.Clear();
            if (!reader.IsEmptyElement)
            {
                ReadRichText(reader, item, text, row: 0);
            }
            total += item.Length;
            if (total > limits.MaxPartBytes)
            {
                throw new XlsxRefusedException(new Message("Import.PartTooLarge", limits.MaxPartBytes / (1024 * 1024)));
            }
            strings.Add(item.ToString());
        }
        return strings;
    }

    // Indexes of cell formats that show a number as a date: built-in formats 14–22 and custom ones with y or d in their code.
    private static HashSet<int> ReadDateStyles(ZipArchive zip, string path, ImportOptions limits)
    {
        const int MaxFormats = 65_536;
        var customDates = new HashSet<int>();
        var dates = new HashSet<int>();
        var index = 0;
        var inCellXfs = false;
        using var reader = OpenPart(zip, path, limits);
        while (Next(reader))
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "cellXfs")
            {
                inCellXfs = false;
            }
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }
            switch (reader.LocalName)
            {
                case "numFmt" when customDates.Count < MaxFormats:
                    var code = reader.GetAttribute("formatCode") ?? string.Empty;
                    if (int.TryParse(reader.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var custom) &&
                        (code.Contains('y', StringComparison.OrdinalIgnoreCase) || code.Contains('d', StringComparison.OrdinalIgnoreCase)))
                    {
                        customDates.Add(custom);
                    }
                    break;
                case "cellXfs":
                    inCellXfs = !reader.IsEmptyElement;
                    break;
                case "xf" when inCellXfs && index < MaxFormats:
                    if (int.TryParse(reader.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && (id is >= 14 and <= 22 || customDates.Contains(id)))
                    {
                        dates.Add(index);
                    }
                    index++;
                    break;
            }
        }
        return dates;
    }

    private static void ReadRow(XmlReader reader, int number, string?[] cells, List<string> shared, HashSet<int> dates, ImportOptions limits, Scratch text)
    {
        var depth = reader.Depth;
        var position = 0;
        var count = 0;
        while (Next(reader) && reader.Depth > depth)
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "c")
            {
                continue;
            }
            var column = reader.GetAttribute("r") is { } r ? ColumnIndex(r) : position;
            position = column + 1;
            if (column >= limits.MaxColumns || ++count > limits.MaxColumns)
            {
                throw new XlsxRefusedException(new Message("Import.TooManyColumns", number, limits.MaxColumns), number);
            }
            var type = reader.GetAttribute("t");
            var style = int.TryParse(reader.GetAttribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : -1;
            var value = reader.IsEmptyElement ? null : ReadCell(reader, number, type, text);
            if (column < cells.Length && value is not null)
            {
                cells[column] = Interpret(value, type, style, shared, dates);
            }
        }
    }

    // The raw value of a cell: the text of <v>, or of <is> for an inline string; positioned after </c>.
    private static string? ReadCell(XmlReader reader, int number, string? type, Scratch text)
    {
        var depth = reader.Depth;
        string? value = null;
        while (Next(reader) && reader.Depth > depth)
        {
            if (reader.NodeType != XmlNodeType.Element || reader.IsEmptyElement)
            {
                continue;
            }
            if (reader.LocalName == "v" && type != "inlineStr")
            {
                text.Cell.Clear();
                ReadText(reader, text.Cell, text, number);
                value = text.Cell.ToString();
            }
            else if (reader.LocalName == "is")
            {
                text.Cell.Clear();
                ReadRichText(reader, text.Cell, text, number);
                value = text.Cell.ToString();
            }
        }
        return value;
    }

    private static string? Interpret(string raw, string? type, int style, List<string> shared, HashSet<int> dates)
    {
        switch (type)
        {
            case "s":
                return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Count ? shared[i] : null;
            case "inlineStr" or "str" or "b" or "e":
                return raw;
        }
        if (style >= 0 && dates.Contains(style) && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 0 and < 2_958_466)
        {
            return DateTime.FromOADate(serial).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        return raw;
    }

    // The text of the <t> runs inside a rich-text element (<si> or <is>), phonetic runs (<rPh>) left out; positioned on its end.
    private static void ReadRichText(XmlReader reader, StringBuilder into, Scratch text, int row)
    {
        var depth = reader.Depth;
        var phonetic = -1;
        while (Next(reader) && reader.Depth > depth)
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == phonetic)
            {
                phonetic = -1;
            }
            if (reader.NodeType != XmlNodeType.Element || reader.IsEmptyElement)
            {
                continue;
            }
            if (reader.LocalName == "rPh" && phonetic < 0)
            {
                phonetic = reader.Depth;
            }
            else if (reader.LocalName == "t" && phonetic < 0)
            {
                text.Run.Clear();
                ReadText(reader, text.Run, text, row);
                into.Append(text.Run);
                if (into.Length > text.Limits.MaxCellChars)
                {
                    throw CellTooLong(row, text.Limits);
                }
            }
        }
    }

    // The text content of the element the reader is on, read in chunks so an over-long text is refused before it is held.
    private static void ReadText(XmlReader reader, StringBuilder into, Scratch text, int row)
    {
        var depth = reader.Depth;
        var chunk = text.Chunk;
        while (Next(reader) && reader.Depth > depth)
        {
            if (reader.NodeType is not (XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace))
            {
                continue;
            }
            int read;
            while ((read = reader.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
            {
                into.Append(chunk, 0, read);
                if (into.Length > text.Limits.MaxCellChars)
                {
                    throw CellTooLong(row, text.Limits);
                }
            }
        }
    }

    // Buffers reused for every cell of a read.
    private sealed class Scratch(ImportOptions limits)
    {
        public ImportOptions Limits { get; } = limits;
        public StringBuilder Cell { get; } = new();
        public StringBuilder Run { get; } = new();
        public char[] Chunk { get; } = new char[Math.Min(4096, limits.MaxCellChars + 1)];
    }

    private static XlsxRefusedException CellTooLong(int row, ImportOptions limits) => new(new Message("Import.CellTooLong", row, limits.MaxCellChars), row);

    private static int RowNumber(string? attribute, int previous)
    {
        if (attribute is null)
        {
            return previous + 1;
        }
        return int.TryParse(attribute, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : throw NotXlsx();
    }

    /// <summary>0-based column of a cell reference such as "AB12"; large for nonsense so the column limit refuses it.</summary>
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
            if (index > 16_384)
            {
                return int.MaxValue;
            }
        }
        return index - 1;
    }

    private static bool Next(XmlReader reader)
    {
        try
        {
            return reader.Read();
        }
        catch (XmlException)
        {
            throw NotXlsx();
        }
    }

    private static XmlReader OpenPart(ZipArchive zip, string path, ImportOptions limits)
    {
        var entry = zip.GetEntry(path) ?? throw NotXlsx();
        if (entry.Length > limits.MaxPartBytes)
        {
            throw new XlsxRefusedException(new Message("Import.PartTooLarge", limits.MaxPartBytes / (1024 * 1024)));
        }
        Stream stream;
        try
        {
            stream = new BoundedStream(entry.Open(), limits.MaxPartBytes);
        }
        catch (InvalidDataException)
        {
            throw NotXlsx();
        }
        return XmlReader.Create(stream, new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            MaxCharactersInDocument = limits.MaxPartBytes,
            CloseInput = true,
        });
    }

    // Counts the inflated bytes of a part and refuses past the limit, whatever the zip declared.
    private sealed class BoundedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n;
            try
            {
                n = inner.Read(buffer);
            }
            catch (InvalidDataException)
            {
                throw NotXlsx();
            }
            _read += n;
            if (_read > limit)
            {
                throw new XlsxRefusedException(new Message("Import.PartTooLarge", limit / (1024 * 1024)));
            }
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
