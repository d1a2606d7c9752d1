using System.Globalization;
using NodaTime;
using Workforce.Domain.Assessment;
using Workforce.Domain.Certification;
using Workforce.Domain.Workers;

namespace Workforce.Payroll;

/// <summary>Chinese names and number formats used in explanations.</summary>
internal static class Names
{
    public static string Post(Post post) => post switch
    {
        Domain.Workers.Post.Head => "正职",
        Domain.Workers.Post.Deputy => "副职",
        Domain.Workers.Post.Staff => "其他社区工作者",
        _ => post.ToString(),
    };

    public static string Rating(AssessmentRating? rating) => rating switch
    {
        AssessmentRating.Excellent => "优秀",
        AssessmentRating.Qualified => "合格",
        AssessmentRating.BasicallyQualified => "基本合格",
        AssessmentRating.Unqualified => "不合格",
        _ => "未录入",
    };

    public static string Level(CertificateLevel level) => level switch
    {
        CertificateLevel.AssistantSocialWorker => "助理社会工作师",
        CertificateLevel.SocialWorker => "社会工作师",
        CertificateLevel.SeniorSocialWorker => "高级社会工作师",
        _ => "其他证书",
    };

    public static string Date(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    public static string Month(YearMonth month) => month.ToString("uuuu-MM", CultureInfo.InvariantCulture);

    /// <summary>Yuan with thousands separators and two decimals.</summary>
    public static string Yuan(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>An exact intermediate value: up to four decimals, trailing zeros kept to two.</summary>
    public static string Exact(decimal amount) => amount.ToString("#,##0.00##", CultureInfo.InvariantCulture);

    public static string Coefficient(decimal value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    public static string Percent(decimal rate) => (rate * 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
