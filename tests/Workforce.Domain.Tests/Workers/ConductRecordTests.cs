using NodaTime;
using Workforce.Domain.Common;
using Workforce.Domain.Workers;

namespace Workforce.Domain.Tests.Workers;

public class ConductRecordTests
{
    private static readonly LocalDate Decided = new(2026, 3, 10);

    [Fact]
    public void ADisciplinaryRecordIsInForceFromItsDecisionToItsLastDayInclusive()
    {
        var warning = new ConductRecord(7, ConductType.Warning, Decided, "区民政局", "影响期内不得晋升岗位等级", new LocalDate(2026, 9, 9), "民发〔2026〕3号");
        warning.Kind.Should().Be(ConductKind.Discipline);
        warning.InForceOn(Decided.PlusDays(-1)).Should().BeFalse("not before the decision");
        warning.InForceOn(Decided).Should().BeTrue("from the day decided");
        warning.InForceOn(new LocalDate(2026, 9, 9)).Should().BeTrue("through its last day");
        warning.InForceOn(new LocalDate(2026, 9, 10)).Should().BeFalse("not after it");
        new ConductRecord(7, ConductType.Demerit, Decided, "街道党工委", "记过", null).InForceOn(new LocalDate(2036, 1, 1)).Should().BeTrue("no end: lasting");
    }

    [Theory]
    [InlineData(ConductType.Praise, ConductKind.Reward)]
    [InlineData(ConductType.Honour, ConductKind.Reward)]
    [InlineData(ConductType.Criticism, ConductKind.Discipline)]
    [InlineData(ConductType.Dismissal, ConductKind.Discipline)]
    public void TheKindFollowsTheType(ConductType type, ConductKind kind) => ConductRecord.KindOf(type).Should().Be(kind);

    [Fact]
    public void AnEndBeforeTheDecisionAMissingBodyOrEffectAndAnUnknownTypeAreRefused()
    {
        var end = () => new ConductRecord(7, ConductType.Warning, Decided, "区民政局", "警告", Decided.PlusDays(-1));
        end.Should().Throw<DomainException>().Which.Code.Should().Be("Conduct.EndBeforeDecision");
        new ConductRecord(7, ConductType.Warning, Decided, "区民政局", "警告", Decided).EndsOn.Should().Be(Decided, "one day of effect is allowed");
        var body = () => new ConductRecord(7, ConductType.Praise, Decided, "  ", "通报表扬", null);
        body.Should().Throw<DomainException>().Which.Field.Should().Be("IssuedBy");
        var effect = () => new ConductRecord(7, ConductType.Praise, Decided, "区民政局", "", null);
        effect.Should().Throw<DomainException>().Which.Field.Should().Be("Effect");
        var type = () => new ConductRecord(7, (ConductType)50, Decided, "区民政局", "x", null);
        type.Should().Throw<DomainException>().Which.Code.Should().Be("Conduct.TypeInvalid");
    }
}
