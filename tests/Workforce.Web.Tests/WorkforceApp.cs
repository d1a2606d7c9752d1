using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Workforce.Data;

namespace Workforce.Web.Tests;

/// <summary>
/// The real app on Kestrel (loopback, random port) with a fresh SQLite file, migrated and seeded
/// with a small demo district. Shared by every test in the collection.
/// </summary>
public sealed class WorkforceApp : WebApplicationFactory<Program>, ITestApp
{
    /// <summary>Password of the demo accounts in tests.</summary>
    public const string Password = "Test#Pass2026";
    /// <summary>The personal-data keys every test app uses (the same bytes as the data tests' cipher).</summary>
    public static readonly string EncryptionKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    /// <summary>The look-up key that goes with <see cref="EncryptionKey"/>.</summary>
    public static readonly string LookupKey = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());
    /// <summary>Workers the demo district is seeded with.</summary>
    public const int SeededWorkers = 240;

    /// <summary>SQLite file of this app.</summary>
    public string DatabaseFile { get; } = Path.Combine(Path.GetTempPath(), $"workforce-web-{Guid.NewGuid():N}.db");

    /// <summary>Starts the server.</summary>
    public WorkforceApp()
    {
        UseKestrel(0);
        StartServer();
    }

    /// <summary>Base address of the running Kestrel server.</summary>
    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Workforce", $"Data Source={DatabaseFile}");
        builder.UseSetting("Demo:WorkerCount", SeededWorkers.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Demo:Password", Password);
        builder.UseSetting("PersonalData:EncryptionKey", EncryptionKey);
        builder.UseSetting("PersonalData:LookupKey", LookupKey);
    }

    /// <summary>Posts the sign-in form (with its antiforgery token).</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string user, string password)
    {
        var token = await FormTokenAsync(client, "/Account/Login");
        return await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = user,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>Form fields with the antiforgery token.</summary>
    public static FormUrlEncodedContent Form(string token, params (string Key, string Value)[] fields)
        => new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).Append(new("__RequestVerificationToken", token)));

    /// <summary>The antiforgery token of the last form on a page.</summary>
    public static async Task<string> FormTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        var doc = new HtmlParser().ParseDocument(html);
        var inputs = doc.QuerySelectorAll("input[name=__RequestVerificationToken]");
        return inputs[^1].GetAttribute("value")!;
    }

    /// <summary>
    /// Submits a form as the browser would: loads <paramref name="page"/>, finds the form that <paramref name="formSelector"/>
    /// names (a selector of the form or of an element inside it), keeps the fields it renders (its own antiforgery token
    /// included), sets <paramref name="fields"/> and posts to its action with its encoding. Returns the response (not followed).
    /// </summary>
    public static Task<HttpResponseMessage> SubmitAsync(HttpClient client, string page, string formSelector, params (string Key, string Value)[] fields)
        => SubmitAsync(client, page, formSelector, null, fields);

    /// <summary>Submits a form as <see cref="SubmitAsync(HttpClient, string, string, (string Key, string Value)[])"/> does, with a file in its file input.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string page, string formSelector, (string Field, string FileName, byte[] Bytes)? file, params (string Key, string Value)[] fields)
    {
        var doc = new HtmlParser().ParseDocument(await client.GetStringAsync(page));
        var form = doc.QuerySelector(formSelector)?.Closest("form") ?? throw new InvalidOperationException($"No form '{formSelector}' on {page}.");
        return await PostFormAsync(client, page, form, file, fields);
    }

    /// <summary>Posts a form of a page already read, with the fields it renders (its own token included) and <paramref name="fields"/> set.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, AngleSharp.Dom.IElement form, (string Field, string FileName, byte[] Bytes)? file, params (string Key, string Value)[] fields)
    {
        ArgumentNullException.ThrowIfNull(form);
        form.GetAttribute("method").Should().BeEquivalentTo("post", "state changes are posted");
        var values = form.QuerySelectorAll("input[name], textarea[name], select[name]")
            .Where(e => e.GetAttribute("type") is not ("checkbox" or "radio" or "file" or "submit") || e.HasAttribute("checked"))
            .Select(e => (Key: e.GetAttribute("name")!, Value: e.LocalName switch
            {
                "textarea" => e.TextContent,
                "select" => e.QuerySelector("option[selected]")?.GetAttribute("value") ?? e.QuerySelector("option")?.GetAttribute("value") ?? string.Empty,
                _ => e.GetAttribute("value") ?? string.Empty,
            }))
            .Where(f => !fields.Any(x => x.Key == f.Key)).Concat(fields).ToList();
        values.Should().Contain(f => f.Key == "__RequestVerificationToken", "every form carries its antiforgery token");
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : page;
        HttpContent content;
        if (form.GetAttribute("enctype") == "multipart/form-data")
        {
            var multipart = values.Aggregate(new MultipartFormDataContent(), (m, f) => { m.Add(new StringContent(f.Value), f.Key); return m; });
            if (file is { } upload)
            {
                form.QuerySelector($"input[type=file][name='{upload.Field}']").Should().NotBeNull("the form has that file input");
                multipart.Add(new ByteArrayContent(upload.Bytes), upload.Field, upload.FileName);
            }
            content = multipart;
        }
        else
        {
            file.Should().BeNull("only a multipart form carries a file");
            content = new FormUrlEncodedContent(values.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
        }
        return await client.PostAsync(action, content);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        ScratchDatabases.Delete(DatabaseFile);
    }
}

/// <summary>One app for all HTTP and browser tests.</summary>
[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<WorkforceApp>
{
    /// <summary>Collection name.</summary>
    public const string Name = "App";
}

/// <summary>A running test app: where it listens and its services.</summary>
public interface ITestApp
{
    /// <summary>Base address of the running server.</summary>
    Uri BaseAddress { get; }
    /// <summary>The app's services.</summary>
    IServiceProvider Services { get; }
}

/// <summary>Clients of a running test app: cookies without redirects, signed in through the form, with a bearer token; its database.</summary>
public static class TestAppClients
{
    /// <summary>A client that keeps cookies and does not follow redirects.</summary>
    public static HttpClient Client(this ITestApp app) => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer() })
    {
        BaseAddress = app.BaseAddress,
    };

    /// <summary>A client signed in through the sign-in form.</summary>
    public static async Task<HttpClient> SignInAsync(this ITestApp app, string user, string password = WorkforceApp.Password)
    {
        var client = app.Client();
        var response = await WorkforceApp.PostLoginAsync(client, user, password);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, $"{user} should sign in");
        return client;
    }

    /// <summary>A bearer token for a user.</summary>
    public static async Task<string> TokenAsync(this ITestApp app, string user, string password = WorkforceApp.Password)
    {
        using var client = app.Client();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password });
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"{user} should get a token");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>An API client with a bearer token (none for anonymous).</summary>
    public static async Task<HttpClient> ApiAsync(this ITestApp app, string? user)
    {
        var client = app.Client();
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(user));
        }
        return client;
    }

    /// <summary>Runs code with a DbContext of the app.</summary>
    public static async Task<T> WithDbAsync<T>(this ITestApp app, Func<WorkforceDbContext, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<WorkforceDbContext>());
    }
}

/// <summary>Scratch SQLite files of a test: the pools released, then each file with its -wal and -shm removed.</summary>
public static class ScratchDatabases
{
    /// <summary>Deletes <paramref name="files"/> (and their WAL and shared-memory files).</summary>
    public static void Delete(params string[] files)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in files)
        {
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                File.Delete(file + suffix);
            }
        }
    }
}
