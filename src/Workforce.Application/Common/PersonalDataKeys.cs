using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Workforce.Data.Security;

namespace Workforce.Application.Common;

/// <summary>
/// Loads the personal-data keys: <c>PersonalData:EncryptionKey</c> and <c>PersonalData:LookupKey</c>
/// (base64, 32 bytes each) when configured; otherwise a key file (<c>PersonalData:KeyFile</c>) created
/// once beside the SQLite database so a laptop install works with no setup. Production sets the keys
/// from a secret store; losing them makes stored ID and phone numbers unreadable.
/// </summary>
public static class PersonalDataKeys
{
    /// <summary>Builds the cipher from the options.</summary>
    public static IPersonalDataCipher Load(PersonalDataOptions options, string contentRoot, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.HasKeys)
        {
            return Build(options, options.EncryptionKey!, options.LookupKey!);
        }
        var file = Path.GetFullPath(Path.Combine(contentRoot, options.KeyFile));
        if (File.Exists(file))
        {
            var stored = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file))!;
            return Build(options, stored["EncryptionKey"], stored["LookupKey"]);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var keys = new Dictionary<string, string>
        {
            ["EncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["LookupKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        File.WriteAllText(file, JsonSerializer.Serialize(keys));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        logger?.LogWarning("Generated personal-data keys in {File}; set PersonalData:EncryptionKey and PersonalData:LookupKey in production.", file);
        return Build(options, keys["EncryptionKey"], keys["LookupKey"]);
    }

    private static PersonalDataCipher Build(PersonalDataOptions options, string encryptionKey, string lookupKey) =>
        PersonalDataCipher.FromBase64(encryptionKey, lookupKey, options.Algorithm, options.PreviousEncryptionKeys, options.LookupAlgorithm, options.PreviousLookupKeys);
}
