namespace Workforce.Domain.Assessment;

/// <summary>
/// Annual assessment rating (年度考核等次). The numeric values are ordered so that a better
/// rating compares greater: "at least 合格" is <c>rating &gt;= AssessmentRating.Qualified</c>.
/// </summary>
public enum AssessmentRating
{
    /// <summary>不合格 (不称职).</summary>
    Unqualified = 1,
    /// <summary>基本合格 (基本称职).</summary>
    BasicallyQualified = 2,
    /// <summary>合格 (称职).</summary>
    Qualified = 3,
    /// <summary>优秀.</summary>
    Excellent = 4,
}
