namespace Workforce.Domain.Organisation;

/// <summary>Level of an organisation unit: 区 → 街道/镇 → 社区 → 网格.</summary>
public enum OrgUnitType
{
    /// <summary>区 district.</summary>
    District = 1,
    /// <summary>街道/镇 street or town.</summary>
    Street = 2,
    /// <summary>社区 community.</summary>
    Community = 3,
    /// <summary>网格 grid.</summary>
    Grid = 4,
}
