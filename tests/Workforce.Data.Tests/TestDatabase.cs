using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Data.Auditing;
using Workforce.Data.Security;

namespace Workforce.Data.Tests;

/// <summary>A clock the tests set.</summary>
public sealed class FakeClock(Instant now) : IClock
{
    /// <summary>Current instant.</summary>
    public Instant Now { get; set; } = now;

    /// <inheritdoc />
    public Instant GetCurrentInstant() => Now;

    /// <summary>Moves time forward.</summary>
    public void Advance(Duration d) => Now += d;
}

/// <summary>An actor for tests.</summary>
public sealed class TestActor(string userId, string userName) : ICurrentActor
{
    /// <inheritdoc />
    public string? UserId => userId;
    /// <inheritdoc />
    public string UserName => userName;
}

/// <summary>Creates contexts against one migrated database of a provider.</summary>
public sealed class TestDatabase(DatabaseProvider provider, string connectionString)
{
    /// <summary>Fixed test keys.</summary>
    public static readonly IPersonalDataCipher Cipher = new PersonalDataCipher(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(), Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    /// <summary>The provider.</summary>
    public DatabaseProvider Provider { get; } = provider;
    /// <summary>The connection string.</summary>
    public string ConnectionString { get; } = connectionString;
    /// <summary>The clock every context uses.</summary>
    public FakeClock Clock { get; } = new(Instant.FromUtc(2026, 11, 22, 2, 0));

    /// <summary>A new context.</summary>
    public WorkforceDbContext Create(ICurrentActor? actor = null, IPersonalDataCipher? cipher = null, AuditHashAlgorithm audit = AuditHashAlgorithm.Sha256)
        => new(new DbContextOptionsBuilder<WorkforceDbContext>().UseWorkforceDatabase(Provider, ConnectionString).Options, cipher ?? Cipher, Clock, actor ?? new TestActor("u-1", "tester"),
            new AuditChainOptions { HashAlgorithm = audit });

    /// <summary>Applies the provider's migrations.</summary>
    public async Task<TestDatabase> MigrateAsync()
    {
        await using var db = Create();
        await db.Database.MigrateAsync();
        return this;
    }
}
