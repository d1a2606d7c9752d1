using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Workforce.Application.Common;
using Workforce.Application.Common.Import;

namespace Workforce.Web.Tests;

/// <summary>Reads exported workbooks in tests, and writes the hostile workbooks the import limits are tested with.</summary>
public static class XlsxFiles
{
    /// <summary>Every row of the first sheet (row 1 first), read with limits wide enough for any export.</summary>
    public static List<string?[]> ReadAll(Stream xlsx, int columns)
    {
        var seekable = new MemoryStream();
        xlsx.CopyTo(seekable);
        seekable.Position = 0;
        var limits = new ImportOptions { MaxUploadBytes = 1L << 30, MaxRows = 1_000_000, MaxColumns = 16_384, MaxCellChars = 100_000 };
        return [.. XlsxReader.Rows(seekable, limits, columns).Select(r => r.Cells)];
    }

    private const string ContentTypes =
        """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>""";

    private const string RootRels =
        """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""";

    private const string WorkbookXml =
        """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>""";

    private const string WorkbookRels =
        """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>""";

    private const string SheetStart = """<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""";
    private const string SheetEnd = "</sheetData></worksheet>";

    /// <summary>A well-formed workbook whose sheet and shared strings are written by the callbacks.</summary>
    public static byte[] Workbook(Action<TextWriter> sheetData, Action<TextWriter>? sharedStrings = null, CompressionLevel level = CompressionLevel.SmallestSize, int extraEntries = 0)
    {
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            Entry(zip, "[Content_Types].xml", w => w.Write(ContentTypes));
            Entry(zip, "_rels/.rels", w => w.Write(RootRels));
            Entry(zip, "xl/workbook.xml", w => w.Write(WorkbookXml));
            Entry(zip, "xl/_rels/workbook.xml.rels", w => w.Write(WorkbookRels));
            Entry(zip, "xl/sharedStrings.xml", w =>
            {
                w.Write("""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">""");
                sharedStrings?.Invoke(w);
                w.Write("</sst>");
            }, level);
            Entry(zip, "xl/worksheets/sheet1.xml", w =>
            {
                w.Write(SheetStart);
                sheetData(w);
                w.Write(SheetEnd);
            }, level);
            for (var i = 0; i < extraEntries; i++)
            {
                Entry(zip, $"xl/media/p{i}.xml", w => w.Write("<a/>"));
            }
        }
        return output.ToArray();
    }

    private static void Entry(ZipArchive zip, string name, Action<TextWriter> write, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, level).Open(), new UTF8Encoding(false), 1 << 16);
        write(writer);
    }

    /// <summary>A workbook of <paramref name="header"/> and <paramref name="rows"/> one-cell rows: some 400 KB that expand to 150 MB of XML.</summary>
    public static byte[] ManyRows(IReadOnlyList<string> header, int rows) => Workbook(w =>
    {
        w.Write("<row>");
        foreach (var h in header)
        {
            w.Write($"<c t=\"inlineStr\"><is><t>{h}</t></is></c>");
        }
        w.Write("</row>");
        for (var i = 1; i <= rows; i++)
        {
            w.Write("<row><c t=\"inlineStr\"><is><t>x</t></is></c></row>");
        }
    });

    /// <summary>One row numbered <paramref name="number"/> (some 2 KB).</summary>
    public static byte[] RowNumbered(int number) => Workbook(w => w.Write($"<row r=\"{number}\"><c r=\"A{number}\" t=\"inlineStr\"><is><t>x</t></is></c></row>"));

    /// <summary>A shared string of <paramref name="chars"/> characters, used by the first cell (1 GB compresses to about 1 MB).</summary>
    public static byte[] LongString(long chars) => Workbook(
        w => w.Write("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"),
        w =>
        {
            w.Write("<si><t>");
            Repeat(w, 'A', chars);
            w.Write("</t></si>");
        });

    /// <summary>A classic zip bomb: a sheet part of <paramref name="bytes"/> bytes of whitespace (valid XML, so only a size limit stops it).</summary>
    public static byte[] Bomb(long bytes) => Workbook(w => Repeat(w, ' ', bytes));

    /// <summary>A zip of <paramref name="entries"/> tiny parts besides the workbook.</summary>
    public static byte[] ManyEntries(int entries) => Workbook(_ => { }, extraEntries: entries);

    private static void Repeat(TextWriter w, char ch, long count)
    {
        var block = new string(ch, 1 << 16);
        for (var left = count; left > 0; left -= block.Length)
        {
            w.Write(left >= block.Length ? block : block[..(int)left]);
        }
    }

    /// <summary>Rewrites the uncompressed size an entry declares, in its local header and in the central directory (a lying zip).</summary>
    public static byte[] Declare(byte[] zip, string name, uint size)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        for (var i = 0; i + 46 < zip.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i));
            if (signature == 0x04034b50 && Matches(zip, i + 30, BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(i + 26)), nameBytes))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + 22), size);
            }
            else if (signature == 0x02014b50 && Matches(zip, i + 46, BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(i + 28)), nameBytes))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + 24), size);
            }
        }
        return zip;
    }

    private static bool Matches(byte[] zip, int at, int length, byte[] name) =>
        length == name.Length && at + length <= zip.Length && zip.AsSpan(at, length).SequenceEqual(name);
}
