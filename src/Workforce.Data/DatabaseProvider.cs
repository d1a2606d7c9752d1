using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Workforce.Data;

/// <summary>Supported database servers (setting <c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>Embedded file database, the default.</summary>
    Sqlite,
    /// <summary>PostgreSQL server.</summary>
    PostgreSql,
    /// <summary>Microsoft SQL Server.</summary>
    SqlServer,
}

/// <summary>Configures EF Core for a provider with that provider's migrations assembly.</summary>
public static class WorkforceDatabase
{
    /// <summary>Migrations assembly name for a provider (one project per provider under <c>db/</c>).</summary>
    public static string MigrationsAssembly(DatabaseProvider provider) => "Workforce.Migrations." + provider;

    /// <summary>Points <paramref name="options"/> at the database.</summary>
    public static TBuilder UseWorkforceDatabase<TBuilder>(this TBuilder options, DatabaseProvider provider, string connectionString)
        where TBuilder : DbContextOptionsBuilder
    {
        var assembly = MigrationsAssembly(provider);
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(connectionString, o => o.MigrationsAssembly(assembly));
                break;
            case DatabaseProvider.PostgreSql:
                options.UseNpgsql(connectionString, o => o.MigrationsAssembly(assembly));
                break;
            case DatabaseProvider.SqlServer:
                options.UseSqlServer(connectionString, o => o.MigrationsAssembly(assembly));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider.");
        }
        options.ReplaceService<IModelCacheKeyFactory, WorkforceModelCacheKeyFactory>();
        return options;
    }
}
