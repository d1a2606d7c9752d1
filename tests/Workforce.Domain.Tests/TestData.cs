using NodaTime;
using Workforce.Domain.Organisation;
using Workforce.Domain.Workers;

namespace Workforce.Domain.Tests;

/// <summary>Builders for domain test data.</summary>
public static class TestData
{
    private static int _sequence;

    /// <summary>A valid ID-card number for a birth date and sex, unique per call.</summary>
    public static IdCardNumber IdCard(LocalDate birth, Sex sex = Sex.Female)
    {
        var seq = (Interlocked.Increment(ref _sequence) % 400 * 2) + (sex == Sex.Male ? 1 : 0);
        var first17 = "320508" + birth.ToString("yyyyMMdd", null) + seq.ToString("000", System.Globalization.CultureInfo.InvariantCulture);
        return IdCardNumber.Parse(first17 + IdCardNumber.ComputeCheckCharacter(first17));
    }

    /// <summary>District → street → community → grid, with synthetic ids.</summary>
    public static (OrgUnit District, OrgUnit Street, OrgUnit Community, OrgUnit Grid) Tree()
    {
        var district = OrgUnit.CreateDistrict("320508", "姑苏区");
        var street = district.AddChild(OrgUnitType.Street, "320508001", "平江街道");
        var community = street.AddChild(OrgUnitType.Community, "320508001001", "桃花坞社区");
        var grid = community.AddChild(OrgUnitType.Grid, "32050800100101", "第1网格");
        SetId(district, 1);
        SetId(street, 2);
        SetId(community, 3);
        SetId(grid, 4);
        return (district, street, community, grid);
    }

    /// <summary>The Suzhou bands, in force from 2000.</summary>
    public static GradeBand Band(Post post) => post switch
    {
        Post.Head => new GradeBand(Post.Head, new LocalDate(2000, 1, 1), 7, 18),
        Post.Deputy => new GradeBand(Post.Deputy, new LocalDate(2000, 1, 1), 4, 15),
        _ => new GradeBand(Post.Staff, new LocalDate(2000, 1, 1), 1, 12),
    };

    /// <summary>A worker hired on 2020-03-01, born 1990-05-17.</summary>
    public static Worker Worker(OrgUnit community, LocalDate? hire = null)
        => Domain.Workers.Worker.Register("王小明", IdCard(new LocalDate(1990, 5, 17)), PhoneNumber.Parse("13812345678"), Education.Bachelor, PoliticalStatus.PartyMember, hire ?? new LocalDate(2020, 3, 1), community);

    private static void SetId(OrgUnit unit, long id) => typeof(OrgUnit).GetProperty(nameof(OrgUnit.Id))!.SetValue(unit, id);
}
