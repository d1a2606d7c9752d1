using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Workforce.Data.Tests;

/// <summary>
/// A throwaway PostgreSQL cluster started by the test run (initdb + pg_ctl on a free loopback port),
/// or the server named by WORKFORCE_TEST_POSTGRES. It never skips: a machine without PostgreSQL
/// fails these tests, so CI must install it.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private string? _dataDir;
    private string? _binDir;
    private int _databases;

    /// <summary>Connection string of the maintenance database.</summary>
    public string AdminConnectionString { get; private set; } = string.Empty;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable("WORKFORCE_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(external))
        {
            AdminConnectionString = external;
            return;
        }
        _binDir = FindBinDirectory() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries not found (looked in /usr/lib/postgresql/*/bin). Install them (apt-get install -y postgresql) or set WORKFORCE_TEST_POSTGRES.");
        _dataDir = Path.Combine(Path.GetTempPath(), "workforce-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_dataDir);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", $"postgres:postgres {_dataDir}");
        }
        var port = FreePort();
        await RunPgAsync(asRoot, "initdb", $"-D {_dataDir} -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 -N");
        await RunPgAsync(asRoot, "pg_ctl", $"-D {_dataDir} -w -t 60 -l {_dataDir}/server.log -o \"-p {port} -k {_dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start");
        AdminConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true";
    }

    /// <summary>A new, empty database on the server; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"workforce_test_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..40];
        await using var conn = new Npgsql.NpgsqlConnection(AdminConnectionString);
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"CREATE DATABASE \"{name}\"";
        await cmd.ExecuteNonQueryAsync();
        return new Npgsql.NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_dataDir is null)
        {
            return;
        }
        Npgsql.NpgsqlConnection.ClearAllPools();
        try
        {
            await RunPgAsync(Environment.UserName == "root", "pg_ctl", $"-D {_dataDir} -m immediate -w stop");
        }
        finally
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    private static string? FindBinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }
        return Directory.GetDirectories(root).OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
            .Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task RunPgAsync(bool asRoot, string tool, string arguments)
    {
        var exe = Path.Combine(_binDir!, tool);
        return asRoot ? RunAsync("runuser", $"-u postgres -- {exe} {arguments}") : RunAsync(exe, arguments);
    }

    private static async Task RunAsync(string file, string arguments)
    {
        var psi = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = "/tmp" };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({p.ExitCode}): {await stdout} {await stderr}");
        }
    }
}

/// <summary>One PostgreSQL server for the whole test assembly collection.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    /// <summary>Collection name.</summary>
    public const string Name = "PostgreSQL";
}
