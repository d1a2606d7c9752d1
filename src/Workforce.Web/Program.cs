using Workforce.Application.Common;
using Workforce.Web.Startup;

var builder = WebApplication.CreateBuilder(args);
builder.AddWorkforce();
var app = builder.Build();
app.UseWorkforce();

// The host migrates (and, outside Production, seeds the demo) and serves; tools live in tools/Workforce.Cli.
await DatabaseInitializer.InitialiseAsync(app.Services);
app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
await app.RunAsync();

/// <summary>Entry point (public for WebApplicationFactory).</summary>
public partial class Program;
