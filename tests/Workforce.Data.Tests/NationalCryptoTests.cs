using System.Security.Cryptography;
using System.Text;
using Workforce.Data.Security;

namespace Workforce.Data.Tests;

/// <summary>SM4 and SM3 against the published vectors: GB/T 32907-2016 (SM4), GB/T 32905-2016 (SM3) and RFC 8998 (SM4-GCM).</summary>
public class NationalCryptoTests
{
    private static byte[] H(string hex) => Convert.FromHexString(hex);

    [Fact]
    public void Sm4EncryptsTheStandardsExampleBlock()
    {
        var key = H("0123456789ABCDEFFEDCBA9876543210");
        NationalCrypto.Sm4EncryptBlock(key, key).Should().Equal(H("681EDF34D206965E86B3E94F536E4246"));
    }

    [Fact]
    public void Sm4EncryptedAMillionTimesGivesTheStandardsSecondExample()
    {
        var key = H("0123456789ABCDEFFEDCBA9876543210");
        var block = key;
        for (var i = 0; i < 1_000_000; i++)
        {
            block = NationalCrypto.Sm4EncryptBlock(key, block);
        }
        block.Should().Equal(H("595298C7C6FD271F0402F804C33D3F66"));
    }

    [Theory]
    [InlineData("abc", "66C7F0F462EEEDD9D1F2D46BDC10E4E24167C4875CF2F7A2297DA02B8F4BA8E0")]
    [InlineData("abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd", "DEBE9FF92275B8A138604889C18E5A4D6FDB70E5387E5765293DCBA39C0C5732")]
    public void Sm3HashesTheStandardsExamples(string message, string digest) =>
        NationalCrypto.Sm3(Encoding.ASCII.GetBytes(message)).Should().Equal(H(digest));

    [Fact]
    public void Sm4GcmMatchesRfc8998AndRefusesAnAlteredCiphertext()
    {
        var key = H("0123456789ABCDEFFEDCBA9876543210");
        var nonce = H("00001234567800000000ABCD");
        var aad = H("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2");
        var plain = H("AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDDEEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA");
        var sealedData = NationalCrypto.Sm4GcmEncrypt(key, nonce, plain, aad);
        sealedData.Should().Equal(H("17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D"
            + "83DE3541E4C2B58177E065A9BF7B62EC"));
        NationalCrypto.Sm4GcmDecrypt(key, nonce, sealedData, aad).Should().Equal(plain);
        sealedData[3] ^= 1;
        var altered = () => NationalCrypto.Sm4GcmDecrypt(key, nonce, sealedData, aad);
        altered.Should().Throw<CryptographicException>();
    }

    [Fact]
    public void HmacSm3IsKeyedAndDeterministic()
    {
        var a = NationalCrypto.HmacSm3(H("00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF"), "110101199003074514"u8);
        var b = NationalCrypto.HmacSm3(H("00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF"), "110101199003074514"u8);
        var other = NationalCrypto.HmacSm3(H("FF112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF"), "110101199003074514"u8);
        a.Should().HaveCount(32).And.Equal(b);
        other.Should().NotEqual(a);
    }
}
