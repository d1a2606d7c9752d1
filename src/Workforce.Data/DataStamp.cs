namespace Workforce.Data;

/// <summary>
/// A version number of a family of rows, raised in the transaction of every save that changes one of them, so a figure or
/// an index kept in memory from those rows can tell it is stale on any node by reading one row (ADR 0016).
/// </summary>
public sealed class DataStamp
{
    /// <summary>The registry: workers, their post assignments and the organisation units.</summary>
    public const string Registry = "Registry";
    /// <summary>Any row saved through the context (every family's changes raise it too).</summary>
    public const string Data = "Data";
    /// <summary>The stored payslips of every period (raised by <see cref="PayslipStore"/> when a run replaces a period's payslips).</summary>
    public const string Payslips = "Payslips";

    /// <summary>Name of the family.</summary>
    public string Name { get; set; } = string.Empty;
    /// <summary>Raised by one on every change.</summary>
    public long Value { get; set; }
}
