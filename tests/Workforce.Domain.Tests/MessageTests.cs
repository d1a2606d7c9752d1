using System.Globalization;
using NodaTime;
using Workforce.Domain.Common;
using Workforce.Domain.Workers;

namespace Workforce.Domain.Tests;

public class MessageTests
{
    private static readonly Dictionary<string, string> Templates = new(StringComparer.Ordinal)
    {
        ["Outer"] = "{1} 与 {0}：{2}",
        ["Inner"] = "第 {0} 级",
        ["Braces"] = "{{{0}}} 不是占位符",
        ["Post.Staff"] = "其他社区工作者",
        [Message.ListSeparatorKey] = "、",
    };

    private static string Render(Message m) => m.Render(k => Templates.TryGetValue(k, out var t) ? t : k, CultureInfo.InvariantCulture);

    [Fact]
    public void ArgumentsRenderByKindIntoOneTextInTheTemplatesOrder()
    {
        Render(new Message("Outer", new Message("Inner", 3), Post.Staff, new object[] { new LocalDate(2026, 3, 1), new YearMonth(2026, 4), 12.5m })).Should()
            .Be("其他社区工作者 与 第 3 级：2026-03-01、2026-04、12.5");
        Render(new Message("Braces", "x")).Should().Be("{x} 不是占位符");
        Render(new Message("Inner")).Should().Be("第 {0} 级", "a message without arguments is its template");
        Message.RenderArgument(Post.Staff, k => Templates[k], CultureInfo.InvariantCulture).Should().Be("其他社区工作者");
    }

    [Fact]
    public void ATemplateThatAsksForAMissingArgumentOrIsMalformedFailsLoudly()
    {
        var missing = () => Render(new Message("Outer", "only one"));
        missing.Should().Throw<FormatException>().WithMessage("*Outer*");
        var malformed = () => new Message("x", 1).Render(_ => "{0", CultureInfo.InvariantCulture);
        malformed.Should().Throw<FormatException>();
        var stray = () => new Message("x", 1).Render(_ => "a } b {0}", CultureInfo.InvariantCulture);
        stray.Should().Throw<FormatException>();
    }
}
