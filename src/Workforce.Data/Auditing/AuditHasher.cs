using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Workforce.Data.Auditing;

/// <summary>The hash of the audit chain.</summary>
public enum AuditHashAlgorithm
{
    /// <summary>SHA-256 (the default): 64 hex digits.</summary>
    Sha256 = 1,
    /// <summary>SM3 (GB/T 32905; 国密): "SM3:" and 64 hex digits.</summary>
    Sm3 = 2,
}

/// <summary>Which hash new audit rows are chained with (setting <c>Audit:HashAlgorithm</c>).</summary>
public sealed class AuditChainOptions
{
    /// <summary>The algorithm of new rows; rows already chained keep theirs and verify with it.</summary>
    public AuditHashAlgorithm HashAlgorithm { get; set; } = AuditHashAlgorithm.Sha256;
}

/// <summary>
/// Computes and checks the hash chain of the audit trail. Each row's hash says its algorithm (SM3 rows carry the "SM3:" prefix,
/// SHA-256 rows are bare hex as since the first release), so a chain can change algorithm at any row and still verify end to end.
/// </summary>
public static class AuditHasher
{
    /// <summary>Previous hash of the first row.</summary>
    public static readonly string Genesis = new('0', 64);

    private const string Sm3Prefix = "SM3:";

    /// <summary>The algorithm a stored hash was computed with.</summary>
    public static AuditHashAlgorithm AlgorithmOf(string hash) =>
        hash is not null && hash.StartsWith(Sm3Prefix, StringComparison.Ordinal) ? AuditHashAlgorithm.Sm3 : AuditHashAlgorithm.Sha256;

    /// <summary>The hash of a row with <paramref name="algorithm"/> over its fields (length-prefixed) and the previous hash.</summary>
    public static string Compute(AuditEntry e, AuditHashAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(e);
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
        var bytes = Encoding.UTF8.GetBytes(sb.ToString());
        return algorithm == AuditHashAlgorithm.Sm3
            ? Sm3Prefix + Convert.ToHexString(Security.NationalCrypto.Sm3(bytes))
            : Convert.ToHexString(SHA256.HashData(bytes));
    }
}

/// <summary>Outcome of a chain verification.</summary>
/// <param name="IsIntact">True when every row's hash and link is correct.</param>
/// <param name="RowsChecked">Rows read.</param>
/// <param name="FirstBrokenSequence">Sequence of the first bad row, if any.</param>
/// <param name="Problem">What is wrong there.</param>
public sealed record AuditVerificationResult(bool IsIntact, long RowsChecked, long? FirstBrokenSequence, string? Problem);
