using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Workforce.Web.Tests;

/// <summary>
/// A fresh app of its own (own SQLite file, a small demo seeded, no jobs) on Kestrel, for tests that need a database no other
/// test has touched (the shared one has locked months) or a listener of their own (HTTPS). The caller deletes the file.
/// </summary>
public class KestrelApp(string database, params (string Key, string Value)[] settings) : WebApplicationFactory<Program>, ITestApp
{
    /// <summary>Base address of the running server.</summary>
    public Uri BaseAddress => Address;

    /// <summary>Base address of the running server.</summary>
    public Uri Address => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>A fresh app on plain HTTP, started.</summary>
    public static KestrelApp Http(string database, params (string Key, string Value)[] settings)
    {
        var app = new KestrelApp(database, settings);
        app.UseKestrel(0);
        app.StartServer();
        return app;
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Workforce", $"Data Source={database}");
        builder.UseSetting("Demo:WorkerCount", "20");
        builder.UseSetting("Demo:Password", WorkforceApp.Password);
        builder.UseSetting("Jobs:Enabled", "false");
        builder.UseSetting("PersonalData:EncryptionKey", WorkforceApp.EncryptionKey);
        builder.UseSetting("PersonalData:LookupKey", WorkforceApp.LookupKey);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
