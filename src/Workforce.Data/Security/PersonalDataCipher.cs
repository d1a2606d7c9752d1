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
}

/// <summary>AES-256-GCM for the values and HMAC-SHA256 for the lookup hashes, with separate keys.</summary>
public sealed class AesGcmPersonalDataCipher : IPersonalDataCipher
{
    private const string Prefix = "v1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _encryptionKey;
    private readonly byte[] _lookupKey;

    /// <summary>Creates the protector from two 32-byte keys.</summary>
    public AesGcmPersonalDataCipher(byte[] encryptionKey, byte[] lookupKey)
    {
        if (encryptionKey.Length != 32 || lookupKey.Length != 32)
        {
            throw new ArgumentException("Personal-data keys must be 32 bytes (256 bits) each.");
        }
        _encryptionKey = encryptionKey;
        _lookupKey = lookupKey;
        KeyId = Convert.ToHexString(SHA256.HashData([.. encryptionKey, .. lookupKey]))[..16];
    }

    /// <inheritdoc />
    public string KeyId { get; }

    /// <summary>Parses two base64 keys (as written in configuration).</summary>
    public static AesGcmPersonalDataCipher FromBase64(string encryptionKey, string lookupKey)
        => new(Convert.FromBase64String(encryptionKey), Convert.FromBase64String(lookupKey));

    /// <inheritdoc />
    public string Protect(string plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var buffer = new byte[NonceSize + plain.Length + TagSize];
        var nonce = buffer.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_encryptionKey, TagSize);
        aes.Encrypt(nonce, plain, buffer.AsSpan(NonceSize, plain.Length), buffer.AsSpan(NonceSize + plain.Length, TagSize));
        return Prefix + Convert.ToBase64String(buffer);
    }

    /// <inheritdoc />
    public string Unprotect(string protectedText)
    {
        if (!protectedText.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new CryptographicException("Unknown personal-data format.");
        }
        var buffer = Convert.FromBase64String(protectedText[Prefix.Length..]);
        var length = buffer.Length - NonceSize - TagSize;
        var plain = new byte[length];
        using var aes = new AesGcm(_encryptionKey, TagSize);
        aes.Decrypt(buffer.AsSpan(0, NonceSize), buffer.AsSpan(NonceSize, length), buffer.AsSpan(NonceSize + length, TagSize), plain);
        return Encoding.UTF8.GetString(plain);
    }

    /// <inheritdoc />
    public string LookupHash(string value)
        => Convert.ToHexString(HMACSHA256.HashData(_lookupKey, Encoding.UTF8.GetBytes(value)));
}
