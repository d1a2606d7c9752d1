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

    /// <summary>
    /// Deterministic keyed hash for equality look-ups under the writing look-up key and algorithm, naming both
    /// (<c>{A|S}:{key id}:{hex}</c>), e.g. what an ID-card number is stored and searched by.
    /// </summary>
    string LookupHash(string value);

    /// <summary>
    /// Every form a stored look-up hash of <paramref name="value"/> may have — the writing key and algorithm first, then every
    /// configured look-up key under either algorithm, then the unversioned HMAC-SHA256 hex of the first release — so a search
    /// finds values hashed before a rotation finished.
    /// </summary>
    IReadOnlyList<string> LookupHashes(string value);

    /// <summary>True when a stored look-up hash is under the writing key and algorithm (nothing to rotate).</summary>
    bool IsCurrentLookupHash(string hash);

    /// <summary>
    /// A keyed token (hex) for codes people carry — ballot codes, sign-in and feedback codes — under the writing look-up key and
    /// algorithm; with HMAC-SHA256 it equals the first release's look-up hash, so codes already printed stay valid.
    /// </summary>
    string KeyedToken(string value);

    /// <summary>The tokens of <paramref name="value"/> under every configured look-up key and algorithm, the writing one first.</summary>
    IReadOnlyList<string> KeyedTokens(string value);

    /// <summary>True when a stored value is written with the current key and algorithm (nothing to rotate).</summary>
    bool IsCurrent(string protectedText);
}

/// <summary>The keyed hash of look-ups.</summary>
public enum LookupAlgorithm
{
    /// <summary>HMAC-SHA256 (the default).</summary>
    HmacSha256 = 1,
    /// <summary>HMAC-SM3 (GB/T 32905; 国密).</summary>
    HmacSm3 = 2,
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
/// Personal data encrypted with AES-256-GCM or SM4-GCM and look-up hashes as HMAC-SHA256 or HMAC-SM3 (settings), with separate
/// keys. Look-up hashes name their algorithm and key too (<c>{A|S}:{key id}:{hex}</c>); searches try every configured form.
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
    private readonly LookupKey _lookup;
    private readonly List<LookupKey> _lookups;
    private readonly List<byte[]> _lookupSecrets;

    /// <summary>
    /// Creates the cipher: <paramref name="encryptionKey"/> (32 bytes) writes with <paramref name="algorithm"/>;
    /// <paramref name="previousKeys"/> (32 bytes each) still read what they wrote, with either algorithm. Look-up hashes are
    /// written under <paramref name="lookupKey"/> with <paramref name="lookupAlgorithm"/>; <paramref name="previousLookupKeys"/>
    /// are still searched.
    /// </summary>
    public PersonalDataCipher(byte[] encryptionKey, byte[] lookupKey, PersonalDataAlgorithm algorithm = PersonalDataAlgorithm.Aes256Gcm, IEnumerable<byte[]>? previousKeys = null,
        LookupAlgorithm lookupAlgorithm = LookupAlgorithm.HmacSha256, IEnumerable<byte[]>? previousLookupKeys = null)
    {
        ArgumentNullException.ThrowIfNull(encryptionKey);
        ArgumentNullException.ThrowIfNull(lookupKey);
        var lookupSecrets = new[] { lookupKey }.Concat(previousLookupKeys ?? []).ToList();
        if (encryptionKey.Length != 32 || lookupSecrets.Any(k => k.Length != 32) || previousKeys?.Any(k => k.Length != 32) == true)
        {
            throw new ArgumentException("Personal-data keys must be 32 bytes (256 bits) each.");
        }
        if (!Enum.IsDefined(algorithm) || !Enum.IsDefined(lookupAlgorithm))
        {
            throw new ArgumentException("Unknown personal-data algorithm.", nameof(algorithm));
        }
        _lookupSecrets = lookupSecrets;
        _lookup = new LookupKey(lookupAlgorithm, lookupKey);
        _lookups = [.. lookupSecrets.SelectMany(k => Enum.GetValues<LookupAlgorithm>().Select(a => new LookupKey(a, k))).DistinctBy(k => k.Id)];
        _lookups.Remove(_lookups.Single(k => k.Id == _lookup.Id));
        _lookups.Insert(0, _lookup);
        _writing = new WorkingKey(algorithm, encryptionKey);
        var secrets = new[] { encryptionKey }.Concat(previousKeys ?? []).ToList();
        // Every secret under every algorithm, the writing secret first.
        var working = secrets.SelectMany(k => Enum.GetValues<PersonalDataAlgorithm>().Select(a => new WorkingKey(a, k))).DistinctBy(k => k.Id).ToList();
        _keys = working.ToDictionary(k => k.Id);
        _aesKeys = [.. working.Where(k => k.Algorithm == PersonalDataAlgorithm.Aes256Gcm)];
        KeyId = Convert.ToHexString(SHA256.HashData([.. secrets.SelectMany(k => k), .. lookupSecrets.SelectMany(k => k), (byte)algorithm, (byte)lookupAlgorithm]))[..16];
    }

    /// <inheritdoc />
    public string KeyId { get; }

    /// <summary>The algorithm new values are written with.</summary>
    public PersonalDataAlgorithm Algorithm => _writing.Algorithm;

    /// <summary>The id of the key new values are written with.</summary>
    public string WritingKeyId => _writing.Id;

    /// <summary>The id of the look-up key and algorithm new hashes are written with.</summary>
    public string WritingLookupKeyId => _lookup.Id;

    /// <summary>Parses the base64 keys (as written in configuration), the writing algorithms and previous keys still read.</summary>
    public static PersonalDataCipher FromBase64(string encryptionKey, string lookupKey, PersonalDataAlgorithm algorithm = PersonalDataAlgorithm.Aes256Gcm, IEnumerable<string>? previousKeys = null,
        LookupAlgorithm lookupAlgorithm = LookupAlgorithm.HmacSha256, IEnumerable<string>? previousLookupKeys = null)
        => new(Convert.FromBase64String(encryptionKey), Convert.FromBase64String(lookupKey), algorithm, previousKeys?.Select(Convert.FromBase64String),
            lookupAlgorithm, previousLookupKeys?.Select(Convert.FromBase64String));

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
    public string LookupHash(string value) => _lookup.Versioned(value);

    /// <inheritdoc />
    public IReadOnlyList<string> LookupHashes(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return [.. _lookups.Select(k => k.Versioned(value)), .. _lookupSecrets.Select(k => new LookupKey(LookupAlgorithm.HmacSha256, k).Hex(value)).Distinct()];
    }

    /// <inheritdoc />
    public bool IsCurrentLookupHash(string hash) => hash is not null && hash.StartsWith(_lookup.Prefix, StringComparison.Ordinal);

    /// <inheritdoc />
    public string KeyedToken(string value) => _lookup.Hex(value);

    /// <inheritdoc />
    public IReadOnlyList<string> KeyedTokens(string value) => [.. _lookups.Select(k => k.Hex(value)).Distinct()];

    // A look-up secret as one algorithm uses it; the id is 12 hex digits of SHA-256 over the algorithm's letter and the secret.
    private sealed class LookupKey
    {
        private readonly LookupAlgorithm _algorithm;
        private readonly byte[] _secret;

        public LookupKey(LookupAlgorithm algorithm, byte[] secret)
        {
            _algorithm = algorithm;
            _secret = secret;
            var code = algorithm == LookupAlgorithm.HmacSm3 ? "S" : "A";
            Id = Convert.ToHexString(SHA256.HashData([.. Encoding.ASCII.GetBytes("lookup/" + code), .. secret]))[..12];
            Prefix = $"{code}:{Id}:";
        }

        public string Id { get; }

        public string Prefix { get; }

        public string Hex(string value) => Convert.ToHexString(_algorithm == LookupAlgorithm.HmacSm3
            ? NationalCrypto.HmacSm3(_secret, Encoding.UTF8.GetBytes(value))
            : HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(value)));

        public string Versioned(string value) => Prefix + Hex(value);
    }

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
