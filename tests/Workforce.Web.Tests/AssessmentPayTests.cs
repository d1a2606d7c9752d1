using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;
using Workforce.Application.Assessment;
using Workforce.Application.Common;
using Workforce.Application.Payroll;
using Workforce.Data;
using Workforce.Domain.Assessment;
using Workforce.Domain.Pay;
using Workforce.Payroll;

namespace Workforce.Web.Tests;

/// <summary>
/// The closed loop (issue 16): the ratings a round makes final are the year's assessments, and the December run pays the
/// year-end performance pay by them — recomputing December after the round changes the worker's year-end line.
/// </summary>
public sealed class AssessmentPayTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"workforce-assess-pay-{Guid.NewGuid():N}.db");

    /// <inheritdoc />
    public void Dispose() => ScratchDatabases.Delete(_file);

    private static async Task<long> YearEndFenAsync(IHost host, long district, YearMonth month, long workerId)
    {
        using (var run = host.Services.CreateScope())
        {
            var runner = run.ServiceProvider.GetRequiredService<PayrollRunner>();
            var started = await runner.StartAsync(district, month, Domain.Pay.RunTrigger.Manual, null, CancellationToken.None);
            await runner.ExecuteAsync(started.Id, CancellationToken.None);
        }
        using var read = host.Services.CreateScope();
        var db = read.ServiceProvider.GetRequiredService<WorkforceDbContext>();
        var slip = await db.Payslips.AsNoTracking().SingleAsync(p => p.Month == month && p.WorkerId == workerId);
        return slip.Lines.Where(l => l.Code == PayItems.PerformanceYearEndCode).Sum(l => l.AmountFen);
    }

    [Fact]
    public async Task TheFinalRatingsOfARoundChangeTheYearEndPerformancePayOfTheNextDecemberRun()
    {
        using var host = await RaceTests.HostAsync(Data.DatabaseProvider.Sqlite, $"Data Source={_file}");
        long district, worker, community;
        YearMonth month;
        UserScope officer;
        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkforceDbContext>();
            district = await db.OrgUnits.Where(u => u.ParentId == null).Select(u => u.Id).SingleAsync();
            month = (await scope.ServiceProvider.GetRequiredService<PayrollRunner>().NextMonthAsync(district, CancellationToken.None))!.Value;
            month.Month.Should().Be(12, "the demo goes live this month, December 2026");
            officer = await RaceTests.DistrictOfficerAsync(db);
            (worker, community) = await db.Workers.Where(w => w.LeaveDate == null).OrderBy(w => w.Id).Select(w => new ValueTuple<long, long>(w.Id, w.OrgUnitId)).FirstAsync();
        }
        var before = await YearEndFenAsync(host, district, month, worker);

        using (var scope = host.Services.CreateScope())
        {
            var commands = scope.ServiceProvider.GetRequiredService<AssessmentRoundCommands>();
            var opened = await commands.OpenAsync(officer, new AssessmentRoundInput { OrgUnitId = district, Year = month.Year }, CancellationToken.None);
            opened.Succeeded.Should().BeTrue();
            var id = opened.Value!.Id;
            (await commands.AdvanceAsync(officer, id, null, CancellationToken.None))!.Succeeded.Should().BeTrue();
            var codes = (await commands.IssueCodesAsync(officer, id, new BallotCodesInput { UnitId = community, Group = VoterGroup.ResidentRepresentative, Count = 1 }, CancellationToken.None))!.Value!.Codes;
            var box = scope.ServiceProvider.GetRequiredService<BallotBox>();
            var form = (await box.OpenAsync(codes[0].Code, CancellationToken.None)).Value!;
            (await box.CastAsync(codes[0].Code, form.People.ToDictionary(p => p.WorkerId, _ => ((AssessmentRating?)AssessmentRating.Excellent, (decimal?)null)), CancellationToken.None)).Succeeded.Should().BeTrue();
            (await commands.AdvanceAsync(officer, id, null, CancellationToken.None))!.Succeeded.Should().BeTrue();
            var round = (await scope.ServiceProvider.GetRequiredService<AssessmentRoundQueries>().FindAsync(officer, id, CancellationToken.None))!;
            var scores = round.Entries.Select(e => new EvaluationInput { EntryId = e.Id, ReportScore = e.WorkerId == worker ? 100 : 75, OrganisationScore = e.WorkerId == worker ? 100 : 75 }).ToList();
            (await commands.EvaluateAsync(officer, id, scores, CancellationToken.None))!.Succeeded.Should().BeTrue();
            var today = scope.ServiceProvider.GetRequiredService<BusinessCalendar>().Today;
            (await commands.AdvanceAsync(officer, id, today.PlusDays(-10), CancellationToken.None))!.Succeeded.Should().BeTrue();
            var final = await commands.AdvanceAsync(officer, id, null, CancellationToken.None);
            final!.Errors.Should().BeEmpty();
            var db = scope.ServiceProvider.GetRequiredService<WorkforceDbContext>();
            (await db.AnnualAssessments.SingleAsync(a => a.WorkerId == worker && a.Year == month.Year)).Rating.Should().Be(AssessmentRating.Excellent,
                "100 × 30 % + 95 × 40 % + 100 × 30 % = 98, first of the round");
        }

        var after = await YearEndFenAsync(host, district, month, worker);
        after.Should().BePositive("an 优秀 year is paid its year-end performance pay in December");
        after.Should().NotBe(before, "the round's rating changed what December pays");
    }
}
