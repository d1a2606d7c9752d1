using NodaTime;
using Workforce.Application.Common;
using Workforce.Domain.Common;
using Workforce.Domain.Workers;
using Workforce.Tests.Shared;

namespace Workforce.Web.Tests;

/// <summary>Run reports are stored as messages and read in the reader's language; reports stored as text before keep reading.</summary>
public class StoredMessagesTests
{
    [Fact]
    public void AStoredReportReadsBackInEitherLanguageWithItsArguments()
    {
        var rule = new DomainException("Worker.NoGradeBand", Post.Deputy, new LocalDate(2026, 3, 1)).ToMessage();
        Message[] report =
        [
            new("Pay.WorkerError", 4711L, "王小明", rule),
            new("Import.UnknownValue", "博士后", new[] { Education.Bachelor, Education.Master }),
            new("Pay.MoreErrors", 12),
            new("Pay.RunInterrupted"),
        ];
        var stored = StoredMessages.Serialize(report);
        stored.Should().StartWith("{\"messages\":").And.NotContain("尚无生效", "codes are stored, not sentences");

        var read = StoredMessages.Deserialize(stored);
        read.Select(Texts.Zh).Should().Equal(report.Select(Texts.Zh));
        read.Select(Texts.En).Should().Equal(report.Select(Texts.En));
        Texts.En(read[0]).Should().Contain("4711").And.Contain("2026-03-01").And.Contain(Texts.En(new Message("Post.Deputy"))).And.Contain("王小明");
        Texts.En(read[0]).Replace("王小明", string.Empty, StringComparison.Ordinal).Should().NotMatchRegex(@"\p{IsCJKUnifiedIdeographs}");
    }

    [Fact]
    public void AReportStoredAsTextBeforeTheChangeIsShownAsItWas()
    {
        const string legacy = "运行中断：应用在计算时停止，工资期未改变。";
        var read = StoredMessages.Deserialize(legacy);
        Texts.Zh(read.Single()).Should().Be(legacy);
        Texts.En(read.Single()).Should().Be(legacy);
        StoredMessages.Deserialize(null).Should().BeEmpty();
        StoredMessages.Serialize([]).Should().BeNull();
    }
}
