using NodaTime;
using Workforce.Domain.Common;
using Workforce.Domain.Pay;

namespace Workforce.Domain.Tests.Pay;

/// <summary>Months are paid in order (issue 12).</summary>
public class PayOrderTests
{
    [Fact]
    public void TheNextMonthFollowsTheLastLockedOneElseItIsTheFirstMonthChosen()
    {
        PayOrder.Next(new YearMonth(2026, 10), new YearMonth(2026, 1)).Should().Be(new YearMonth(2026, 11));
        PayOrder.Next(new YearMonth(2026, 12), null).Should().Be(new YearMonth(2027, 1));
        PayOrder.Next(null, new YearMonth(2026, 1)).Should().Be(new YearMonth(2026, 1));
        PayOrder.Next(null, null).Should().BeNull();
    }

    [Fact]
    public void AnyOtherMonthIsRefusedNamingTheMonthThatComesNext()
    {
        var next = PayOrder.Next(new YearMonth(2026, 10), null);
        PayOrder.EnsureNext(new YearMonth(2026, 11), next);
        var later = () => PayOrder.EnsureNext(new YearMonth(2099, 1), next);
        later.Should().Throw<DomainException>().Which.Should().Match<DomainException>(e => e.Code == "Pay.NotNextMonth" && e.Arguments.SequenceEqual(new object?[] { "2099-01", "2026-11" }));
        var earlier = () => PayOrder.EnsureNext(new YearMonth(2026, 9), next);
        earlier.Should().Throw<DomainException>().Which.Code.Should().Be("Pay.NotNextMonth");
        var none = () => PayOrder.EnsureNext(new YearMonth(2026, 1), null);
        none.Should().Throw<DomainException>().Which.Code.Should().Be("Pay.FirstMonthNotChosen");
    }

    [Fact]
    public void TheFirstMonthCanBeChangedOnlyUntilAMonthIsLocked()
    {
        PayOrder.EnsureFirstMonthOpen(null);
        var locked = () => PayOrder.EnsureFirstMonthOpen(new YearMonth(2026, 3));
        locked.Should().Throw<DomainException>().Which.Code.Should().Be("Pay.FirstMonthFixed");
    }
}
