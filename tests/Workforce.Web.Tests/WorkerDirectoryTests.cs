using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workforce.Application.Common;
using Workforce.Application.Workers;
using Workforce.Data;
using Workforce.Data.Identity;
using Workforce.Domain.Workers;

namespace Workforce.Web.Tests;

/// <summary>
/// The worker directory (the list's columns in memory, ADR 0016) answers every filter, sort and page exactly as the database
/// does, and a change saved through any context (another node) is seen by the next request.
/// </summary>
[Collection(AppCollection.Name)]
public class WorkerDirectoryTests(WorkforceApp app)
{
    private static async Task<UserScope> OfficerScopeAsync(WorkforceDbContext db, string userName)
    {
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Role, Roles.HrOfficer)], "test");
        return await UserScope.LoadAsync(new ClaimsPrincipal(identity), db, CancellationToken.None);
    }

    public static TheoryData<string> Filters => new()
    {
        "", "Sort=-name", "Sort=community", "Sort=-community", "Sort=post", "Sort=-grade", "Sort=hireDate", "Sort=-birthDate", "Sort=education",
        "Sort=nonsense", "Status=Left", "Status=All&Sort=grade", "Post=Head", "Post=Deputy&Grade=3", "Grade=5&Sort=-hireDate",
        "Education=Bachelor", "PoliticalStatus=PartyMember&Sort=birthDate", "MinAge=40", "MaxAge=35&Sort=-name", "MinAge=30&MaxAge=30",
        "MinService=5", "MaxService=2&Status=All", "Q=王", "Q=社区", "Q=晓&Sort=-grade", "Q=不存在的名字", "Unit=first", "Unit=first&Sort=-community", "Unit=outside",
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task EveryFilterSortAndPageIsAnsweredExactlyAsTheDatabaseAnswersIt(string query)
    {
        using var services = app.Services.CreateScope();
        var db = services.ServiceProvider.GetRequiredService<WorkforceDbContext>();
        var calendar = services.ServiceProvider.GetRequiredService<BusinessCalendar>();
        var scope = await OfficerScopeAsync(db, "hr.street");
        var fromMemory = new WorkerQueries(db, calendar, services.ServiceProvider.GetRequiredService<WorkerDirectory>());
        var fromDatabase = new WorkerQueries(db, calendar);
        var firstCommunity = await scope.Units(db).Where(u => u.Type == Domain.Organisation.OrgUnitType.Community).OrderBy(u => u.Id).Select(u => u.Id).FirstAsync();
        var outside = await db.OrgUnits.Where(u => !u.Path.StartsWith(scope.OrgPath!)).Select(u => u.Id).FirstAsync();

        foreach (var (page, size) in new[] { (1, 20), (2, 7), (3, 7), (40, 5) })
        {
            var filter = Parse(query, firstCommunity, outside);
            filter.Page = page;
            filter.PageSize = size;
            var expected = await fromDatabase.SearchAsync(scope, filter, CancellationToken.None);
            var actual = await fromMemory.SearchAsync(scope, filter, CancellationToken.None);
            actual.Total.Should().Be(expected.Total, $"the count of {query}");
            actual.Items.Select(r => r.Id).Should().Equal(expected.Items.Select(r => r.Id), $"page {page} of {size} for '{query}'");
            actual.Items.Should().BeEquivalentTo(expected.Items, o => o.WithStrictOrdering());
        }
        (await fromMemory.LookupAsync(scope, "王", 20, CancellationToken.None)).Should().BeEquivalentTo(
            await fromDatabase.LookupAsync(scope, "王", 20, CancellationToken.None), o => o.WithStrictOrdering(), "the picker's look-up too");
    }

    [Fact]
    public async Task AChangeSavedThroughAnotherContextIsSeenByTheNextRequestAndNoChangeBuildsNothing()
    {
        // Two directories stand for two app nodes on one database.
        var nodeA = new WorkerDirectory(app.Services.GetRequiredService<IServiceScopeFactory>());
        var nodeB = new WorkerDirectory(app.Services.GetRequiredService<IServiceScopeFactory>());
        using var services = app.Services.CreateScope();
        var db = services.ServiceProvider.GetRequiredService<WorkforceDbContext>();
        var calendar = services.ServiceProvider.GetRequiredService<BusinessCalendar>();
        var scope = await OfficerScopeAsync(db, "hr");
        var onA = new WorkerQueries(db, calendar, nodeA);
        var onB = new WorkerQueries(db, calendar, nodeB);
        var filter = new WorkerFilter { Q = "一一测试" };
        (await onA.SearchAsync(scope, filter, CancellationToken.None)).Total.Should().Be(0);
        (await onB.SearchAsync(scope, filter, CancellationToken.None)).Total.Should().Be(0);
        (await onA.SearchAsync(scope, new WorkerFilter(), CancellationToken.None)).Total.Should().BeGreaterThan(0);
        nodeA.Builds.Should().Be(1, "nothing changed between the requests");

        var before = await db.StampAsync(DataStamp.Registry);
        long id = 0;
        string name = "";
        await app.WithDbAsync(async other =>
        {
            var worker = await other.Workers.Where(w => w.LeaveDate == null).OrderBy(w => w.Id).Skip(3).FirstAsync();
            (id, name) = (worker.Id, worker.Name);
            worker.UpdateProfile("一一测试", worker.IdCard, worker.Phone, worker.Education, worker.PoliticalStatus, worker.HireDate);
            return await other.SaveChangesAsync();
        });
        try
        {
            (await db.StampAsync(DataStamp.Registry)).Should().Be(before + 1, "the save raised the registry stamp in its transaction");
            (await onB.SearchAsync(scope, filter, CancellationToken.None)).Items.Select(r => r.Id).Should().Equal([id], "node B sees the change made elsewhere");
            (await onA.SearchAsync(scope, filter, CancellationToken.None)).Items.Select(r => r.Id).Should().Equal([id], "and so does node A");
            (await onA.SearchAsync(scope, new WorkerFilter(), CancellationToken.None)).Items[0].Id.Should().Be(id, "一 (U+4E00) sorts first now");
            nodeA.Builds.Should().Be(2);
        }
        finally
        {
            await app.WithDbAsync(async other =>
            {
                var worker = await other.Workers.SingleAsync(w => w.Id == id);
                worker.UpdateProfile(name, worker.IdCard, worker.Phone, worker.Education, worker.PoliticalStatus, worker.HireDate);
                return await other.SaveChangesAsync();
            });
        }
    }

    private static WorkerFilter Parse(string query, long firstCommunity, long outside)
    {
        var filter = new WorkerFilter();
        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = (part.Split('=')[0], part.Split('=')[1]);
            switch (key)
            {
                case "Sort": filter.Sort = value; break;
                case "Status": filter.Status = Enum.Parse<EmploymentFilter>(value); break;
                case "Post": filter.Post = Enum.Parse<Post>(value); break;
                case "Grade": filter.Grade = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "Education": filter.Education = Enum.Parse<Education>(value); break;
                case "PoliticalStatus": filter.PoliticalStatus = Enum.Parse<PoliticalStatus>(value); break;
                case "MinAge": filter.MinAge = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "MaxAge": filter.MaxAge = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "MinService": filter.MinService = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "MaxService": filter.MaxService = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "Q": filter.Q = value; break;
                case "Unit": filter.OrgUnitId = value == "first" ? firstCommunity : outside; break;
                default: throw new ArgumentException(key);
            }
        }
        return filter;
    }
}
