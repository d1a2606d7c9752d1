using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workforce.Application.Admin;
using Workforce.Data;
using Workforce.Data.Tests;

namespace Workforce.Web.Tests;

/// <summary>
/// Key rotation (issue 17): a district written under AES-256-GCM, rotated online to SM4-GCM under a new key (the old key still
/// read meanwhile), reads back every worker, applicant and salary account exactly; a second pass rewrites nothing; the audit
/// chain, switched to SM3 at the same time, verifies across both changes. On SQLite and a real PostgreSQL.
/// </summary>
public sealed class RotationTests : IAsyncLifetime
{
    private static readonly string NewKey = Convert.ToBase64String([.. Enumerable.Range(151, 32).Select(i => (byte)i)]);
    private static readonly string NewLookupKey = Convert.ToBase64String([.. Enumerable.Range(201, 32).Select(i => (byte)i)]);
    private readonly PostgresServer _server = new();
    private readonly string _sqliteFile = Path.Combine(Path.GetTempPath(), $"workforce-rotation-{Guid.NewGuid():N}.db");

    /// <inheritdoc />
    public Task InitializeAsync() => _server.InitializeAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        ScratchDatabases.Delete(_sqliteFile);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task ADistrictRotatedFromAesToSm4ReadsBackExactlyAndTheAuditChainVerifiesAcrossTheChange(DatabaseProvider provider)
    {
        var connectionString = provider == DatabaseProvider.Sqlite ? $"Data Source={_sqliteFile}" : await _server.CreateDatabaseAsync();
        Dictionary<long, (string Id, string? Phone)> before;
        using (var aes = await RaceTests.HostAsync(provider, connectionString))
        {
            using var scope = aes.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<WorkforceDbContext>();
            before = (await db.Workers.AsNoTracking().ToListAsync()).ToDictionary(w => w.Id, w => (w.IdCard.Value, w.Phone?.Value));
            before.Should().HaveCount(30);
            // Half the look-up hashes as the first release wrote them: bare HMAC-SHA256 hex, naming neither algorithm nor key.
            (await db.Database.ExecuteSqlRawAsync("UPDATE \"Workers\" SET \"IdCardHash\" = substr(\"IdCardHash\", 16) WHERE \"Id\" % 2 = 0")).Should().Be(15);
        }

        using var sm4 = await RaceTests.HostAsync(provider, connectionString, new Dictionary<string, string?>
        {
            ["PersonalData:Algorithm"] = "Sm4Gcm",
            ["PersonalData:EncryptionKey"] = NewKey,
            ["PersonalData:PreviousEncryptionKeys:0"] = WorkforceApp.EncryptionKey,
            ["PersonalData:LookupAlgorithm"] = "HmacSm3",
            ["PersonalData:LookupKey"] = NewLookupKey,
            ["PersonalData:PreviousLookupKeys:0"] = WorkforceApp.LookupKey,
            ["Audit:HashAlgorithm"] = "Sm3",
        });
        // While the rotation has not run, a search by ID number finds every worker (old key, bare hex of the first release).
        await FindsEveryWorkerByIdNumberAsync(sm4, before);
        var seen = new List<RotationProgress>();
        RotationResult result;
        using (var scope = sm4.Services.CreateScope())
        {
            result = await scope.ServiceProvider.GetRequiredService<PersonalDataRotation>().RotateAsync(7, seen.Add, CancellationToken.None);
        }
        result.Tables.Select(t => t.Table).Should().Contain(["Workers", "Applicants", "BankAccounts"]);
        result.Tables.Single(t => t.Table == "Workers").Rewritten.Should().Be(30 + 30 + before.Values.Count(v => v.Phone is not null), "every ID number, its look-up hash and every phone number of the workers");
        seen.Should().Contain(p => p.Table == "Workers" && p.Read == 7 && p.Rows == 30, "progress after each batch");

        using (var scope = sm4.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkforceDbContext>();
            (await db.Workers.AsNoTracking().ToListAsync()).ToDictionary(w => w.Id, w => (w.IdCard.Value, w.Phone?.Value)).Should().BeEquivalentTo(before, "every worker reads back exactly");
            var raw = await db.Database.SqlQueryRaw<string>(provider == DatabaseProvider.Sqlite ? "SELECT \"IdCardEncrypted\" AS \"Value\" FROM \"Workers\"" : "SELECT \"IdCardEncrypted\" AS \"Value\" FROM \"Workers\"").ToListAsync();
            raw.Should().OnlyContain(v => v.StartsWith("v2:S:", StringComparison.Ordinal));
            var hashes = await db.Database.SqlQueryRaw<string>("SELECT \"IdCardHash\" AS \"Value\" FROM \"Workers\"").ToListAsync();
            hashes.Should().OnlyContain(h => db.Protector.IsCurrentLookupHash(h) && h.StartsWith("S:", StringComparison.Ordinal), "every look-up hash is HMAC-SM3 under the new key");
            (await db.AuditEntries.CountAsync(e => e.Action == "RotatePersonalData")).Should().BePositive("each batch is audited");
            var verified = await db.VerifyAuditChainAsync();
            verified.Should().Match<Workforce.Data.Auditing.AuditVerificationResult>(v => v.IsIntact, $"verify-audit passes across the change to SM3 ({verified.Problem} at {verified.FirstBrokenSequence})");
            (await db.AuditEntries.AnyAsync(e => e.Hash.StartsWith("SM3:"))).Should().BeTrue();
            (await scope.ServiceProvider.GetRequiredService<PersonalDataRotation>().RotateAsync(100, null, CancellationToken.None)).Rewritten.Should().Be(0, "a finished rotation has nothing left");
        }

        // Once rotated, the old key can be retired.
        using var retired = await RaceTests.HostAsync(provider, connectionString, new Dictionary<string, string?>
        {
            ["PersonalData:Algorithm"] = "Sm4Gcm",
            ["PersonalData:EncryptionKey"] = NewKey,
            ["PersonalData:LookupAlgorithm"] = "HmacSm3",
            ["PersonalData:LookupKey"] = NewLookupKey,
            ["Audit:HashAlgorithm"] = "Sm3",
        });
        await FindsEveryWorkerByIdNumberAsync(retired, before);
        using var check = retired.Services.CreateScope();
        (await check.ServiceProvider.GetRequiredService<WorkforceDbContext>().Workers.AsNoTracking().CountAsync(w => w.Phone != null)).Should().Be(before.Values.Count(v => v.Phone is not null));
        (await check.ServiceProvider.GetRequiredService<WorkforceDbContext>().Workers.AsNoTracking().ToListAsync()).Should().HaveCount(30);
    }

    private static async Task FindsEveryWorkerByIdNumberAsync(Microsoft.Extensions.Hosting.IHost host, Dictionary<long, (string Id, string? Phone)> workers)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkforceDbContext>();
        foreach (var (id, (number, _)) in workers)
        {
            (await db.WorkersByIdCard(Workforce.Domain.Workers.IdCardNumber.Parse(number)).Select(w => w.Id).SingleAsync()).Should().Be(id);
        }
    }
}
