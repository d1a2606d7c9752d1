using System.Security.Cryptography;
using System.Text;

namespace Workforce.Data.Security;

/// <summary>
/// Encrypts personal data (ID-card and phone numbers) for storage and derives a keyed lookup hash,
/// so an exact search by ID number works without the plain number ever reaching the database.
/// </summary>
public interface IPersonalDataCipher
{
    /// <summary>Identifies the key pair (not secret); part of the EF model cache key.</summary>
    string KeyId { get; }

    /// <summary>Encrypts with a fresh nonce: the same input gives a different output each time.</summary>
    string Protect(string plaintext);

    /// <summary>Decrypts what <see cref="Protect"/> produced; throws when tampered with.</summary>
    string Unprotect(string protectedText);

    /// <summary>Deterministic keyed hash (HMAC-SHA256, hex) for equality look-ups.</summary>
    string LookupHash(string value);

    /// <summary>True when a stored value is written with the current key and algorithm (nothing to rotate).</summary>
    bool IsCurrent(string protectedText);
}

/// <summary>The cipher of stored personal data.</summary>
public enum PersonalDataAlgorithm
{
    /// <summary>AES-256-GCM (the default).</summary>
    Aes256Gcm = 1,
    /// <summary>SM4-GCM (GB/T 32907; 国密).</summary>
    Sm4Gcm = 2,
}

/// <summary>
/// Personal data encrypted with AES-256-GCM or SM4-GCM (a setting) and look-up hashes as HMAC-SHA256, with separate keys.
/// Every value written records its algorithm and key id (<c>v2:{A|S}:{key id}:{base64 of nonce, ciphertext, tag}</c>), so a
/// database can hold values of several keys and algorithms at once: a value is read with the key it names, the writing key or
/// one of the previous keys. Values written before this format (<c>v1:</c>, AES-256-GCM without a key id) are read with the
/// first AES key. A key is a 256-bit secret: AES uses it as it is (as v1 did); SM4 uses the first 16 bytes of
/// SM3("workforce/sm4" ‖ key), so switching the algorithm needs no new secret and is a rotation of the values.
/// </summary>
public sealed class PersonalDataCipher : IPersonalDataCipher
{
    private const string LegacyPrefix = "v1:";
    private const string Prefix = "v2:";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly WorkingKey _writing;
    private readonly Dictionary<string, WorkingKey> _keys;
    private readonly List<WorkingKey> _aesKeys;
    private readonly byte[] _lookupKey;

    /// <summary>
    /// Creates the cipher: <paramref name="encryptionKey"/> (32 bytes) writes with <paramref name="algorithm"/>;
    /// <paramref name="previousKeys"/> (32 bytes each) still read what they wrote, with either algorithm.
    /// </summary>
    public PersonalDataCipher(byte[] encryptionKey, byte[] lookupKey, PersonalDataAlgorithm algorithm = PersonalDataAlgorithm.Aes256Gcm, IEnumerable<byte[]>? previousKeys = null)
    {
        ArgumentNullException.ThrowIfNull(encryptionKey);
        ArgumentNullException.ThrowIfNull(lookupKey);
        if (encryptionKey.Length != 32 || lookupKey.Length != 32 || previousKeys?.Any(k => k.Length != 32) == true)
        {
            throw new ArgumentException("Personal-data keys must be 32 bytes (256 bits) each.");
        }
        if (!Enum.IsDefined(algorithm))
        {
            throw new ArgumentException("Unknown personal-data algorithm.", nameof(algorithm));
        }
        _lookupKey = lookupKey;
        _writing = new WorkingKey(algorithm, encryptionKey);
        var secrets = new[] { encryptionKey }.Concat(previousKeys ?? []).ToList();
        // Every secret under every algorithm, the writing secret first.
        var working = secrets.SelectMany(k => Enum.GetValues<PersonalDataAlgorithm>().Select(a => new WorkingKey(a, k))).DistinctBy(k => k.Id).ToList();
        _keys = working.ToDictionary(k => k.Id);
        _aesKeys = [.. working.Where(k => k.Algorithm == PersonalDataAlgorithm.Aes256Gcm)];
        KeyId = Convert.ToHexString(SHA256.HashData([.. secrets.SelectMany(k => k), .. lookupKey, (byte)algorithm]))[..16];
    }

    /// <inheritdoc />
    public string KeyId { get; }

    /// <summary>The algorithm new values are written with.</summary>
    public PersonalDataAlgorithm Algorithm => _writing.Algorithm;

    /// <summary>The id of the key new values are written with.</summary>
    public string WritingKeyId => _writing.Id;

    /// <summary>Parses two base64 keys (as written in configuration), the writing algorithm and previous keys still read.</summary>
    public static PersonalDataCipher FromBase64(string encryptionKey, string lookupKey, PersonalDataAlgorithm algorithm = PersonalDataAlgorithm.Aes256Gcm, IEnumerable<string>? previousKeys = null)
        => new(Convert.FromBase64String(encryptionKey), Convert.FromBase64String(lookupKey), algorithm, previousKeys?.Select(Convert.FromBase64String));

    /// <inheritdoc />
    public bool IsCurrent(string protectedText) =>
        protectedText is not null && protectedText.StartsWith($"{Prefix}{_writing.Code}:{_writing.Id}:", StringComparison.Ordinal);

    /// <inheritdoc />
    public string Protect(string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        byte[] sealedData;
        if (_writing.Algorithm == PersonalDataAlgorithm.Sm4Gcm)
        {
            sealedData = NationalCrypto.Sm4GcmEncrypt(_writing.Key, nonce, plain);
        }
        else
        {
            sealedData = new byte[plain.Length + TagSize];
            using var aes = new AesGcm(_writing.Key, TagSize);
            aes.Encrypt(nonce, plain, sealedData.AsSpan(0, plain.Length), sealedData.AsSpan(plain.Length, TagSize));
        }
        return $"{Prefix}{_writing.Code}:{_writing.Id}:{Convert.ToBase64String([.. nonce, .. sealedData])}";
    }

    /// <inheritdoc />
    public string Unprotect(string protectedText)
    {
        ArgumentNullException.ThrowIfNull(protectedText);
        if (protectedText.StartsWith(LegacyPrefix, StringComparison.Ordinal))
        {
            // v1 names no key: the AES keys are tried in turn (the writing key first); GCM's tag tells the right one.
            var legacy = Convert.FromBase64String(protectedText[LegacyPrefix.Length..]);
            foreach (var aes in _aesKeys)
            {
                try
                {
                    return Open(aes, legacy);
                }
                catch (CryptographicException) when (aes != _aesKeys[^1])
                {
                }
            }
        }
        if (protectedText.StartsWith(Prefix, StringComparison.Ordinal) && protectedText.Split(':', 4) is [_, var code, var id, var rest]
            && _keys.TryGetValue(id, out var found) && found.Code == code)
        {
            return Open(found, Convert.FromBase64String(rest));
        }
        throw new CryptographicException("Unknown personal-data format or key.");
    }

    private static string Open(WorkingKey key, byte[] buffer)
    {
        if (key.Algorithm == PersonalDataAlgorithm.Sm4Gcm)
        {
            return Encoding.UTF8.GetString(NationalCrypto.Sm4GcmDecrypt(key.Key, buffer[..NonceSize], buffer[NonceSize..]));
        }
        var length = buffer.Length - NonceSize - TagSize;
        var plain = new byte[length];
        using var aes = new AesGcm(key.Key, TagSize);
        aes.Decrypt(buffer.AsSpan(0, NonceSize), buffer.AsSpan(NonceSize, length), buffer.AsSpan(NonceSize + length, TagSize), plain);
        return Encoding.UTF8.GetString(plain);
    }

    /// <inheritdoc />
    public string LookupHash(string value)
        => Convert.ToHexString(HMACSHA256.HashData(_lookupKey, Encoding.UTF8.GetBytes(value)));

    // A secret as one algorithm uses it: the working key and its public id (algorithm and secret, hashed).
    private sealed class WorkingKey
    {
        public WorkingKey(PersonalDataAlgorithm algorithm, byte[] secret)
        {
            Algorithm = algorithm;
            Key = algorithm == PersonalDataAlgorithm.Sm4Gcm ? NationalCrypto.Sm3([.. "workforce/sm4"u8, .. secret])[..NationalCrypto.Sm4KeySize] : secret;
            Code = algorithm == PersonalDataAlgorithm.Sm4Gcm ? "S" : "A";
            Id = Convert.ToHexString(SHA256.HashData([.. Encoding.ASCII.GetBytes(Code), .. secret]))[..12];
        }

        public PersonalDataAlgorithm Algorithm { get; }
        public byte[] Key { get; }
        public string Code { get; }
        public string Id { get; }
    }
}
