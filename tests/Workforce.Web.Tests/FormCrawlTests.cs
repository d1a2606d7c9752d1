using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;

namespace Workforce.Web.Tests;

/// <summary>
/// Every page reachable from the menu, for every role, on a fresh app of its own (the crawl submits forms that change data):
/// each page answers without 4xx/5xx, every form that posts carries its own antiforgery token, no form asks for an internal id,
/// and every form is submitted once, as the page renders it, without a 400 or a 500.
/// </summary>
public sealed partial class FormCrawlTests : IDisposable
{
    private const int MaxPagesPerRole = 400;
    private const int SamePattern = 2;
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"workforce-crawl-{Guid.NewGuid():N}.db");

    // Forms the crawl leaves alone: signing out and switching the language change the crawler's own session, not data.
    private static readonly string[] NotSubmitted = ["/Account/Logout", "/Home/SetLanguage"];

    [Fact]
    public async Task EveryPageFromTheMenuRendersForEveryRoleAndEveryFormCarriesItsTokenAsksForNoIdAndSubmitsWithoutA400Or500()
    {
        using var app = KestrelApp.Http(_database);
        var report = new List<string>();
        var totals = new Dictionary<string, (int Pages, int Forms)>();
        foreach (var role in new[] { "trainee", "payroll.check", "payroll", "hr.street", "hr", "admin" })
        {
            using var client = await app.SignInAsync(role);
            totals[role] = await CrawlAsync(client, role, report);
        }
        report.Should().BeEmpty(string.Join(", ", totals.Select(t => $"{t.Key}: {t.Value.Pages} pages, {t.Value.Forms} forms")));
        totals["admin"].Pages.Should().BeGreaterThan(40, "the admin reaches every area");
        totals["hr"].Forms.Should().BeGreaterThan(20, "HR pages carry many forms");
        totals["trainee"].Pages.Should().BeGreaterThan(3);
    }

    private static async Task<(int Pages, int Forms)> CrawlAsync(HttpClient client, string role, List<string> report)
    {
        var parser = new HtmlParser();
        var queue = new Queue<string>(["/"]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var patterns = new Dictionary<string, int>(StringComparer.Ordinal);
        var submitted = new HashSet<string>(StringComparer.Ordinal);
        int pages = 0, forms = 0;
        while (queue.Count > 0 && pages < MaxPagesPerRole)
        {
            var url = queue.Dequeue();
            using var response = await client.GetAsync(url);
            pages++;
            if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } to && !to.IsAbsoluteUri)
            {
                Enqueue(to.OriginalString);
                continue;
            }
            if ((int)response.StatusCode >= 400)
            {
                report.Add($"{role}: GET {url} answered {(int)response.StatusCode}");
                continue;
            }
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }
            var doc = parser.ParseDocument(await response.Content.ReadAsStringAsync());
            foreach (var a in doc.QuerySelectorAll("a[href]"))
            {
                Enqueue(a.GetAttribute("href")!);
            }
            foreach (var input in doc.QuerySelectorAll("input[name]:not([type=hidden])"))
            {
                if (IdField().IsMatch(input.GetAttribute("name")!))
                {
                    report.Add($"{role}: {url} asks for an internal id in '{input.GetAttribute("name")}'");
                }
            }
            foreach (var form in doc.QuerySelectorAll("form"))
            {
                if (!string.Equals(form.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                forms++;
                if (form.QuerySelector("input[name=__RequestVerificationToken]") is null)
                {
                    report.Add($"{role}: a form on {url} posting to {form.GetAttribute("action")} has no antiforgery token");
                    continue;
                }
                var action = form.GetAttribute("action") is { Length: > 0 } act ? act : url;
                var pattern = Pattern(action);
                if (NotSubmitted.Any(n => action.StartsWith(n, StringComparison.Ordinal)) || !submitted.Add(pattern))
                {
                    continue;
                }
                using var posted = await WorkforceApp.PostFormAsync(client, url, form, null);
                if (posted.StatusCode == HttpStatusCode.BadRequest || (int)posted.StatusCode >= 500)
                {
                    report.Add($"{role}: the form on {url} posting to {action} answered {(int)posted.StatusCode}");
                }
            }
        }
        return (pages, forms);

        void Enqueue(string href)
        {
            if (!href.StartsWith('/') || href.StartsWith("//", StringComparison.Ordinal) || href.StartsWith("/api/", StringComparison.Ordinal))
            {
                return;
            }
            var path = href.Split('#')[0];
            var pattern = Pattern(path);
            if (seen.Add(path) && (patterns[pattern] = patterns.GetValueOrDefault(pattern) + 1) <= SamePattern)
            {
                queue.Enqueue(path);
            }
        }
    }

    // A page's shape: numbers and months as placeholders, query values dropped (at most two pages of one shape are read).
    private static string Pattern(string url) => Numbers().Replace(Values().Replace(url, "="), "#");

    [GeneratedRegex(@"\d+")]
    private static partial Regex Numbers();

    [GeneratedRegex(@"=[^&]*")]
    private static partial Regex Values();

    [GeneratedRegex(@"(^|\.)(worker|mentor|mentee|user|camp|course|session|unit|period|round|applicant)?ids?$", RegexOptions.IgnoreCase)]
    private static partial Regex IdField();

    public void Dispose()
    {
        ScratchDatabases.Delete(_database);
    }
}
