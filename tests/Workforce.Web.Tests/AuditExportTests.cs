using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workforce.Application.Audit;
using Workforce.Application.Common;
using Workforce.Data;

namespace Workforce.Web.Tests;

/// <summary>The daily export of the audit trail (issue 17): every row of the day in chain order, the chain's head last, old files pruned by the retention.</summary>
[Collection(AppCollection.Name)]
public class AuditExportTests(WorkforceApp app)
{
    [Fact]
    public async Task TodaysRowsAreWrittenInChainOrderWithTheHeadAndFilesPastTheRetentionAreRemoved()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"audit-export-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            File.WriteAllText(Path.Combine(directory, "audit-2000-01-01.jsonl"), "old");
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<WorkforceDbContext>();
            var calendar = scope.ServiceProvider.GetRequiredService<BusinessCalendar>();
            var today = calendar.Today;
            File.WriteAllText(Path.Combine(directory, $"audit-{today.PlusDays(-10).ToString("uuuu-MM-dd", CultureInfo.InvariantCulture)}.jsonl"), "recent");
            var export = new AuditExport(db, calendar, Microsoft.Extensions.Options.Options.Create(new AuditExportOptions { ExportDirectory = directory, RetentionDays = 183 }));

            var result = await export.ExportDayAsync(today, "/nonexistent", CancellationToken.None);

            var lines = File.ReadAllLines(result.File);
            var rows = lines[..^1].Select(l => JsonDocument.Parse(l).RootElement).ToList();
            var from = today.AtStartOfDayInZone(calendar.Zone).ToInstant();
            var sequences = await db.AuditEntries.Where(e => e.Timestamp >= from && e.Sequence <= result.HeadSequence).OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync();
            rows.Select(r => r.GetProperty("sequence").GetInt64()).Should().Equal(sequences, "every row of the day, in chain order");
            rows.Should().NotBeEmpty("the demo was seeded today");
            var trailer = JsonDocument.Parse(lines[^1]).RootElement;
            trailer.GetProperty("headHash").GetString().Should().Be(result.HeadHash);
            trailer.GetProperty("rows").GetInt32().Should().Be(rows.Count);
            var last = sequences[^1];
            rows[^1].GetProperty("hash").GetString().Should().Be((await db.AuditEntries.SingleAsync(e => e.Sequence == last)).Hash);
            File.Exists(Path.Combine(directory, "audit-2000-01-01.jsonl")).Should().BeFalse("past the retention");
            Directory.GetFiles(directory, "audit-*.jsonl").Should().HaveCount(2, "today's and the recent one");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
