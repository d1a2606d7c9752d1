using System.Buffers.Binary;
using System.Text;

namespace Workforce.Web.Infrastructure.Pdf;

/// <summary>
/// A CID-keyed OpenType/CFF font (Noto Sans CJK SC, from the collection the host installs) read once: the Unicode → glyph
/// map, advance widths, and its CFF table, from which <see cref="Subset"/> writes a CFF holding only the glyphs a document
/// used (glyphs renumbered, their CIDs kept, so the PDF still addresses them by CID). PDF writers that embed CFF fonts
/// whole put ~14 MB into every file; a payslip's subset is tens of kilobytes.
/// </summary>
public sealed class CjkFont
{
    private readonly byte[] _cff;
    private readonly (uint Start, uint End, uint Glyph)[] _cmap;
    private readonly ushort[] _advances;
    private readonly Cff _parsed;

    private CjkFont(string postScriptName, byte[] cff, (uint, uint, uint)[] cmap, ushort[] advances, int unitsPerEm, short ascent, short descent)
    {
        PostScriptName = postScriptName;
        _cff = cff;
        _cmap = cmap;
        _advances = advances;
        UnitsPerEm = unitsPerEm;
        Ascent = ascent;
        Descent = descent;
        _parsed = Cff.Parse(cff);
    }

    /// <summary>The font's PostScript name (BaseFont in the PDF).</summary>
    public string PostScriptName { get; }
    /// <summary>Units per em.</summary>
    public int UnitsPerEm { get; }
    /// <summary>Typographic ascent, font units.</summary>
    public short Ascent { get; }
    /// <summary>Typographic descent (negative), font units.</summary>
    public short Descent { get; }

    /// <summary>Where the collection is looked for (Debian's fonts-noto-cjk); <c>Pdf:FontFile</c> overrides it.</summary>
    public const string DefaultPath = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

    /// <summary>Loads the face whose family is <paramref name="family"/> from a collection (.ttc) or a single font file.</summary>
    public static CjkFont Load(string path, string family = "Noto Sans CJK SC")
    {
        var data = File.ReadAllBytes(path);
        var faces = Tag(data, 0) == "ttcf"
            ? Enumerable.Range(0, (int)U32(data, 8)).Select(i => (int)U32(data, 12 + (4 * i))).ToArray()
            : [0];
        foreach (var face in faces)
        {
            var tables = Tables(data, face);
            if (!tables.TryGetValue("name", out var name) || !Names(data, name.Offset).Contains(family))
            {
                continue;
            }
            if (!tables.TryGetValue("CFF ", out var cff))
            {
                throw new InvalidDataException($"{family} in {path} has no CFF outlines.");
            }
            var head = tables["head"].Offset;
            var hhea = tables["hhea"].Offset;
            var metrics = U16(data, hhea + 34);
            var hmtx = tables["hmtx"].Offset;
            var advances = new ushort[metrics];
            for (var i = 0; i < metrics; i++)
            {
                advances[i] = U16(data, hmtx + (4 * i));
            }
            var os2 = tables["OS/2"].Offset;
            var postScript = Names(data, name.Offset, 6).FirstOrDefault() ?? family.Replace(" ", string.Empty, StringComparison.Ordinal);
            return new CjkFont(postScript, data.AsSpan(cff.Offset, cff.Length).ToArray(), Cmap(data, tables["cmap"].Offset), advances,
                U16(data, head + 18), (short)U16(data, os2 + 68), (short)U16(data, os2 + 70));
        }
        throw new InvalidDataException($"No face named {family} in {path}.");
    }

    /// <summary>The glyph of a code point (0, .notdef, when the font lacks it).</summary>
    public int GlyphOf(int codePoint)
    {
        int lo = 0, hi = _cmap.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            var (start, end, glyph) = _cmap[mid];
            if (codePoint < start)
            {
                hi = mid - 1;
            }
            else if (codePoint > end)
            {
                lo = mid + 1;
            }
            else
            {
                return (int)(glyph + (uint)codePoint - start);
            }
        }
        return 0;
    }

    /// <summary>The CID of a glyph (what the PDF's content addresses).</summary>
    public int CidOf(int glyph) => _parsed.Cids[glyph];

    /// <summary>Advance width of a glyph, font units.</summary>
    public int Advance(int glyph) => _advances[Math.Min(glyph, _advances.Length - 1)];

    /// <summary>Width of <paramref name="text"/> at <paramref name="size"/> points.</summary>
    public double Width(string text, double size)
    {
        ArgumentNullException.ThrowIfNull(text);
        var units = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            units += Advance(GlyphOf(rune.Value));
        }
        return units * size / UnitsPerEm;
    }

    /// <summary>A CFF font holding .notdef and <paramref name="glyphs"/> only (CIDs, FD selection and subroutines kept).</summary>
    public byte[] Subset(IEnumerable<int> glyphs) => _parsed.Subset(_cff, [.. glyphs.Where(g => g > 0).Distinct().Order()]);

    private static string Tag(byte[] d, int at) => Encoding.ASCII.GetString(d, at, 4);
    private static uint U32(byte[] d, int at) => BinaryPrimitives.ReadUInt32BigEndian(d.AsSpan(at));
    private static ushort U16(byte[] d, int at) => BinaryPrimitives.ReadUInt16BigEndian(d.AsSpan(at));

    private static Dictionary<string, (int Offset, int Length)> Tables(byte[] d, int face)
    {
        var count = U16(d, face + 4);
        var result = new Dictionary<string, (int, int)>();
        for (var i = 0; i < count; i++)
        {
            var at = face + 12 + (16 * i);
            result[Tag(d, at)] = ((int)U32(d, at + 8), (int)U32(d, at + 12));
        }
        return result;
    }

    // Names of the given id (1: family, 6: PostScript) in the Windows Unicode records.
    private static List<string> Names(byte[] d, int table, int nameId = 1)
    {
        var count = U16(d, table + 2);
        var strings = table + U16(d, table + 4);
        var result = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var at = table + 6 + (12 * i);
            if (U16(d, at) == 3 && U16(d, at + 6) == nameId)
            {
                result.Add(Encoding.BigEndianUnicode.GetString(d, strings + U16(d, at + 10), U16(d, at + 8)));
            }
        }
        return result;
    }

    // The format 12 (or else format 4) subtable as sorted ranges.
    private static (uint, uint, uint)[] Cmap(byte[] d, int table)
    {
        var count = U16(d, table + 2);
        int? format4 = null;
        for (var i = 0; i < count; i++)
        {
            var at = table + 4 + (8 * i);
            var sub = table + (int)U32(d, at + 4);
            var format = U16(d, sub);
            if (format == 12 && U16(d, at) == 3 && U16(d, at + 2) == 10)
            {
                var groups = (int)U32(d, sub + 12);
                var ranges = new (uint, uint, uint)[groups];
                for (var g = 0; g < groups; g++)
                {
                    var r = sub + 16 + (12 * g);
                    ranges[g] = (U32(d, r), U32(d, r + 4), U32(d, r + 8));
                }
                return ranges;
            }
            if (format == 4 && U16(d, at) == 3 && U16(d, at + 2) == 1)
            {
                format4 = sub;
            }
        }
        if (format4 is not { } f)
        {
            throw new InvalidDataException("The font has no Unicode cmap.");
        }
        var segments = U16(d, f + 6) / 2;
        var list = new List<(uint, uint, uint)>();
        for (var s = 0; s < segments; s++)
        {
            var end = U16(d, f + 14 + (2 * s));
            var start = U16(d, f + 16 + (2 * segments) + (2 * s));
            var delta = (short)U16(d, f + 16 + (4 * segments) + (2 * s));
            var rangeAt = f + 16 + (6 * segments) + (2 * s);
            var rangeOffset = U16(d, rangeAt);
            for (var c = start; c <= end && c != 0xFFFF; c++)
            {
                var glyph = rangeOffset == 0 ? (ushort)(c + delta) : U16(d, rangeAt + rangeOffset + (2 * (c - start)));
                if (glyph != 0 && rangeOffset != 0)
                {
                    glyph = (ushort)(glyph + delta);
                }
                list.Add((c, c, glyph));
            }
        }
        return [.. list];
    }
}
