using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Workforce.Web.Tests;

/// <summary>
/// No state change on GET (issue 12): every action reachable by GET is requested, by every role, with route values that name
/// existing objects and a month that was never run; afterwards every table holds exactly what it held before (the audit
/// trail may only have gained records of reads: a bank file downloaded, personal data viewed, access refused). No GET answers 500.
/// </summary>
[Collection(AppCollection.Name)]
public class SideEffectTests(WorkforceApp app, ITestOutputHelper output)
{
    // Read events the audit trail records on purpose (the chain's head moves with them); the key ring is not the app's state.
    private static readonly string[] ReadEvents = ["BankFileExported", "ViewPersonalData", "AccessRefused"];
    private static readonly string[] NotState = ["DataProtectionKeys", "AuditChainHead"];

    [Fact]
    public async Task NoGetRouteChangesTheDatabaseOrAnswers500()
    {
        var routes = RouteWalker.GetRoutes(app, (_, p) => p.Name is "id" or "month" ? "2027-12" : "1", output.WriteLine);
        routes.Should().HaveCountGreaterThan(60, "every page and API read is walked");
        var clients = new List<(string Role, HttpClient Page, HttpClient Api)>();
        foreach (var user in new[] { "admin", "hr", "hr.street", "payroll", "trainee" })
        {
            clients.Add((user, await app.SignInAsync(user), await app.ApiAsync(user)));
        }
        var before = await SnapshotAsync();
        var failures = new List<string>();
        foreach (var (path, api, _) in routes)
        {
            foreach (var (role, page, bearer) in clients)
            {
                using var response = await (api ? bearer : page).GetAsync(path);
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{role} GET {path}: {(int)response.StatusCode}");
                }
            }
        }
        var after = await SnapshotAsync();
        output.WriteLine($"{routes.Count} GET routes × {clients.Count} roles walked");
        failures.Should().BeEmpty();
        after.Where(t => before.GetValueOrDefault(t.Key) != t.Value).Select(t => t.Key).Should().BeEmpty("a GET changes nothing");
        foreach (var c in clients)
        {
            c.Page.Dispose();
            c.Api.Dispose();
        }
    }

    // A digest of every row of every table (read events of the audit trail left out).
    private async Task<Dictionary<string, string>> SnapshotAsync() => await app.WithDbAsync(async db =>
    {
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().Except(NotState).OrderBy(t => t).ToList();
        var digests = new Dictionary<string, string>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            foreach (var table in tables)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = table == "AuditEntries"
                    ? $"SELECT * FROM \"AuditEntries\" WHERE \"Action\" NOT IN ({string.Join(',', ReadEvents.Select(e => $"'{e}'"))}) ORDER BY 1"
                    : $"SELECT * FROM \"{table}\" ORDER BY 1";
                digests[table] = await DigestAsync(command);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return digests;
    });

    private static async Task<string> DigestAsync(DbCommand command)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
            for (var i = 0; i < reader.FieldCount; i++)
            {
                hash.AppendData(Encoding.UTF8.GetBytes((reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)) + "\u001f"));
            }
        }
        return $"{rows}:{Convert.ToHexString(hash.GetHashAndReset())}";
    }
}
