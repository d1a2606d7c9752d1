using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Workforce.Data.Auditing;

/// <summary>Computes and checks the hash chain of the audit trail.</summary>
public static class AuditHasher
{
    /// <summary>Previous hash of the first row.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>SHA-256 over the row's fields (length-prefixed, so no two field splits collide) and the previous hash.</summary>
    public static string Compute(AuditEntry e)
    {
        var sb = new StringBuilder();
        void Add(string? s)
        {
            s ??= "\u2400";
            sb.Append(s.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(s).Append('|');
        }
        Add(e.Sequence.ToString(CultureInfo.InvariantCulture));
        Add(e.Timestamp.ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture));
        Add(e.UserId);
        Add(e.UserName);
        Add(e.Action);
        Add(e.EntityType);
        Add(e.EntityId);
        Add(e.Before);
        Add(e.After);
        Add(e.PreviousHash);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}

/// <summary>Outcome of a chain verification.</summary>
/// <param name="IsIntact">True when every row's hash and link is correct.</param>
/// <param name="RowsChecked">Rows read.</param>
/// <param name="FirstBrokenSequence">Sequence of the first bad row, if any.</param>
/// <param name="Problem">What is wrong there.</param>
public sealed record AuditVerificationResult(bool IsIntact, long RowsChecked, long? FirstBrokenSequence, string? Problem);
