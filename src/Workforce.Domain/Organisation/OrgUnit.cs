using System.Text.RegularExpressions;
using Workforce.Domain.Common;

namespace Workforce.Domain.Organisation;

/// <summary>
/// A node of the organisation tree. <see cref="Path"/> is the chain of codes from the root
/// (<c>/320508/320508001/</c>) so a scope check is a prefix test and a subtree query uses one index.
/// </summary>
public sealed partial class OrgUnit
{
    private OrgUnit() { Code = Name = Path = string.Empty; }

    private OrgUnit(OrgUnitType type, string code, string name, OrgUnit? parent)
    {
        Type = type;
        Code = ValidateCode(code);
        Name = ValidateName(name);
        ParentId = parent?.Id;
        Parent = parent;
        Path = (parent?.Path ?? "/") + Code + "/";
    }

    /// <summary>Database key.</summary>
    public long Id { get; private set; }
    /// <summary>Parent unit, null for a district.</summary>
    public long? ParentId { get; private set; }
    /// <summary>Parent navigation (may be unloaded).</summary>
    public OrgUnit? Parent { get; private set; }
    /// <summary>Level in the tree.</summary>
    public OrgUnitType Type { get; private set; }
    /// <summary>Unique code, digits only (e.g. the administrative division code).</summary>
    public string Code { get; private set; }
    /// <summary>Display name, e.g. 平江街道.</summary>
    public string Name { get; private set; }
    /// <summary>Codes from the root to this unit, slash separated and slash terminated.</summary>
    public string Path { get; private set; }
    /// <summary>常住人口: resident count (communities and grids).</summary>
    public int? Residents { get; private set; }
    /// <summary>户数: household count.</summary>
    public int? Households { get; private set; }

    /// <summary>Creates a district (root of a tree).</summary>
    public static OrgUnit CreateDistrict(string code, string name) => new(OrgUnitType.District, code, name, null);

    /// <summary>Creates a child unit one level below this one.</summary>
    public OrgUnit AddChild(OrgUnitType type, string code, string name)
    {
        if ((int)type != (int)Type + 1)
        {
            throw new DomainException("OrgUnit.InvalidChildType", Name, type) { Field = "Type" };
        }
        if (!code.StartsWith(Code, StringComparison.Ordinal) || code.Length <= Code.Length)
        {
            throw new DomainException("OrgUnit.ChildCodePrefix", code, Code) { Field = "Code" };
        }
        return new OrgUnit(type, code, name, this);
    }

    /// <summary>Records the resident and household counts (communities and grids only).</summary>
    public void SetPopulation(int residents, int households)
    {
        if (Type is not (OrgUnitType.Community or OrgUnitType.Grid))
        {
            throw new DomainException("OrgUnit.PopulationOnlyForCommunities", Name);
        }
        if (residents < 0 || households < 0)
        {
            throw new DomainException("OrgUnit.PopulationNegative") { Field = "Residents" };
        }
        if (households > residents)
        {
            throw new DomainException("OrgUnit.HouseholdsExceedResidents", households, residents) { Field = "Households" };
        }
        Residents = residents;
        Households = households;
    }

    /// <summary>Renames the unit.</summary>
    public void Rename(string name) => Name = ValidateName(name);

    /// <summary>True when <paramref name="other"/> is this unit or lies below it.</summary>
    public bool Contains(OrgUnit other) => other.Path.StartsWith(Path, StringComparison.Ordinal);

    private static string ValidateCode(string code)
    {
        code = (code ?? string.Empty).Trim();
        if (!CodePattern().IsMatch(code))
        {
            throw new DomainException("OrgUnit.InvalidCode", code) { Field = "Code" };
        }
        return code;
    }

    private static string ValidateName(string name)
    {
        name = (name ?? string.Empty).Trim();
        if (name.Length is 0 or > 60)
        {
            throw new DomainException("OrgUnit.InvalidName") { Field = "Name" };
        }
        return name;
    }

    [GeneratedRegex("^[0-9]{2,24}$")]
    private static partial Regex CodePattern();
}
