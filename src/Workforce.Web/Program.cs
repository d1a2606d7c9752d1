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

if (Array.IndexOf(args, "bench-recruitment") is >= 0 and var at)
{
    var count = at + 1 < args.Length && int.TryParse(args[at + 1], out var n) ? n : 10_000;
    return await RecruitmentBenchmark.RunAsync(app.Services, count);
}

if (Array.IndexOf(args, "bench-payroll") is >= 0 and var pay)
{
    return await PayrollBenchmark.RunAsync(app.Services, pay + 1 < args.Length && !args[pay + 1].StartsWith("--", StringComparison.Ordinal) ? args[pay + 1] : null);
}

app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
await app.RunAsync();
return 0;

/// <summary>Entry point (public for WebApplicationFactory).</summary>
public partial class Program;
