using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace Workforce.Data.Security;

/// <summary>
/// The national (国密) algorithms the commercial-cryptography assessment expects, from BouncyCastle: SM4 (GB/T 32907, 128-bit
/// block and key) in GCM mode for stored personal data, SM3 (GB/T 32905, 256-bit digest) for integrity, and HMAC-SM3 for keyed
/// look-up hashes. Checked against the standards' published vectors (<c>NationalCryptoTests</c>).
/// </summary>
public static class NationalCrypto
{
    /// <summary>SM4 key size in bytes.</summary>
    public const int Sm4KeySize = 16;

    /// <summary>One SM4 block encrypted with <paramref name="key"/> (the standard's single-block example; not a mode for data).</summary>
    public static byte[] Sm4EncryptBlock(byte[] key, byte[] block)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(block);
        var engine = new SM4Engine();
        engine.Init(true, new KeyParameter(key));
        var output = new byte[16];
        engine.ProcessBlock(block, 0, output, 0);
        return output;
    }

    /// <summary>SM4-GCM: ciphertext followed by the 16-byte tag.</summary>
    public static byte[] Sm4GcmEncrypt(byte[] key, byte[] nonce, byte[] plaintext, byte[]? associatedData = null) => Gcm(true, key, nonce, plaintext, associatedData);

    /// <summary>Reverses <see cref="Sm4GcmEncrypt"/>; throws <see cref="CryptographicException"/> when the data or tag was altered.</summary>
    public static byte[] Sm4GcmDecrypt(byte[] key, byte[] nonce, byte[] ciphertextAndTag, byte[]? associatedData = null)
    {
        try
        {
            return Gcm(false, key, nonce, ciphertextAndTag, associatedData);
        }
        catch (Org.BouncyCastle.Crypto.InvalidCipherTextException ex)
        {
            throw new CryptographicException("SM4-GCM authentication failed.", ex);
        }
    }

    /// <summary>SM3 digest.</summary>
    public static byte[] Sm3(ReadOnlySpan<byte> data)
    {
        var digest = new SM3Digest();
        digest.BlockUpdate(data);
        var output = new byte[digest.GetDigestSize()];
        digest.DoFinal(output, 0);
        return output;
    }

    /// <summary>HMAC-SM3.</summary>
    public static byte[] HmacSm3(byte[] key, ReadOnlySpan<byte> data)
    {
        var mac = new HMac(new SM3Digest());
        mac.Init(new KeyParameter(key));
        mac.BlockUpdate(data);
        var output = new byte[mac.GetMacSize()];
        mac.DoFinal(output, 0);
        return output;
    }

    private static byte[] Gcm(bool encrypt, byte[] key, byte[] nonce, byte[] input, byte[]? associatedData)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(nonce);
        ArgumentNullException.ThrowIfNull(input);
        if (key.Length != Sm4KeySize)
        {
            throw new ArgumentException("SM4 keys are 16 bytes (128 bits).", nameof(key));
        }
        var gcm = new GcmBlockCipher(new SM4Engine());
        gcm.Init(encrypt, new AeadParameters(new KeyParameter(key), 128, nonce, associatedData));
        var output = new byte[gcm.GetOutputSize(input.Length)];
        var length = gcm.ProcessBytes(input, 0, input.Length, output, 0);
        length += gcm.DoFinal(output, length);
        return length == output.Length ? output : output[..length];
    }
}
