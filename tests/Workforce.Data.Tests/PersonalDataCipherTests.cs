using System.Security.Cryptography;
using System.Text;
using Workforce.Data.Security;

namespace Workforce.Data.Tests;

/// <summary>Personal data under AES-256-GCM or SM4-GCM: each value names its algorithm and key, and is read whatever wrote it.</summary>
public class PersonalDataCipherTests
{
    private static readonly byte[] First = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private static readonly byte[] Second = [.. Enumerable.Range(201, 32).Select(i => (byte)i)];
    private static readonly byte[] Lookup = [.. Enumerable.Range(101, 32).Select(i => (byte)i)];

    [Theory]
    [InlineData(PersonalDataAlgorithm.Aes256Gcm, "v2:A:")]
    [InlineData(PersonalDataAlgorithm.Sm4Gcm, "v2:S:")]
    public void AValueNamesItsAlgorithmAndKeyAndReadsBack(PersonalDataAlgorithm algorithm, string prefix)
    {
        var cipher = new PersonalDataCipher(First, Lookup, algorithm);
        var sealedText = cipher.Protect("320508198802291234");
        sealedText.Should().StartWith(prefix + cipher.WritingKeyId + ":");
        cipher.Protect("320508198802291234").Should().NotBe(sealedText, "a fresh nonce each time");
        cipher.Unprotect(sealedText).Should().Be("320508198802291234");
        cipher.IsCurrent(sealedText).Should().BeTrue();
    }

    [Fact]
    public void AfterSwitchingToSm4WithANewKeyTheOldAesValuesAndTheOldestV1ValuesStillRead()
    {
        var before = new PersonalDataCipher(First, Lookup);
        var aes = before.Protect("13912345678");
        var v1 = LegacyV1(First, "13800000000");
        before.Unprotect(v1).Should().Be("13800000000", "values written before key ids existed");

        var after = new PersonalDataCipher(Second, Lookup, PersonalDataAlgorithm.Sm4Gcm, [First]);
        after.Unprotect(aes).Should().Be("13912345678");
        after.Unprotect(v1).Should().Be("13800000000", "the AES keys are tried in turn for a v1 value");
        after.IsCurrent(aes).Should().BeFalse("to be rotated");
        var sm4 = after.Protect("13912345678");
        sm4.Should().StartWith("v2:S:");
        after.IsCurrent(sm4).Should().BeTrue();
        after.LookupHash("x").Should().Be(before.LookupHash("x"), "look-ups keep working across the switch");
        after.KeyId.Should().NotBe(before.KeyId, "EF builds a model per cipher");

        var forgetful = new PersonalDataCipher(Second, Lookup, PersonalDataAlgorithm.Sm4Gcm);
        forgetful.Invoking(c => c.Unprotect(aes)).Should().Throw<CryptographicException>("a retired key reads nothing");
        forgetful.Invoking(c => c.Unprotect(v1)).Should().Throw<CryptographicException>();
    }

    [Fact]
    public void ALookUpHashNamesItsAlgorithmAndKeyAndASearchFindsEveryFormStillConfigured()
    {
        var sha = new PersonalDataCipher(First, Lookup);
        var hash = sha.LookupHash("320508198802291234");
        hash.Should().MatchRegex("^A:[0-9A-F]{12}:[0-9A-F]{64}$").And.HaveLength(79);
        hash.Should().EndWith(Convert.ToHexString(HMACSHA256.HashData(Lookup, "320508198802291234"u8.ToArray())));
        sha.IsCurrentLookupHash(hash).Should().BeTrue();
        var bare = hash[15..];
        sha.IsCurrentLookupHash(bare).Should().BeFalse("the first release's bare hex is rotated");
        sha.LookupHashes("320508198802291234").Should().StartWith(hash).And.Contain(bare);
        sha.KeyedToken("ballot:ABC").Should().Be(Convert.ToHexString(HMACSHA256.HashData(Lookup, "ballot:ABC"u8.ToArray())), "codes printed by the first release stay valid");

        var newLookup = Second;
        var sm3 = new PersonalDataCipher(First, newLookup, lookupAlgorithm: LookupAlgorithm.HmacSm3, previousLookupKeys: [Lookup]);
        var fresh = sm3.LookupHash("320508198802291234");
        fresh.Should().StartWith("S:").And.EndWith(Convert.ToHexString(NationalCrypto.HmacSm3(newLookup, "320508198802291234"u8)));
        sm3.IsCurrentLookupHash(hash).Should().BeFalse();
        sm3.LookupHashes("320508198802291234").Should().StartWith(fresh).And.Contain([hash, bare]);
        sm3.KeyedTokens("ballot:ABC").Should().StartWith(sm3.KeyedToken("ballot:ABC")).And.Contain(sha.KeyedToken("ballot:ABC"));
        sm3.KeyId.Should().NotBe(sha.KeyId);

        var retired = new PersonalDataCipher(First, newLookup, lookupAlgorithm: LookupAlgorithm.HmacSm3);
        retired.LookupHashes("320508198802291234").Should().NotContain(hash, "a retired look-up key is no longer searched");
    }

    [Fact]
    public void AnAlteredValueIsRefused()
    {
        var cipher = new PersonalDataCipher(First, Lookup, PersonalDataAlgorithm.Sm4Gcm);
        var sealedText = cipher.Protect("320508198802291234");
        var bytes = Convert.FromBase64String(sealedText.Split(':')[3]);
        bytes[^1] ^= 1;
        var altered = string.Join(':', sealedText.Split(':')[..3]) + ":" + Convert.ToBase64String(bytes);
        cipher.Invoking(c => c.Unprotect(altered)).Should().Throw<CryptographicException>();
        cipher.Invoking(c => c.Unprotect("v2:A:" + cipher.WritingKeyId + ":" + sealedText.Split(':')[3])).Should().Throw<CryptographicException>("the algorithm is part of the key's name");
    }

    // The format of the first release: "v1:" + base64(nonce ‖ ciphertext ‖ tag), AES-256-GCM with the key itself.
    private static string LegacyV1(byte[] key, string plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var buffer = new byte[12 + plain.Length + 16];
        RandomNumberGenerator.Fill(buffer.AsSpan(0, 12));
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(buffer.AsSpan(0, 12), plain, buffer.AsSpan(12, plain.Length), buffer.AsSpan(12 + plain.Length, 16));
        return "v1:" + Convert.ToBase64String(buffer);
    }
}
