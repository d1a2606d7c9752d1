using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workforce.Application.Assessment;
using Workforce.Application.Common;
using Workforce.Data;
using Workforce.Domain.Assessment;

namespace Workforce.Cli;

/// <summary>
/// <c>dotnet run -c Release --project tools/Workforce.Cli -- bench-assessment [ballots per community]</c>: the district's annual
/// assessment round for every serving worker, through the same use cases as the pages and the API: open, <c>ballots</c> codes
/// issued per community (default 10) and all of them cast (eight at a time, as phones at meetings would), every person's review
/// scores in one batch, the notice (composites, ranks, quota, caps) and the final ratings written as the year's assessments.
/// Prints the time of each stage. Run it on a scratch database: it adds a round for a year without one.
/// </summary>
public static class AssessmentBenchmark
{
    /// <summary>Runs the benchmark; returns 0.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, int ballotsPerCommunity)
    {
        UserScope officer;
        long district;
        int year;
        using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkforceDbContext>();
            officer = await BenchOfficer.ScopeAsync(db);
            district = await db.OrgUnits.Where(u => u.ParentId == null).Select(u => u.Id).FirstAsync();
            var taken = await db.AssessmentRounds.Where(r => r.OrgUnitId == district).Select(r => r.Year).ToListAsync();
            year = Enumerable.Range(2000, 100).Reverse().First(y => y <= 2026 && !taken.Contains(y));
        }
        var total = Stopwatch.StartNew();

        var clock = Stopwatch.StartNew();
        long round;
        List<long> communities;
        using (var scope = services.CreateScope())
        {
            var opened = await scope.ServiceProvider.GetRequiredService<AssessmentRoundCommands>().OpenAsync(officer, new AssessmentRoundInput { OrgUnitId = district, Year = year }, CancellationToken.None);
            if (!opened.Succeeded)
            {
                Console.WriteLine("Open refused: " + string.Join("; ", opened.Errors.Select(e => e.Message.Code)));
                return 1;
            }
            round = opened.Value!.Id;
            communities = [.. opened.Value.Entries.Select(e => e.UnitId).Distinct()];
            Console.WriteLine($"{year}: {opened.Value.Entries.Count:N0} people in {communities.Count:N0} communities");
        }
        var open = clock.Elapsed;

        clock.Restart();
        var codes = new List<string>();
        using (var scope = services.CreateScope())
        {
            var commands = scope.ServiceProvider.GetRequiredService<AssessmentRoundCommands>();
            (await commands.AdvanceAsync(officer, round, null, CancellationToken.None))!.Succeeded.Should();
            foreach (var community in communities)
            {
                var issued = await commands.IssueCodesAsync(officer, round, new BallotCodesInput { UnitId = community, Group = VoterGroup.ResidentRepresentative, Count = ballotsPerCommunity }, CancellationToken.None);
                codes.AddRange(issued!.Value!.Codes.Select(c => c.Code));
            }
        }
        var issue = clock.Elapsed;

        clock.Restart();
        var cast = 0;
        await Parallel.ForEachAsync(codes, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (code, ct) =>
        {
            using var scope = services.CreateScope();
            var box = scope.ServiceProvider.GetRequiredService<BallotBox>();
            var form = (await box.OpenAsync(code, ct)).Value!;
            var marks = form.People.ToDictionary(p => p.WorkerId, p => ((AssessmentRating?)(AssessmentRating)(1 + (int)(p.WorkerId % 4)), (decimal?)null));
            if ((await box.CastAsync(code, marks, ct)).Succeeded)
            {
                Interlocked.Increment(ref cast);
            }
        });
        var vote = clock.Elapsed;

        clock.Restart();
        using (var scope = services.CreateScope())
        {
            var commands = scope.ServiceProvider.GetRequiredService<AssessmentRoundCommands>();
            (await commands.AdvanceAsync(officer, round, null, CancellationToken.None))!.Succeeded.Should();
            var entries = await scope.ServiceProvider.GetRequiredService<WorkforceDbContext>().AssessmentEntries.AsNoTracking().Where(e => e.RoundId == round).Select(e => e.Id).ToListAsync();
            var scores = entries.Select(id => new EvaluationInput { EntryId = id, ReportScore = 70 + id % 30, OrganisationScore = 72 + id % 27, AbsenceDays = (int)(id % 40) }).ToList();
            (await commands.EvaluateAsync(officer, round, scores, CancellationToken.None))!.Succeeded.Should();
        }
        var review = clock.Elapsed;

        clock.Restart();
        using (var scope = services.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<AssessmentRoundCommands>().AdvanceAsync(officer, round, NodaTime.LocalDate.FromDateOnly(new DateOnly(2026, 11, 1)), CancellationToken.None))!
                .Succeeded.Should();
        }
        var notice = clock.Elapsed;

        clock.Restart();
        using (var scope = services.CreateScope())
        {
            var view = await scope.ServiceProvider.GetRequiredService<AssessmentRoundQueries>().ViewAsync(officer, round, CancellationToken.None);
            _ = view!.Rows.Count;
        }
        var page = clock.Elapsed;

        clock.Restart();
        using (var scope = services.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<AssessmentRoundCommands>().AdvanceAsync(officer, round, null, CancellationToken.None))!.Succeeded.Should();
        }
        var final = clock.Elapsed;

        static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture) + " ms";
        Console.WriteLine($"open {Ms(open)} · issue {codes.Count:N0} codes {Ms(issue)} · cast {cast:N0} ballots {Ms(vote)} ({vote.TotalMilliseconds / Math.Max(1, cast):0.0} ms each, 8 at a time)");
        Console.WriteLine($"review scores {Ms(review)} · notice (propose) {Ms(notice)} · round page read {Ms(page)} · final + assessments {Ms(final)} · total {Ms(total.Elapsed)}");
        return 0;
    }

    // A stage that did not succeed stops the benchmark loudly.
    private static void Should(this bool succeeded)
    {
        if (!succeeded)
        {
            throw new InvalidOperationException("A stage of the round was refused.");
        }
    }
}
