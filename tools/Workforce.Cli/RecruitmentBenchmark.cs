using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workforce.Application.Common;
using Workforce.Application.Recruitment;
using Workforce.Data;
using Workforce.Domain.Organisation;
using Workforce.Domain.Recruitment;
using Workforce.Domain.Workers;

namespace Workforce.Cli;

/// <summary>
/// <c>dotnet run -c Release --project tools/Workforce.Cli -- bench-recruitment [applicants]</c>: a round with one
/// post in each of the district's 100 communities, <c>applicants</c> (default 10,000) imported from a
/// generated xlsx through the same service as the page and the API, then scored, shortlisted and
/// ranked. Prints the time of each stage. Run it on a scratch database: it adds the round.
/// </summary>
public static class RecruitmentBenchmark
{
    /// <summary>Runs the benchmark; returns 0.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, int applicants)
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<WorkforceDbContext>();
        var userScope = await BenchOfficer.ScopeAsync(db);
        var service = sp.GetRequiredService<RecruitmentCommands>();
        var queries = sp.GetRequiredService<RecruitmentQueries>();
        var sheets = sp.GetRequiredService<ApplicantImport>();
        var text = sp.GetRequiredService<ITextCatalog>();
        var communities = await db.OrgUnits.AsNoTracking().Where(u => u.Type == OrgUnitType.Community).OrderBy(u => u.Code).Take(100).ToListAsync();

        var created = await service.CreateAsync(userScope, new RoundInput
        {
            Name = "性能测试：" + applicants.ToString(CultureInfo.InvariantCulture) + " 人报名",
            AnnouncedOn = new DateOnly(2026, 4, 1),
            Posts = [.. communities.Select((c, i) => new PostInput { Name = "岗位" + (i + 1).ToString("000", CultureInfo.InvariantCulture), CommunityId = c.Id, Quota = 1 + i % 3 })],
        }, CancellationToken.None);
        var roundId = created.Value!.Id;
        db.ChangeTracker.Clear();

        var random = new Random(7);
        // Each applicant's cells by column header; the sheet's layout is the import's own schema.
        var schema = ApplicantImport.ApplicantSheet;
        var rows = new List<IReadOnlyList<string?>>(applicants);
        for (var i = 0; i < applicants; i++)
        {
            var first17 = "3205" + (10 + i % 80).ToString("00", CultureInfo.InvariantCulture) + (1992 + i % 12).ToString(CultureInfo.InvariantCulture)
                + (1 + i % 12).ToString("00", CultureInfo.InvariantCulture) + (1 + i / 12 % 28).ToString("00", CultureInfo.InvariantCulture)
                + (i / 336 % 1000).ToString("000", CultureInfo.InvariantCulture);
            var cells = new Dictionary<string, string?>
            {
                ["Recruitment.Post"] = "岗位" + (1 + i % 100).ToString("000", CultureInfo.InvariantCulture),
                ["Field.Name"] = "考生" + i.ToString(CultureInfo.InvariantCulture),
                ["Field.IdCardNumber"] = first17 + IdCardNumber.ComputeCheckCharacter(first17),
                ["Field.Education"] = random.Next(4) == 0 ? "硕士研究生" : "本科",
                ["Field.PoliticalStatus"] = "群众",
                ["Recruitment.HouseholdArea"] = "江苏省苏州市",
                ["Recruitment.BonusCodes"] = random.Next(10) == 0 ? "SW" : null,
            };
            rows.Add([.. schema.HeaderKeys.Select(k => cells.GetValueOrDefault(k))]);
        }
        using var file = new MemoryStream();
        XlsxTable.Write(file, text.Text(schema.SheetNameKey), [.. schema.HeaderKeys.Select(text.Text)], rows);

        var clock = Stopwatch.StartNew();
        file.Position = 0;
        var report = await sheets.ImportAsync(userScope, roundId, file, dryRun: false, CancellationToken.None);
        var import = clock.Elapsed;
        if (report!.Errors.Count > 0)
        {
            Console.WriteLine("Import refused: " + string.Join("; ", report.Errors.Take(5)));
            return 1;
        }
        db.ChangeTracker.Clear();

        await service.AdvanceAsync(userScope, roundId, null, CancellationToken.None);
        await service.AdvanceAsync(userScope, roundId, null, CancellationToken.None);
        var ids = await db.Applicants.Where(a => a.RoundId == roundId).Select(a => a.Id).ToListAsync();
        clock.Restart();
        await service.WrittenScoresAsync(userScope, roundId, [.. ids.Select(id => new WrittenScoreInput(id, 40 + random.Next(0, 6000) / 100m))], CancellationToken.None);
        var written = clock.Elapsed;
        db.ChangeTracker.Clear();
        clock.Restart();
        await service.AdvanceAsync(userScope, roundId, null, CancellationToken.None);
        var shortlist = clock.Elapsed;
        db.ChangeTracker.Clear();
        var shortlisted = await db.Applicants.Where(a => a.RoundId == roundId && a.Status == ApplicantStatus.Shortlisted).Select(a => a.Id).ToListAsync();
        await service.InterviewScoresAsync(userScope, roundId, [.. shortlisted.Select(id => new InterviewScoreInput(id,
            [.. Enumerable.Range(1, 5).Select(k => new ExaminerMark("考官" + k.ToString(CultureInfo.InvariantCulture), 55 + random.Next(0, 4000) / 100m))]))], CancellationToken.None);
        db.ChangeTracker.Clear();

        var round = (await queries.FindAsync(userScope, roundId, CancellationToken.None))!;
        round.Advance(new NodaTime.LocalDate(2026, 6, 1));
        clock.Restart();
        round.Evaluate();
        var rank = clock.Elapsed;
        db.ChangeTracker.Clear();
        clock.Restart();
        await service.AdvanceAsync(userScope, roundId, null, CancellationToken.None);
        var advance = clock.Elapsed;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"applicants {applicants}, posts {communities.Count}, shortlisted {shortlisted.Count}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"import xlsx (validate, register, save with audit): {import.TotalMilliseconds:0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"written scores for all (one request): {written.TotalMilliseconds:0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"advance to interview (pass line + shortlists, save): {shortlist.TotalMilliseconds:0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rank all posts in memory (Evaluate): {rank.TotalMilliseconds:0.0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"advance to vetting (load, rank, select, save): {advance.TotalMilliseconds:0} ms"));
        return 0;
    }
}
