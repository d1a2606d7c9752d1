using NodaTime;
using Workforce.Domain.Workers;

namespace Workforce.Data;

/// <summary>Kind of payslip; the database allows one per worker, month and kind.</summary>
public enum PayslipKind
{
    /// <summary>The monthly payslip.</summary>
    Regular = 1,
}

/// <summary>
/// A stored payslip: written once by a successful run (in bulk, with its lines) and never edited.
/// A re-run before approval deletes and rewrites a period's payslips in one transaction.
/// Amounts are integer fen; the worksheet fields are the cumulative-withholding figures.
/// </summary>
public sealed class PayslipRecord
{
    /// <summary>Key (assigned by the run, so lines can be written without reading keys back).</summary>
    public long Id { get; set; }
    /// <summary>Period.</summary>
    public long PeriodId { get; set; }
    /// <summary>Worker.</summary>
    public long WorkerId { get; set; }
    /// <summary>Month.</summary>
    public YearMonth Month { get; set; }
    /// <summary>Kind.</summary>
    public PayslipKind Kind { get; set; } = PayslipKind.Regular;
    /// <summary>Community on the last day of service in the month.</summary>
    public long CommunityId { get; set; }
    /// <summary>Post then.</summary>
    public Post Post { get; set; }
    /// <summary>Grade then.</summary>
    public int Grade { get; set; }
    /// <summary>Rule-set version used.</summary>
    public long RuleSetVersionId { get; set; }
    /// <summary>Fingerprint of the facts used; a later run recomputes locked months when it changed.</summary>
    public long FactsHash { get; set; }
    /// <summary>应发.</summary>
    public long GrossFen { get; set; }
    /// <summary>Employee contributions.</summary>
    public long DeductionsFen { get; set; }
    /// <summary>Income tax.</summary>
    public long TaxFen { get; set; }
    /// <summary>实发.</summary>
    public long NetFen { get; set; }
    /// <summary>Employer contributions.</summary>
    public long EmployerFen { get; set; }
    /// <summary>Performance withheld to the year end this month (information).</summary>
    public long ReserveFen { get; set; }
    /// <summary>Contribution base.</summary>
    public decimal ContributionBase { get; set; }
    /// <summary>Certificate numbers whose one-off award this payslip settled, comma-separated.</summary>
    public string? SettledAwards { get; set; }
    /// <summary>Income taxed by cumulative withholding this month.</summary>
    public long TaxableIncomeFen { get; set; }
    /// <summary>专项扣除 this month.</summary>
    public long SpecialDeductionsFen { get; set; }
    /// <summary>专项附加扣除 this month.</summary>
    public long AdditionalDeductionsFen { get; set; }
    /// <summary>Months of basic deduction.</summary>
    public int TaxMonths { get; set; }
    /// <summary>累计收入.</summary>
    public long CumulativeIncomeFen { get; set; }
    /// <summary>累计减除费用.</summary>
    public long CumulativeBasicFen { get; set; }
    /// <summary>累计专项扣除.</summary>
    public long CumulativeSpecialFen { get; set; }
    /// <summary>累计专项附加扣除.</summary>
    public long CumulativeAdditionalFen { get; set; }
    /// <summary>累计应纳税所得额.</summary>
    public long CumulativeTaxableFen { get; set; }
    /// <summary>累计应纳税额.</summary>
    public long CumulativeTaxFen { get; set; }
    /// <summary>累计已预扣.</summary>
    public long WithheldBeforeFen { get; set; }
    /// <summary>本期预扣.</summary>
    public long TaxThisMonthFen { get; set; }
    /// <summary>Annual bonus taxed separately.</summary>
    public long BonusFen { get; set; }
    /// <summary>Tax on it.</summary>
    public long BonusTaxFen { get; set; }
    /// <summary>
    /// The lines in payslip order, stored in the row in the compact binary form of <see cref="PayslipLineCodec"/>:
    /// one row per payslip instead of one per line (17 per payslip on average) is what keeps a 100,000-worker run
    /// within seconds on SQLite (docs/benchmarks.md, docs/decisions/0010).
    /// </summary>
    public byte[] LinesData { get; set; } = [];
    /// <summary>True when some line is a retroactive difference (read back only those for corrections).</summary>
    public bool HasRetro { get; set; }

    /// <summary>The lines, decoded.</summary>
    public IReadOnlyList<PayslipLineRecord> Lines => PayslipLineCodec.Decode(LinesData);
}

/// <summary>The total of one component for one community in a period, written by the run for the register's totals.</summary>
public sealed class PeriodComponentTotal
{
    /// <summary>Period.</summary>
    public long PeriodId { get; set; }
    /// <summary>Community.</summary>
    public long CommunityId { get; set; }
    /// <summary>Component code.</summary>
    public string Code { get; set; } = string.Empty;
    /// <summary>Category (payroll <c>LineCategory</c>).</summary>
    public int Category { get; set; }
    /// <summary>Sum in fen.</summary>
    public long AmountFen { get; set; }
}

/// <summary>A stored payslip line with the structured basis its explanation is rendered from.</summary>
public sealed class PayslipLineRecord
{
    /// <summary>Component code (<c>RETRO_</c> + code for a retroactive difference).</summary>
    public string Code { get; set; } = string.Empty;
    /// <summary>Category (payroll <c>LineCategory</c>).</summary>
    public int Category { get; set; }
    /// <summary>Amount in fen (signed for differences).</summary>
    public long AmountFen { get; set; }
    /// <summary>First day covered.</summary>
    public LocalDate From { get; set; }
    /// <summary>Last day covered.</summary>
    public LocalDate To { get; set; }
    /// <summary>For a retroactive difference, the month it corrects.</summary>
    public YearMonth? SourceMonth { get; set; }
    /// <summary>For a retroactive difference, the facts fingerprint of the source month it brought the pay up to.</summary>
    public long? FactsHash { get; set; }
    /// <summary>Basis: amount.</summary>
    public decimal BasisAmount { get; set; }
    /// <summary>Basis: factor.</summary>
    public decimal BasisFactor { get; set; }
    /// <summary>Basis: numerator.</summary>
    public int Numerator { get; set; }
    /// <summary>Basis: denominator.</summary>
    public int Denominator { get; set; }
    /// <summary>Basis: post.</summary>
    public Post Post { get; set; }
    /// <summary>Basis: grade.</summary>
    public int Grade { get; set; }
    /// <summary>Basis: units.</summary>
    public int Units { get; set; }
}

/// <summary>
/// The binary form of a payslip's lines: a version byte, the line count, then per line the code (UTF-8,
/// length-prefixed), category, amount in fen, the dates as day numbers, the source month and fingerprint of a
/// retroactive difference, and the basis (two decimals, counts, post, grade). Exact: decimals keep their scale.
/// </summary>
public static class PayslipLineCodec
{
    private const byte Version = 1;

    /// <summary>Encodes lines.</summary>
    public static byte[] Encode(IReadOnlyList<PayslipLineRecord> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        using var stream = new MemoryStream(32 + (lines.Count * 80));
        using (var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Version);
            w.Write((ushort)lines.Count);
            foreach (var l in lines)
            {
                w.Write(l.Code);
                w.Write((byte)l.Category);
                w.Write(l.AmountFen);
                w.Write(l.From.ToDateOnly().DayNumber);
                w.Write(l.To.ToDateOnly().DayNumber);
                w.Write(l.SourceMonth is { } m ? (m.Year * 100) + m.Month : 0);
                w.Write(l.FactsHash.HasValue);
                if (l.FactsHash is { } h)
                {
                    w.Write(h);
                }
                w.Write(l.BasisAmount);
                w.Write(l.BasisFactor);
                w.Write((short)l.Numerator);
                w.Write((short)l.Denominator);
                w.Write((byte)l.Post);
                w.Write((byte)l.Grade);
                w.Write((short)l.Units);
            }
        }
        return stream.ToArray();
    }

    /// <summary>Decodes lines (empty for no data).</summary>
    public static IReadOnlyList<PayslipLineRecord> Decode(byte[]? data)
    {
        if (data is null || data.Length == 0)
        {
            return [];
        }
        using var r = new BinaryReader(new MemoryStream(data, writable: false), System.Text.Encoding.UTF8);
        if (r.ReadByte() != Version)
        {
            throw new InvalidDataException("Unknown payslip line format.");
        }
        var count = r.ReadUInt16();
        var lines = new List<PayslipLineRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var line = new PayslipLineRecord
            {
                Code = r.ReadString(),
                Category = r.ReadByte(),
                AmountFen = r.ReadInt64(),
                From = LocalDate.FromDateOnly(DateOnly.FromDayNumber(r.ReadInt32())),
                To = LocalDate.FromDateOnly(DateOnly.FromDayNumber(r.ReadInt32())),
            };
            var month = r.ReadInt32();
            line.SourceMonth = month == 0 ? null : new YearMonth(month / 100, month % 100);
            line.FactsHash = r.ReadBoolean() ? r.ReadInt64() : null;
            line.BasisAmount = r.ReadDecimal();
            line.BasisFactor = r.ReadDecimal();
            line.Numerator = r.ReadInt16();
            line.Denominator = r.ReadInt16();
            line.Post = (Post)r.ReadByte();
            line.Grade = r.ReadByte();
            line.Units = r.ReadInt16();
            lines.Add(line);
        }
        return lines;
    }
}
