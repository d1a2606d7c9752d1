using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Workforce.Web.Tests;

/// <summary>
/// Transport (issue 12): the app on Kestrel with a self-signed certificate answers with HSTS, Secure cookies, no Server
/// header, and Cache-Control: no-store on the API; behind a TLS-terminating proxy, X-Forwarded-Proto from a known proxy has
/// the same effect.
/// </summary>
public sealed class TransportTests : IDisposable
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"workforce-tls-{Guid.NewGuid():N}.db");
    private readonly X509Certificate2 _certificate = SelfSigned();

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        // Re-imported so Kestrel can use the private key on every platform.
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12, "t"), "t");
    }

    private sealed class TlsApp : KestrelApp
    {
        public TlsApp(string database, X509Certificate2 certificate) : base(database)
        {
            UseKestrel(o => o.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
            StartServer();
        }
    }

    private HttpClient Client(Uri address) => new(new HttpClientHandler
    {
        AllowAutoRedirect = false,
        CookieContainer = new CookieContainer(),
        // Trust exactly this certificate, nothing else.
        ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == _certificate.Thumbprint,
    })
    { BaseAddress = address };

    [Fact]
    public async Task OverHttpsEveryAnswerHasHstsSecureCookiesNoServerHeaderAndTheApiIsNotCached()
    {
        using var tls = new TlsApp(_database, _certificate);
        tls.Address.Scheme.Should().Be("https");
        using var client = Client(tls.Address);

        var login = await client.GetAsync("/Account/Login");
        login.StatusCode.Should().Be(HttpStatusCode.OK);
        login.Headers.GetValues("Strict-Transport-Security").Single().Should().Contain("max-age=31536000").And.Contain("includeSubDomains");
        login.Headers.Contains("Server").Should().BeFalse();
        login.Headers.GetValues("Set-Cookie").Should().OnlyContain(c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        login.Headers.CacheControl!.NoStore.Should().BeTrue("pages are not kept in caches");

        var token = new HtmlParser().ParseDocument(await login.Content.ReadAsStringAsync()).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var signedIn = await client.PostAsync("/Account/Login", WorkforceApp.Form(token, ("UserName", "payroll"), ("Password", WorkforceApp.Password)));
        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var auth = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("Workforce.Auth", StringComparison.Ordinal));
        auth.Should().ContainEquivalentOf("secure").And.ContainEquivalentOf("httponly").And.ContainEquivalentOf("samesite=strict");

        var issued = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "payroll", password = WorkforceApp.Password });
        issued.Headers.CacheControl!.NoStore.Should().BeTrue("a token is never cached");
        var bearer = (await issued.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString();
        using var api = Client(tls.Address);
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        var workers = await api.GetAsync("/api/v1/workers");
        workers.StatusCode.Should().Be(HttpStatusCode.OK);
        workers.Headers.CacheControl!.NoStore.Should().BeTrue("personal data is not kept in caches");
        workers.Headers.Contains("Server").Should().BeFalse();
        workers.Headers.Contains("Strict-Transport-Security").Should().BeTrue();
    }

    [Fact]
    public async Task BehindAProxyThatTerminatesTlsTheForwardedSchemeMakesCookiesSecureAndSendsHsts()
    {
        using var plain = KestrelApp.Http(_database);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = plain.Address };
        var direct = await client.GetAsync("/Account/Login");
        direct.Headers.Contains("Strict-Transport-Security").Should().BeFalse("plain HTTP never carries HSTS");

        using var forwarded = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        forwarded.Headers.Add("X-Forwarded-Proto", "https");
        var response = await client.SendAsync(forwarded);
        response.Headers.Contains("Strict-Transport-Security").Should().BeTrue();
        response.Headers.GetValues("Set-Cookie").Should().OnlyContain(c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        response.Headers.Contains("Server").Should().BeFalse();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _certificate.Dispose();
        ScratchDatabases.Delete(_database);
    }
}
