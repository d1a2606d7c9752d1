namespace Workforce.Data;

/// <summary>An ASP.NET Core Data Protection key ring entry, stored in the database so several app instances share it.</summary>
public sealed class DataProtectionKey
{
    /// <summary>Database key.</summary>
    public int Id { get; set; }
    /// <summary>Key friendly name (its id).</summary>
    public string FriendlyName { get; set; } = string.Empty;
    /// <summary>The key XML.</summary>
    public string Xml { get; set; } = string.Empty;
}
