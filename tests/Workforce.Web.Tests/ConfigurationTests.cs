using System.Text.RegularExpressions;
using System.Xml.Linq;
using AutoMapper;
using Microsoft.Extensions.DependencyInjection;

namespace Workforce.Web.Tests;

[Collection(AppCollection.Name)]
public partial class ConfigurationTests(WorkforceApp app)
{
    private static readonly string Root = FindRoot();

    [Fact]
    public void TheMappingConfigurationIsValid()
        => app.Services.GetRequiredService<IMapper>().ConfigurationProvider.AssertConfigurationIsValid();

    [Fact]
    public void EveryTextKeyUsedInCodeAndViewsExistsInChineseAndEnglish()
    {
        var zh = Keys("SharedResource.resx");
        var en = Keys("SharedResource.en.resx");
        en.Should().BeEquivalentTo(zh, "both languages carry the same keys");
        var web = Path.Combine(Root, "src", "Workforce.Web");
        var used = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .SelectMany(f => KeyUse().Matches(File.ReadAllText(f)).Select(m => m.Groups.Values.Skip(1).First(g => g.Success).Value))
            .Where(k => k.Contains('.', StringComparison.Ordinal) && !k.EndsWith('.'))
            .Distinct().ToList();
        used.Should().NotBeEmpty();
        used.Where(k => !zh.Contains(k)).Should().BeEmpty("every key used must be in the resource files");
    }

    [Fact]
    public void EveryDomainRuleHasAMessage()
    {
        var zh = Keys("SharedResource.resx");
        var codes = new[] { "Workforce.Domain", "Workforce.Payroll" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(Root, "src", project), "*.cs", SearchOption.AllDirectories))
            .SelectMany(f => DomainCode().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)).Distinct().ToList();
        codes.Should().HaveCountGreaterThan(30).And.Contain("Payroll.ReferenceWageMissing");
        codes.Where(c => !zh.Contains("Domain." + c)).Should().BeEmpty();
    }

    [Fact]
    public void EveryMessageCodeReturnedBelowTheUiHasATextInBothLanguages()
    {
        // Domain, engine and use cases return codes, never sentences: every dotted code written in their code (outside doc
        // comments, logger categories and policy parameter names) is a resource key, or a domain rule's code under "Domain.".
        var zh = Keys("SharedResource.resx");
        var codes = new[] { "Workforce.Domain", "Workforce.Payroll", "Workforce.Application" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(Root, "src", project), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal) && !f.EndsWith("PolicyParameter.cs", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Where(l => !l.TrimStart().StartsWith("///", StringComparison.Ordinal) && !l.Contains("CreateLogger(", StringComparison.Ordinal)))
            .SelectMany(line => StringLiteral().Matches(line).Select(m => m.Groups[1].Value).Where(v => CodeShape().IsMatch(v)))
            .Distinct().ToList();
        codes.Should().HaveCountGreaterThan(150).And.Contain(["Explain.GradePay", "RuleSet.Negative", "Recruitment.Ineligible.Age", "Pay.RunInterrupted"]);
        codes.Where(c => !zh.Contains(c) && !zh.Contains("Domain." + c)).Should().BeEmpty("a code without a text would show as the bare code");
    }

    [Fact]
    public void EveryEnumValueShownInTheUiHasADisplayName()
    {
        var zh = Keys("SharedResource.resx");
        Type[] enums = [typeof(Domain.Workers.Post), typeof(Domain.Workers.Education), typeof(Domain.Workers.PoliticalStatus), typeof(Domain.Workers.Sex),
            typeof(Domain.Organisation.OrgUnitType), typeof(Domain.Certification.CertificateLevel), typeof(Application.Workers.EmploymentFilter)];
        enums.SelectMany(t => Enum.GetNames(t).Select(n => $"{t.Name}.{n}")).Where(k => !zh.Contains(k)).Should().BeEmpty();
        Data.Identity.Roles.All.Select(r => "Role." + r).Where(k => !zh.Contains(k)).Should().BeEmpty();
        new[] { "Name", "IdCardNumber", "Phone", "Education", "PoliticalStatus", "HireDate", "CommunityId", "Post", "Grade", "AssignmentStart" }
            .Select(c => "Import.Column." + c).Where(k => !zh.Contains(k)).Should().BeEmpty();
    }

    private static HashSet<string> Keys(string file)
        => XDocument.Load(Path.Combine(Root, "src", "Workforce.Web", "Resources", file)).Root!.Elements("data").Select(d => d.Attribute("name")!.Value).ToHashSet(StringComparer.Ordinal);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Workforce.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Workforce.sln not found above the test binaries.");
    }

    [GeneratedRegex("""(?:\bT|\b[Tt]ext)(?:\[|\.Format\()"([A-Za-z][A-Za-z0-9.]+)"|(?:ErrorMessage|Name) = "((?:Validation|Field)\.[A-Za-z.]+)"|L\["([^"]+)"\]""")]
    private static partial Regex KeyUseRaw();

    private static Regex KeyUse() => KeyUseRaw();

    [GeneratedRegex(@"'""'|""((?:[^""\\]|\\.)*)""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex("""^[A-Z][A-Za-z0-9]+(?:\.[A-Za-z0-9]+)+$""")]
    private static partial Regex CodeShape();

    [GeneratedRegex("""new DomainException\("([A-Za-z.]+)""")]
    private static partial Regex DomainCode();
}
