using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Workforce.Web.Infrastructure.Pdf;

/// <summary>
/// Writes a PDF 1.7 of A4 pages with text in one CJK font, lines and filled rectangles, page by page: each page's content
/// is compressed into a buffer when the page ends and <see cref="DrainAsync"/> hands the buffer to the response, so a
/// 1,500-page batch never sits in memory. The font
/// is embedded at the end as a CFF subset of the glyphs used (Type0 / CIDFontType0, Identity-H, with a ToUnicode map so
/// the text can be searched and extracted). Coordinates are points from the top-left corner.
/// </summary>
public sealed class PdfWriter : IDisposable
{
    /// <summary>A4 width in points.</summary>
    public const double PageWidth = 595.28;
    /// <summary>A4 height in points.</summary>
    public const double PageHeight = 841.89;

    private const int CatalogId = 1, PagesId = 2, FontId = 3, CidFontId = 4, DescriptorId = 5, FontFileId = 6, ToUnicodeId = 7, InfoId = 8;

    private readonly MemoryStream _output = new();
    private readonly CjkFont _font;
    private readonly List<long> _offsets = [0];
    private readonly List<int> _pages = [];
    private readonly Dictionary<int, int> _unicodeOfCid = [];
    private readonly Dictionary<int, int> _glyphOfCid = [];
    private readonly StringBuilder _content = new();
    private readonly string _title;
    private long _position;
    private bool _pageOpen;

    /// <summary>Starts a document (its bytes are taken with <see cref="DrainAsync"/>).</summary>
    public PdfWriter(CjkFont font, string title)
    {
        _font = font;
        _title = title;
        for (var i = 0; i < InfoId; i++)
        {
            _offsets.Add(-1);
        }
        Raw("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n", Encoding.Latin1);
    }

    /// <summary>Pages written so far.</summary>
    public int PageCount => _pages.Count + (_pageOpen ? 1 : 0);

    /// <summary>Starts a new page (ending the open one).</summary>
    public void NewPage()
    {
        EndPage();
        _pageOpen = true;
        _content.Clear();
    }

    /// <summary>Text with its left edge at <paramref name="x"/> and baseline at <paramref name="y"/> (from the top).</summary>
    public void Text(double x, double y, string text, double size, bool bold = false, double gray = 0)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hex = new StringBuilder(text.Length * 4);
        foreach (var rune in text.EnumerateRunes())
        {
            var glyph = _font.GlyphOf(rune.Value);
            var cid = _font.CidOf(glyph);
            _glyphOfCid[cid] = glyph;
            _unicodeOfCid.TryAdd(cid, rune.Value);
            hex.Append(cid.ToString("X4", CultureInfo.InvariantCulture));
        }
        // Bold: the glyphs stroked as well as filled (one font keeps the file small).
        _content.Append(CultureInfo.InvariantCulture, $"BT {N(gray)} g {N(gray)} G {(bold ? "2 Tr 0.35 w" : "0 Tr")} /F1 {N(size)} Tf {N(x)} {N(PageHeight - y)} Td <{hex}> Tj ET\n");
    }

    /// <summary>Text with its right edge at <paramref name="right"/>.</summary>
    public void TextRight(double right, double y, string text, double size, bool bold = false, double gray = 0) =>
        Text(right - _font.Width(text, size), y, text, size, bold, gray);

    /// <summary>Width of <paramref name="text"/> at <paramref name="size"/>.</summary>
    public double Width(string text, double size) => _font.Width(text, size);

    /// <summary>A line.</summary>
    public void Line(double x1, double y1, double x2, double y2, double width = 0.5, double gray = 0.6) =>
        _content.Append(CultureInfo.InvariantCulture, $"{N(gray)} G {N(width)} w {N(x1)} {N(PageHeight - y1)} m {N(x2)} {N(PageHeight - y2)} l S\n");

    /// <summary>A filled rectangle (top-left corner, width, height).</summary>
    public void Fill(double x, double y, double width, double height, double gray) =>
        _content.Append(CultureInfo.InvariantCulture, $"{N(gray)} g {N(x)} {N(PageHeight - y - height)} {N(width)} {N(height)} re f\n");

    /// <summary>Ends the last page and writes the font, the page tree, the cross-reference table and the trailer.</summary>
    public void Finish()
    {
        if (PageCount == 0)
        {
            NewPage();
        }
        EndPage();
        var cids = _glyphOfCid.Keys.Order().ToList();
        Begin(FontFileId);
        var subset = _font.Subset(cids.Select(c => _glyphOfCid[c]));
        Stream(subset, "/Subtype /CIDFontType0C");
        Begin(ToUnicodeId);
        Stream(Encoding.ASCII.GetBytes(ToUnicode(cids)), string.Empty);
        Begin(DescriptorId);
        var scale = 1000.0 / _font.UnitsPerEm;
        Raw(string.Create(CultureInfo.InvariantCulture, $"<< /Type /FontDescriptor /FontName /{Tag()}+{_font.PostScriptName} /Flags 4 /FontBBox [-1000 {N(_font.Descent * scale)} 3000 {N(_font.Ascent * scale)}] /ItalicAngle 0 /Ascent {N(_font.Ascent * scale)} /Descent {N(_font.Descent * scale)} /CapHeight 733 /StemV 80 /FontFile3 {FontFileId} 0 R >>\nendobj\n"));
        Begin(CidFontId);
        var widths = string.Join(' ', cids.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c} [{N(_font.Advance(_glyphOfCid[c]) * scale)}]")));
        Raw($"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /{Tag()}+{_font.PostScriptName} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor {DescriptorId} 0 R /DW 1000 /W [{widths}] >>\nendobj\n");
        Begin(FontId);
        Raw($"<< /Type /Font /Subtype /Type0 /BaseFont /{Tag()}+{_font.PostScriptName} /Encoding /Identity-H /DescendantFonts [{CidFontId} 0 R] /ToUnicode {ToUnicodeId} 0 R >>\nendobj\n");
        Begin(PagesId);
        Raw($"<< /Type /Pages /Count {_pages.Count} /Kids [{string.Join(' ', _pages.Select(p => p + " 0 R"))}] >>\nendobj\n");
        Begin(CatalogId);
        Raw($"<< /Type /Catalog /Pages {PagesId} 0 R >>\nendobj\n");
        Begin(InfoId);
        Raw($"<< /Title <FEFF{Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(_title))}> /Producer (Workforce) >>\nendobj\n");
        var xref = _position;
        var table = new StringBuilder();
        table.Append(CultureInfo.InvariantCulture, $"xref\n0 {_offsets.Count}\n0000000000 65535 f \n");
        for (var i = 1; i < _offsets.Count; i++)
        {
            table.Append(CultureInfo.InvariantCulture, $"{_offsets[i]:D10} 00000 n \n");
        }
        table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {_offsets.Count} /Root {CatalogId} 0 R /Info {InfoId} 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        Raw(table.ToString());
    }

    /// <summary>Moves the bytes written so far (whole pages, or the end of the document after <see cref="Finish"/>) to <paramref name="destination"/>.</summary>
    public async Task DrainAsync(Stream destination, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (_output.Length == 0)
        {
            return;
        }
        await destination.WriteAsync(_output.GetBuffer().AsMemory(0, (int)_output.Length), ct);
        _output.SetLength(0);
    }

    /// <inheritdoc />
    public void Dispose() => _output.Dispose();

    private void EndPage()
    {
        if (!_pageOpen)
        {
            return;
        }
        _pageOpen = false;
        var contentId = Allocate();
        Begin(contentId);
        Stream(Encoding.ASCII.GetBytes(_content.ToString()), string.Empty);
        var pageId = Allocate();
        Begin(pageId);
        Raw(string.Create(CultureInfo.InvariantCulture, $"<< /Type /Page /Parent {PagesId} 0 R /MediaBox [0 0 {N(PageWidth)} {N(PageHeight)}] /Resources << /Font << /F1 {FontId} 0 R >> >> /Contents {contentId} 0 R >>\nendobj\n"));
        _pages.Add(pageId);
    }

    private int Allocate()
    {
        _offsets.Add(-1);
        return _offsets.Count - 1;
    }

    private void Begin(int id)
    {
        _offsets[id] = _position;
        Raw($"{id} 0 obj\n");
    }

    private void Stream(byte[] data, string extra)
    {
        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(data);
        }
        Raw($"<< /Length {compressed.Length} /Filter /FlateDecode {extra} >>\nstream\n");
        compressed.Position = 0;
        compressed.CopyTo(_output);
        _position += compressed.Length;
        Raw("\nendstream\nendobj\n");
    }

    private void Raw(string text, Encoding? encoding = null)
    {
        var bytes = (encoding ?? Encoding.ASCII).GetBytes(text);
        _output.Write(bytes);
        _position += bytes.Length;
    }

    private string ToUnicode(List<int> cids)
    {
        var map = new StringBuilder();
        map.Append("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n");
        map.Append("/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
        foreach (var chunk in cids.Chunk(100))
        {
            map.Append(CultureInfo.InvariantCulture, $"{chunk.Length} beginbfchar\n");
            foreach (var cid in chunk)
            {
                var utf16 = Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(char.ConvertFromUtf32(_unicodeOfCid[cid])));
                map.Append(CultureInfo.InvariantCulture, $"<{cid:X4}> <{utf16}>\n");
            }
            map.Append("endbfchar\n");
        }
        map.Append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        return map.ToString();
    }

    // The subset tag: six capitals derived from the glyphs used (stable for the same text).
    private string Tag()
    {
        var hash = _glyphOfCid.Keys.Aggregate(17, (h, c) => unchecked((h * 31) + c));
        var tag = new char[6];
        for (var i = 0; i < 6; i++)
        {
            tag[i] = (char)('A' + (int)((uint)hash % 26));
            hash = unchecked((int)((uint)hash / 26) + (i * 7));
        }
        return new string(tag);
    }

    private static string N(double v) => Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
