using Microsoft.Extensions.Options;
using Workforce.Application.Common;
using Workforce.Application.Demo;

namespace Workforce.Web.Startup;

/// <summary>Prints where the app listens and, when the demo is seeded, the demo accounts.</summary>
public static class StartupBanner
{
    /// <summary>Writes the banner to the console.</summary>
    public static void Print(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var urls = app.Urls.Count > 0 ? string.Join(", ", app.Urls) : "(see ASPNETCORE_URLS)";
        Console.WriteLine();
        Console.WriteLine("  Workforce 社区工作者队伍管理 is running at: " + urls);
        var demo = app.Services.GetRequiredService<IOptions<DemoOptions>>().Value;
        if (demo.SeedsIn(app.Environment))
        {
            // Outside Production the password is the README's; a production host keeps its own out of the console.
            Console.WriteLine("  Demo accounts (password: " + (app.Environment.IsProduction() ? "the setting Demo:Password" : demo.Password) + "):");
            foreach (var (user, what) in DemoDataSeeder.DemoAccounts)
            {
                Console.WriteLine($"    {user,-14} {what}");
            }
        }
        Console.WriteLine();
    }
}
