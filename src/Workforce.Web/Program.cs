using Workforce.Web.Startup;

var builder = WebApplication.CreateBuilder(args);
builder.AddWorkforce();
var app = builder.Build();
app.UseWorkforce();

await DatabaseInitializer.InitialiseAsync(app.Services, app.Configuration);

if (args.Contains("verify-audit"))
{
    return await AuditCommand.VerifyAsync(app.Services);
}

app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
await app.RunAsync();
return 0;

/// <summary>Entry point (public for WebApplicationFactory).</summary>
public partial class Program;
