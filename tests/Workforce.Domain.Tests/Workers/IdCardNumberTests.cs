using NodaTime;
using Workforce.Domain.Common;
using Workforce.Domain.Workers;

namespace Workforce.Domain.Tests.Workers;

public class IdCardNumberTests
{
    // A published GB 11643 example: 11010519491231002X (check character X).
    private const string Example = "11010519491231002X";

    [Fact]
    public void AcceptsAValidNumberWithCheckCharacterX()
    {
        var id = IdCardNumber.Parse(Example.ToLowerInvariant());
        id.Value.Should().Be(Example);
        id.BirthDate.Should().Be(new LocalDate(1949, 12, 31));
        id.Sex.Should().Be(Sex.Female);
        id.RegionCode.Should().Be("110105");
    }

    [Fact]
    public void ComputesTheCheckCharacter()
    {
        IdCardNumber.ComputeCheckCharacter("11010519491231002").Should().Be('X');
        IdCardNumber.ComputeCheckCharacter("44052418800101001").Should().Be('4');
    }

    [Theory]
    [InlineData("110105194912310021", "IdCard.CheckDigit")]
    [InlineData("11010519491231002", "IdCard.Length")]
    [InlineData("1101051949123100X2", "IdCard.Digits")]
    [InlineData("010105194912310021", "IdCard.Region")]
    [InlineData("110105194902300021", "IdCard.BirthDate")]
    [InlineData("", "IdCard.Length")]
    public void RejectsMalformedNumbersWithAReason(string text, string code)
    {
        IdCardNumber.TryParse(text, out _, out var error).Should().BeFalse();
        error.Should().Be(code);
        var act = () => IdCardNumber.Parse(text);
        act.Should().Throw<DomainException>().Which.Code.Should().Be(code);
    }

    [Fact]
    public void MasksAllButTheFirstAndLastFour()
    {
        var id = IdCardNumber.Parse(Example);
        id.Masked.Should().Be("1101**********002X");
        id.ToString().Should().Be(id.Masked, "the full number must never reach a log by accident");
    }

    [Fact]
    public void DerivesMaleFromAnOddSeventeenthDigit()
    {
        var id = TestData.IdCard(new LocalDate(1985, 2, 28), Sex.Male);
        id.Sex.Should().Be(Sex.Male);
        id.AgeOn(new LocalDate(2026, 2, 27)).Should().Be(40);
        id.AgeOn(new LocalDate(2026, 2, 28)).Should().Be(41);
    }

    [Fact]
    public void PhoneNumbersAreValidatedAndMasked()
    {
        PhoneNumber.Parse("138-1234-5678").Masked.Should().Be("138****5678");
        var act = () => PhoneNumber.Parse("1234567");
        act.Should().Throw<DomainException>().Which.Code.Should().Be("Phone.Invalid");
    }
}
