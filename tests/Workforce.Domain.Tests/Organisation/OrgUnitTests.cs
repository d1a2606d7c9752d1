using NodaTime;
using Workforce.Domain.Common;
using Workforce.Domain.Organisation;
using Workforce.Domain.Policy;

namespace Workforce.Domain.Tests.Organisation;

public class OrgUnitTests
{
    [Fact]
    public void PathsChainTheCodesFromTheRoot()
    {
        var (district, street, community, grid) = TestData.Tree();
        grid.Path.Should().Be("/320508/320508001/320508001001/32050800100101/");
        district.Contains(grid).Should().BeTrue();
        street.Contains(community).Should().BeTrue();
        community.Contains(street).Should().BeFalse();
    }

    [Fact]
    public void ChildrenAreOneLevelDownWithAPrefixedCode()
    {
        var district = OrgUnit.CreateDistrict("320508", "姑苏区");
        var skip = () => district.AddChild(OrgUnitType.Community, "320508001001", "社区");
        skip.Should().Throw<DomainException>().Which.Code.Should().Be("OrgUnit.InvalidChildType");
        var foreign = () => district.AddChild(OrgUnitType.Street, "320506001", "街道");
        foreign.Should().Throw<DomainException>().Which.Code.Should().Be("OrgUnit.ChildCodePrefix");
    }

    [Fact]
    public void HouseholdsCannotExceedResidents()
    {
        var (_, _, community, _) = TestData.Tree();
        var act = () => community.SetPopulation(100, 101);
        act.Should().Throw<DomainException>().Which.Code.Should().Be("OrgUnit.HouseholdsExceedResidents");
        community.SetPopulation(8000, 3000);
        community.Residents.Should().Be(8000);
    }

    [Fact]
    public void PicksTheParameterVersionInForce()
    {
        var versions = new[]
        {
            new PolicyParameter(PolicyParameter.StaffingPer10kResidents, new LocalDate(2020, 1, 1), 15m),
            new PolicyParameter(PolicyParameter.StaffingPer10kResidents, new LocalDate(2023, 7, 1), 18m),
        };
        versions.InForce(new LocalDate(2019, 12, 31)).Should().BeNull();
        versions.InForce(new LocalDate(2023, 6, 30))!.Value.Should().Be(15m);
        versions.InForce(new LocalDate(2023, 7, 1))!.Value.Should().Be(18m);
    }
}
