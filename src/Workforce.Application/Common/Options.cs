using System.ComponentModel.DataAnnotations;
using Workforce.Data;

namespace Workforce.Application.Common;

/// <summary>The database (section <c>Database</c>; the connection string is <c>ConnectionStrings:Workforce</c>).</summary>
public sealed class DatabaseOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Database";

    /// <summary>Name of the connection string.</summary>
    public const string ConnectionStringName = "Workforce";

    /// <summary>The embedded default: an SQLite file under the content root.</summary>
    public const string DefaultSqliteConnectionString = "Data Source=App_Data/workforce.db";

    /// <summary><c>Sqlite</c> (default), <c>PostgreSql</c> or <c>SqlServer</c>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

/// <summary>Keys of the personal-data encryption (section <c>PersonalData</c>, ADR 0002).</summary>
public sealed class PersonalDataOptions : IValidatableObject
{
    /// <summary>Configuration section.</summary>
    public const string Section = "PersonalData";

    /// <summary>Base64 of 32 bytes: the AES-256-GCM key of ID-card, phone and bank-account numbers.</summary>
    public string? EncryptionKey { get; set; }

    /// <summary>Base64 of 32 bytes: the HMAC key of exact look-ups.</summary>
    public string? LookupKey { get; set; }

    /// <summary>The cipher new values are written with: <c>Aes256Gcm</c> (default) or <c>Sm4Gcm</c> (国密). Values already stored are read whatever wrote them.</summary>
    public Workforce.Data.Security.PersonalDataAlgorithm Algorithm { get; set; } = Workforce.Data.Security.PersonalDataAlgorithm.Aes256Gcm;

    /// <summary>Earlier encryption keys (base64 of 32 bytes each), still read until every value is rotated to the current key.</summary>
    public List<string> PreviousEncryptionKeys { get; set; } = [];

    /// <summary>The keyed hash new look-up hashes are written with: <c>HmacSha256</c> (default) or <c>HmacSm3</c> (国密).</summary>
    public Workforce.Data.Security.LookupAlgorithm LookupAlgorithm { get; set; } = Workforce.Data.Security.LookupAlgorithm.HmacSha256;

    /// <summary>Earlier look-up keys (base64 of 32 bytes each), still searched until every hash is rotated (and open ballot codes used).</summary>
    public List<string> PreviousLookupKeys { get; set; } = [];

    /// <summary>Where keys are generated once when none are configured (relative to the content root).</summary>
    [Required]
    public string KeyFile { get; set; } = "App_Data/personal-data.keys";

    /// <summary>True when both keys are configured.</summary>
    public bool HasKeys => !string.IsNullOrWhiteSpace(EncryptionKey) && !string.IsNullOrWhiteSpace(LookupKey);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(EncryptionKey) != string.IsNullOrWhiteSpace(LookupKey))
        {
            yield return new ValidationResult("Set both PersonalData:EncryptionKey and PersonalData:LookupKey, or neither.");
        }
        foreach (var (name, value) in new[] { (nameof(EncryptionKey), EncryptionKey), (nameof(LookupKey), LookupKey) }.Concat(PreviousEncryptionKeys.Select(k => (nameof(PreviousEncryptionKeys), (string?)k))).Concat(PreviousLookupKeys.Select(k => (nameof(PreviousLookupKeys), (string?)k))))
        {
            if (!string.IsNullOrWhiteSpace(value) && !IsKey(value))
            {
                yield return new ValidationResult($"PersonalData:{name} must be the base64 of 32 bytes.", [name]);
            }
        }
    }

    private static bool IsKey(string value)
    {
        var buffer = new byte[48];
        return Convert.TryFromBase64String(value, buffer, out var length) && length == 32;
    }
}

/// <summary>Demo data and accounts (section <c>Demo</c>).</summary>
public sealed class DemoOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Demo";

    /// <summary>The demo password printed in the README: never acceptable in production.</summary>
    public const string PublishedPassword = "Workforce#2026";

    /// <summary>Seed the demo district and accounts; when not set, every environment but Production seeds (<see cref="SeedsIn"/>).</summary>
    public bool? Seed { get; set; }

    /// <summary>Whether a start in <paramref name="environment"/> seeds the demo: <see cref="Seed"/> when set, else outside Production only.</summary>
    public bool SeedsIn(Microsoft.Extensions.Hosting.IHostEnvironment environment) =>
        Seed ?? !Microsoft.Extensions.Hosting.HostEnvironmentEnvExtensions.IsProduction(environment);

    /// <summary>Password of the demo accounts (the password policy's minimum length applies).</summary>
    [Required, MinLength(Admin.PasswordPolicy.MinimumLength)]
    public string Password { get; set; } = PublishedPassword;

    /// <summary>Workers in the demo district.</summary>
    [Range(1, 2_000_000)]
    public int WorkerCount { get; set; } = 1500;

    /// <summary>
    /// Further districts beside the demo one (each one street of ten communities, its own workers, going live this month), for
    /// testing and measuring how a multi-district installation spreads its monthly runs over nodes. No accounts are made for them.
    /// </summary>
    [Range(0, 50)]
    public int ExtraDistricts { get; set; }

    /// <summary>Workers in each further district.</summary>
    [Range(1, 200_000)]
    public int ExtraDistrictWorkers { get; set; } = 1000;

    /// <summary>Records the annual advancements the demo's ratings earn (as the yearly job would have); off only to test that job.</summary>
    public bool RecordAdvancements { get; set; } = true;
}

/// <summary>The users' time zone: "today" for assignments, statistics and schedules (key <c>TimeZone</c>).</summary>
public sealed class RegionOptions
{
    /// <summary>IANA zone id.</summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Shanghai";
}

/// <summary>Monthly payroll (section <c>Payroll</c>).</summary>
public sealed class PayrollOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Payroll";

    /// <summary>How many months back locked months are recomputed for 补发/补扣 lines when facts change.</summary>
    [Range(0, 120)]
    public int RetroactiveMonths { get; set; } = 24;
}

/// <summary>Every xlsx import (section <c>Import</c>).</summary>
public sealed class ImportOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Import";

    /// <summary>Largest upload accepted, in bytes (larger: 413 before the body is read).</summary>
    [Range(1024, 1L << 30)]
    public long MaxUploadBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>The refusal of an upload past <see cref="MaxUploadBytes"/>, naming the limit in MB (page, API and reader alike).</summary>
    public Workforce.Domain.Common.Message TooLarge() => new("Import.TooLarge", MaxUploadBytes / (1024 * 1024));

    /// <summary>Most entries an xlsx (a zip) may hold; a workbook of one sheet has about ten.</summary>
    [Range(4, 10_000)]
    public int MaxZipEntries { get; set; } = 64;

    /// <summary>Largest uncompressed size of any one part, in bytes, counted while inflating (the declared size is not trusted).</summary>
    [Range(1024, 1L << 32)]
    public long MaxPartBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Largest sheet accepted, in data rows; a row numbered past this (plus the header) is refused too.</summary>
    [Range(1, 1_000_000)]
    public int MaxRows { get; set; } = 20_000;

    /// <summary>Most columns a row may use.</summary>
    [Range(1, 16_384)]
    public int MaxColumns { get; set; } = 64;

    /// <summary>Longest cell text, in characters (shared strings included).</summary>
    [Range(1, 1_000_000)]
    public int MaxCellChars { get; set; } = 2_000;

    /// <summary>At most this many errors are listed (the rest are counted).</summary>
    [Range(1, 100_000)]
    public int MaxErrors { get; set; } = 1_000;
}
