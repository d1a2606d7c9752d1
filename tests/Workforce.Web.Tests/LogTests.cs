using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Workforce.Domain.Organisation;
using Workforce.Domain.Workers;

namespace Workforce.Web.Tests;

/// <summary>
/// Logs (issue 17): the console writes JSON with scopes (the request id on every line of a request), and nothing logged while an
/// officer signs in, registers a worker with ID and phone numbers and reads the worker back carries either number. Its own app,
/// logging everything from Information up into a recorder that keeps each entry's message, state, scopes and exception.
/// </summary>
public sealed class LogTests : IDisposable
{
    private readonly LoggedApp _app = new();

    /// <inheritdoc />
    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task RequestsLogAsJsonWithTheirRequestIdAndNoIdOrPhoneNumberEverReachesTheLog()
    {
        var console = _app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        console.FormatterName.Should().Be(ConsoleFormatterNames.Json);
        _app.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue.IncludeScopes.Should().BeTrue();

        var community = await _app.WithDbAsync(db => db.OrgUnits.Where(u => u.Type == OrgUnitType.Community).OrderBy(u => u.Code).FirstAsync());
        using var hr = await _app.SignInAsync("hr");
        var first17 = "32050819930717" + "246";
        var id = first17 + IdCardNumber.ComputeCheckCharacter(first17);
        const string phone = "13967891234";
        var token = await WorkforceApp.FormTokenAsync(hr, "/Workers/Create");
        var created = await hr.PostAsync("/Workers/Create", WorkforceApp.Form(token, ("Input.Name", "宋佳"), ("Input.IdCardNumber", id), ("Input.Phone", phone), ("Input.Education", "Bachelor"),
            ("Input.PoliticalStatus", "Masses"), ("Input.HireDate", "2024-03-01"), ("Input.CommunityId", community.Id.ToString(CultureInfo.InvariantCulture)), ("Input.Post", "Staff"), ("Input.Grade", "2")));
        created.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await hr.GetAsync(created.Headers.Location!.OriginalString)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await hr.GetAsync("/Workers?Q=" + id)).StatusCode.Should().Be(HttpStatusCode.OK);
        // A refused form with the numbers in it too.
        await hr.PostAsync("/Workers/Create", WorkforceApp.Form(token, ("Input.Name", "宋佳"), ("Input.IdCardNumber", id), ("Input.Phone", phone)));

        var entries = _app.Recorder.Entries.ToList();
        var requests = entries.Where(e => e.Category == typeof(Infrastructure.RequestLogMiddleware).FullName).ToList();
        requests.Should().Contain(e => e.Text.Contains("Workers/Create", StringComparison.Ordinal), "each request is logged by its route");
        entries.Where(e => e.Scopes.Contains("RequestPath=", StringComparison.Ordinal)).Should().NotBeEmpty()
            .And.OnlyContain(e => e.Scopes.Contains("RequestId=", StringComparison.Ordinal), "every line of a request carries its request id");
        requests.Should().OnlyContain(e => e.Scopes.Contains("RequestId=", StringComparison.Ordinal));
        var leaks = entries.Where(e => e.Text.Contains(id, StringComparison.Ordinal) || e.Text.Contains(id[..14], StringComparison.Ordinal) || e.Text.Contains(phone, StringComparison.Ordinal)).ToList();
        leaks.Select(e => e.Category + ": " + e.Text).Should().BeEmpty("no ID or phone number is logged");
    }

    /// <summary>The app on Kestrel with its own SQLite file and a recorder of every log entry.</summary>
    private sealed class LoggedApp : WebApplicationFactory<Program>, ITestApp
    {
        private readonly string _file = Path.Combine(Path.GetTempPath(), $"workforce-logs-{Guid.NewGuid():N}.db");

        public LoggedApp()
        {
            UseKestrel(0);
            StartServer();
        }

        public LogRecorder Recorder { get; } = new();

        public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:Workforce", $"Data Source={_file}");
            builder.UseSetting("Demo:WorkerCount", "30");
            builder.UseSetting("Demo:Password", WorkforceApp.Password);
            builder.UseSetting("PersonalData:EncryptionKey", WorkforceApp.EncryptionKey);
            builder.UseSetting("PersonalData:LookupKey", WorkforceApp.LookupKey);
            builder.UseSetting("Logging:LogLevel:Default", "Information");
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Information");
            builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Information");
            builder.ConfigureLogging(l => l.AddProvider(Recorder));
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                File.Delete(_file + suffix);
            }
        }
    }

    /// <summary>One log entry as text: message, every state value, scopes and exception.</summary>
    private sealed record LogEntry(string Category, string Text, string Scopes);

    /// <summary>Keeps every entry, with its scopes.</summary>
    private sealed class LogRecorder : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ConcurrentQueue<LogEntry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Recorder(LogRecorder owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var text = new StringBuilder(formatter(state, exception));
                if (state is IEnumerable<KeyValuePair<string, object?>> values)
                {
                    foreach (var (k, v) in values)
                    {
                        text.Append(' ').Append(k).Append('=').Append(v);
                    }
                }
                text.Append(' ').Append(exception);
                var scopes = new StringBuilder();
                owner._scopes.ForEachScope((scope, sb) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        foreach (var (k, v) in pairs)
                        {
                            sb.Append(k).Append('=').Append(v).Append(';');
                        }
                    }
                    else
                    {
                        sb.Append(scope).Append(';');
                    }
                }, scopes);
                owner.Entries.Enqueue(new LogEntry(category, text + " " + scopes, scopes.ToString()));
            }
        }
    }
}
