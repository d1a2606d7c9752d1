using System.Buffers.Binary;

namespace Workforce.Web.Infrastructure.Pdf;

/// <summary>
/// The parts of a CID-keyed CFF (Compact Font Format 1, Adobe TN #5176) a subset needs: the INDEX and DICT structures,
/// each glyph's CID (charset) and font DICT (FDSelect), the FDArray with its Private DICTs and local subroutines. The
/// subset keeps the subroutines its glyphs call (the others become a bare return) and rewrites the offsets that move.
/// </summary>
internal sealed class Cff
{
    private sealed record Entry(int Op, byte[] Raw, double[] Operands);

    private readonly byte[] _data;
    private readonly int _nameIndexAt;
    private readonly int _topIndexAt;
    private readonly int _stringIndexAt;
    private readonly int _gsubrIndexAt;
    private readonly List<Entry> _top;
    private readonly (int Start, int End)[] _charStrings;
    private readonly byte[] _fdSelect;
    private readonly List<(List<Entry> Dict, List<Entry> Private, int SubrsAt, int SubrsLength)> _fonts = [];
    private readonly (int Start, int End)[] _globalSubrs;
    private readonly List<(int Start, int End)[]> _localSubrs = [];

    private Cff(byte[] data)
    {
        _data = data;
        _nameIndexAt = data[2];
        _topIndexAt = IndexEnd(_nameIndexAt);
        _stringIndexAt = IndexEnd(_topIndexAt);
        _gsubrIndexAt = IndexEnd(_stringIndexAt);
        var top = Items(_topIndexAt)[0];
        _top = Dict(top.Start, top.End);
        if (!_top.Any(e => e.Op == Escape(30)))
        {
            throw new InvalidDataException("Only CID-keyed CFF fonts are supported.");
        }
        _charStrings = Items((int)Operand(_top, 17));
        var glyphs = _charStrings.Length;
        Cids = Charset((int)Operand(_top, 15), glyphs);
        _fdSelect = FdSelect((int)Operand(_top, Escape(37)), glyphs);
        foreach (var (start, end) in Items((int)Operand(_top, Escape(36))))
        {
            var dict = Dict(start, end);
            var p = dict.Single(e => e.Op == 18).Operands;
            var privateAt = (int)p[1];
            var privateDict = Dict(privateAt, privateAt + (int)p[0]);
            var subrs = privateDict.FirstOrDefault(e => e.Op == 19);
            var subrsAt = subrs is null ? -1 : privateAt + (int)subrs.Operands[0];
            _fonts.Add((dict, privateDict, subrsAt, subrsAt < 0 ? 0 : IndexEnd(subrsAt) - subrsAt));
            _localSubrs.Add(subrsAt < 0 ? [] : Items(subrsAt));
        }
        _globalSubrs = Items(_gsubrIndexAt);
    }

    /// <summary>The CID of each glyph.</summary>
    public int[] Cids { get; }

    public static Cff Parse(byte[] data) => new(data);

    private static int Escape(int op) => 1200 + op;

    /// <summary>A CFF of .notdef and <paramref name="glyphs"/> (sorted, without 0), in that order.</summary>
    public byte[] Subset(byte[] data, IReadOnlyList<int> glyphs)
    {
        int[] kept = [0, .. glyphs.Where(g => g < _charStrings.Length)];
        var usedFonts = kept.Select(g => (int)_fdSelect[g]).ToHashSet();
        // Subroutines no kept glyph calls become a bare return: their numbers stay, their bytes go.
        var usedGlobal = new HashSet<int>();
        var usedLocal = _localSubrs.Select(_ => new HashSet<int>()).ToList();
        foreach (var g in kept)
        {
            new CharStringScan(this, _fdSelect[g], usedGlobal, usedLocal[_fdSelect[g]]).Run(_charStrings[g]);
        }

        // Pieces that do not move with offsets.
        var head = new List<byte>(data.AsSpan(0, 4).ToArray());
        head[2] = 4;
        var nameIndex = data.AsSpan(_nameIndexAt, _topIndexAt - _nameIndexAt).ToArray();
        var stringIndex = data.AsSpan(_stringIndexAt, _gsubrIndexAt - _stringIndexAt).ToArray();
        var globalSubrs = Pruned(data, _globalSubrs, usedGlobal);
        byte[] stringAndGsubrs = [.. stringIndex, .. globalSubrs];
        var charset = new List<byte> { 0 };
        foreach (var g in kept.Skip(1))
        {
            charset.Add((byte)(Cids[g] >> 8));
            charset.Add((byte)Cids[g]);
        }
        var fdSelect = new List<byte> { 0 };
        fdSelect.AddRange(kept.Select(g => _fdSelect[g]));
        var charStrings = Index(kept.Select(g => data.AsSpan(_charStrings[g].Start, _charStrings[g].End - _charStrings[g].Start).ToArray()).ToList());

        // Private DICTs (each followed by its local subroutines when its font DICT is used) and the FDArray pointing at them.
        var privates = new List<byte[]>();
        var privateSizes = new int[_fonts.Count];
        for (var i = 0; i < _fonts.Count; i++)
        {
            var (_, privateDict, subrsAt, subrsLength) = _fonts[i];
            var keep = privateDict.Where(e => e.Op != 19).SelectMany(e => e.Raw).ToList();
            if (subrsAt >= 0 && usedFonts.Contains(i))
            {
                var length = keep.Count + 5 + 1;
                keep.AddRange(Int(length));
                keep.Add(19);
                keep.AddRange(Pruned(data, _localSubrs[i], usedLocal[i]));
                privates.Add([.. keep]);
                // The dict's own size: the subroutines follow it.
                privateSizes[i] = length;
            }
            else
            {
                privates.Add([.. keep]);
                privateSizes[i] = keep.Count;
            }
        }

        byte[] TopDict(int charsetAt, int fdSelectAt, int charStringsAt, int fdArrayAt)
        {
            var moving = new HashSet<int> { 15, 17, 18, Escape(36), Escape(37) };
            var bytes = _top.Where(e => !moving.Contains(e.Op)).SelectMany(e => e.Raw).ToList();
            bytes.AddRange(Int(charsetAt)); bytes.Add(15);
            bytes.AddRange(Int(charStringsAt)); bytes.Add(17);
            bytes.AddRange(Int(fdSelectAt)); bytes.Add(12); bytes.Add(37);
            bytes.AddRange(Int(fdArrayAt)); bytes.Add(12); bytes.Add(36);
            return [.. bytes];
        }
        byte[] FdArray(int privatesAt)
        {
            var dicts = new List<byte[]>();
            var at = privatesAt;
            for (var i = 0; i < _fonts.Count; i++)
            {
                var bytes = _fonts[i].Dict.Where(e => e.Op != 18).SelectMany(e => e.Raw).ToList();
                bytes.AddRange(Int(privateSizes[i]));
                bytes.AddRange(Int(at));
                bytes.Add(18);
                dicts.Add([.. bytes]);
                at += privates[i].Length;
            }
            return Index(dicts);
        }

        // Offsets are 5-byte integers, so the sizes are known before the values.
        var topIndexLength = Index([TopDict(0, 0, 0, 0)]).Length;
        var charsetAt = head.Count + nameIndex.Length + topIndexLength + stringAndGsubrs.Length;
        var fdSelectAt = charsetAt + charset.Count;
        var charStringsAt = fdSelectAt + fdSelect.Count;
        var fdArrayAt = charStringsAt + charStrings.Length;
        var fdArrayLength = FdArray(0).Length;
        var privatesAt = fdArrayAt + fdArrayLength;

        using var output = new MemoryStream();
        output.Write([.. head]);
        output.Write(nameIndex);
        output.Write(Index([TopDict(charsetAt, fdSelectAt, charStringsAt, fdArrayAt)]));
        output.Write(stringAndGsubrs);
        output.Write([.. charset]);
        output.Write([.. fdSelect]);
        output.Write(charStrings);
        output.Write(FdArray(privatesAt));
        foreach (var p in privates)
        {
            output.Write(p);
        }
        return output.ToArray();
    }

    private static byte[] Pruned(byte[] data, (int Start, int End)[] subrs, HashSet<int> used) =>
        Index([.. subrs.Select((r, i) => used.Contains(i) ? data.AsSpan(r.Start, r.End - r.Start).ToArray() : [11])]);

    private static int Bias(int count) => count < 1240 ? 107 : count < 33900 ? 1131 : 32768;

    /// <summary>
    /// Follows a glyph's Type 2 charstring through its subroutine calls (Adobe TN #5177) to learn which subroutines it
    /// uses: numbers are kept on a stack for the call index and the stem count (a hintmask is followed by one bit per stem).
    /// </summary>
    private sealed class CharStringScan(Cff cff, int fd, HashSet<int> usedGlobal, HashSet<int> usedLocal)
    {
        private readonly List<double> _stack = [];
        private int _stems;
        private bool _ended;

        public void Run((int Start, int End) charString) => Execute(charString, 0);

        private void Execute((int Start, int End) range, int depth)
        {
            var d = cff._data;
            var at = range.Start;
            while (at < range.End && !_ended && depth <= 10)
            {
                int b0 = d[at];
                if (b0 >= 32 || b0 == 28)
                {
                    if (b0 == 28) { _stack.Add((short)((d[at + 1] << 8) | d[at + 2])); at += 3; }
                    else if (b0 <= 246) { _stack.Add(b0 - 139); at++; }
                    else if (b0 <= 250) { _stack.Add(((b0 - 247) * 256) + d[at + 1] + 108); at += 2; }
                    else if (b0 <= 254) { _stack.Add((-(b0 - 251) * 256) - d[at + 1] - 108); at += 2; }
                    else { _stack.Add(BinaryPrimitives.ReadInt32BigEndian(d.AsSpan(at + 1)) / 65536.0); at += 5; }
                    continue;
                }
                at++;
                switch (b0)
                {
                    case 1 or 3 or 18 or 23: // hstem, vstem, hstemhm, vstemhm
                        _stems += _stack.Count / 2;
                        _stack.Clear();
                        break;
                    case 19 or 20: // hintmask, cntrmask: operands before it are implicit vstems
                        _stems += _stack.Count / 2;
                        _stack.Clear();
                        at += (_stems + 7) / 8;
                        break;
                    case 10 or 29: // callsubr, callgsubr
                    {
                        var local = b0 == 10;
                        var subrs = local ? cff._localSubrs[fd] : cff._globalSubrs;
                        var index = (int)_stack[^1] + Bias(subrs.Length);
                        _stack.RemoveAt(_stack.Count - 1);
                        if (index >= 0 && index < subrs.Length)
                        {
                            (local ? usedLocal : usedGlobal).Add(index);
                            Execute(subrs[index], depth + 1);
                        }
                        break;
                    }
                    case 11: // return
                        return;
                    case 14: // endchar
                        _ended = true;
                        return;
                    case 12: // two-byte operators (flex, arithmetic): no subroutine or stem effect to follow
                        at++;
                        _stack.Clear();
                        break;
                    default:
                        _stack.Clear();
                        break;
                }
            }
        }
    }

    private static byte[] Int(int value) => [29, (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static byte[] Index(List<byte[]> items)
    {
        if (items.Count == 0)
        {
            return [0, 0];
        }
        var total = items.Sum(i => i.Length) + 1;
        var offSize = total < 1 << 8 ? 1 : total < 1 << 16 ? 2 : total < 1 << 24 ? 3 : 4;
        using var output = new MemoryStream();
        output.WriteByte((byte)(items.Count >> 8));
        output.WriteByte((byte)items.Count);
        output.WriteByte((byte)offSize);
        var offset = 1;
        void WriteOffset(int o)
        {
            for (var b = offSize - 1; b >= 0; b--)
            {
                output.WriteByte((byte)(o >> (8 * b)));
            }
        }
        WriteOffset(offset);
        foreach (var item in items)
        {
            offset += item.Length;
            WriteOffset(offset);
        }
        foreach (var item in items)
        {
            output.Write(item);
        }
        return output.ToArray();
    }

    private int Offset(int at, int size)
    {
        var v = 0;
        for (var i = 0; i < size; i++)
        {
            v = (v << 8) | _data[at + i];
        }
        return v;
    }

    private (int Start, int End)[] Items(int at)
    {
        var count = BinaryPrimitives.ReadUInt16BigEndian(_data.AsSpan(at));
        if (count == 0)
        {
            return [];
        }
        var offSize = _data[at + 2];
        var dataStart = at + 3 + ((count + 1) * offSize) - 1;
        var result = new (int, int)[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = (dataStart + Offset(at + 3 + (i * offSize), offSize), dataStart + Offset(at + 3 + ((i + 1) * offSize), offSize));
        }
        return result;
    }

    private int IndexEnd(int at)
    {
        var count = BinaryPrimitives.ReadUInt16BigEndian(_data.AsSpan(at));
        if (count == 0)
        {
            return at + 2;
        }
        var offSize = _data[at + 2];
        return at + 3 + ((count + 1) * offSize) - 1 + Offset(at + 3 + (count * offSize), offSize);
    }

    private static double Operand(List<Entry> dict, int op) => dict.Single(e => e.Op == op).Operands[0];

    private List<Entry> Dict(int start, int end)
    {
        var entries = new List<Entry>();
        var operands = new List<double>();
        var entryStart = start;
        var at = start;
        while (at < end)
        {
            int b0 = _data[at];
            if (b0 <= 21)
            {
                var op = b0 == 12 ? Escape(_data[at + 1]) : b0;
                at += b0 == 12 ? 2 : 1;
                entries.Add(new Entry(op, _data.AsSpan(entryStart, at - entryStart).ToArray(), [.. operands]));
                operands.Clear();
                entryStart = at;
            }
            else if (b0 == 28)
            {
                operands.Add((short)((_data[at + 1] << 8) | _data[at + 2]));
                at += 3;
            }
            else if (b0 == 29)
            {
                operands.Add(BinaryPrimitives.ReadInt32BigEndian(_data.AsSpan(at + 1)));
                at += 5;
            }
            else if (b0 == 30)
            {
                // A real: nibbles up to 0xf; its value is not needed (only copied), so it is skipped.
                at++;
                while ((_data[at] & 0x0F) != 0x0F && (_data[at] >> 4) != 0x0F)
                {
                    at++;
                }
                at++;
                operands.Add(0);
            }
            else if (b0 <= 246)
            {
                operands.Add(b0 - 139);
                at++;
            }
            else if (b0 <= 250)
            {
                operands.Add(((b0 - 247) * 256) + _data[at + 1] + 108);
                at += 2;
            }
            else
            {
                operands.Add((-(b0 - 251) * 256) - _data[at + 1] - 108);
                at += 2;
            }
        }
        return entries;
    }

    private int[] Charset(int at, int glyphs)
    {
        var cids = new int[glyphs];
        var format = _data[at++];
        var g = 1;
        while (g < glyphs)
        {
            var first = BinaryPrimitives.ReadUInt16BigEndian(_data.AsSpan(at));
            if (format == 0)
            {
                cids[g++] = first;
                at += 2;
                continue;
            }
            var left = format == 1 ? _data[at + 2] : BinaryPrimitives.ReadUInt16BigEndian(_data.AsSpan(at + 2));
            at += format == 1 ? 3 : 4;
            for (var i = 0; i <= left && g < glyphs; i++)
            {
                cids[g++] = first + i;
            }
        }
        return cids;
    }

    private byte[] FdSelect(int at, int glyphs)
    {
        var result = new byte[glyphs];
        var format = _data[at];
        if (format == 0)
        {
            Array.Copy(_data, at + 1, result, 0, glyphs);
            return result;
        }
        var ranges = BinaryPrimitives.ReadUInt16BigEndian(_data.AsSpan(at + 1));
        for (var r = 0; r < ranges; r++)
        {
            var first = BinaryPrimitives.ReadUInt16BigEndian(_data.AsSpan(at + 3 + (3 * r)));
            var fd = _data[at + 5 + (3 * r)];
            var next = BinaryPrimitives.ReadUInt16BigEndian(_data.AsSpan(at + 6 + (3 * r)));
            for (var g = first; g < next && g < glyphs; g++)
            {
                result[g] = fd;
            }
        }
        return result;
    }
}
