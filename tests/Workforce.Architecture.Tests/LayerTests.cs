using System.Reflection;
using NetArchTest.Rules;

namespace Workforce.Architecture.Tests;

/// <summary>
/// The dependency direction Web → Application → Data → Payroll → Domain (Application may call Payroll) and the
/// tools beside the web host: a type depending on a layer above its own, or Domain on anything but NodaTime,
/// fails here with the offending types named.
/// </summary>
public class LayerTests
{
    private static readonly Assembly Domain = typeof(Workforce.Domain.Workers.Worker).Assembly;
    private static readonly Assembly Payroll = typeof(Workforce.Payroll.Engine.PayrollEngine).Assembly;
    private static readonly Assembly Data = typeof(Workforce.Data.WorkforceDbContext).Assembly;
    private static readonly Assembly Application = typeof(Workforce.Application.Common.UseCaseContext).Assembly;
    private static readonly Assembly Web = typeof(Workforce.Web.SharedResource).Assembly;
    private static readonly Assembly Cli = typeof(Workforce.Cli.TsvTextCatalog).Assembly;

    [Fact]
    public void TheDomainDependsOnNothingButTheRuntimeAndNodaTime() =>
        Check(Types.InAssembly(Domain).ShouldNot().HaveDependencyOtherThan("System", "NodaTime", "Workforce.Domain", "Microsoft.CodeAnalysis"));

    [Fact]
    public void ThePayrollEngineIsPure() =>
        Check(Types.InAssembly(Payroll).ShouldNot().HaveDependencyOnAny("Workforce.Data", "Workforce.Application", "Workforce.Web", "Workforce.Cli",
            "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Microsoft.Extensions", "System.Net", "System.IO.File"));

    [Fact]
    public void DataDoesNotDependOnTheApplicationOrTheWeb() =>
        Check(Types.InAssembly(Data).ShouldNot().HaveDependencyOnAny("Workforce.Application", "Workforce.Web", "Workforce.Cli", "Microsoft.AspNetCore.Mvc"));

    [Fact]
    public void TheApplicationDoesNotDependOnTheWebOrItsHostingConcerns() =>
        Check(Types.InAssembly(Application).ShouldNot().HaveDependencyOnAny("Workforce.Web", "Workforce.Cli", "Microsoft.AspNetCore.Mvc", "Microsoft.AspNetCore.Http",
            "Microsoft.AspNetCore.Localization", "Microsoft.Extensions.Localization", "Quartz"));

    [Fact]
    public void NoControllerTakesTheDbContext()
    {
        var controllers = Web.GetTypes().Where(t => typeof(Microsoft.AspNetCore.Mvc.ControllerBase).IsAssignableFrom(t) && !t.IsAbstract).ToList();
        controllers.Should().NotBeEmpty();
        controllers.Where(t => t.GetConstructors().SelectMany(c => c.GetParameters()).Any(p => p.ParameterType == typeof(Workforce.Data.WorkforceDbContext)))
            .Select(t => t.FullName).Should().BeEmpty("controllers talk to use cases only");
        Check(Types.InAssembly(Web).That().Inherit<Microsoft.AspNetCore.Mvc.ControllerBase>()
            .ShouldNot().HaveDependencyOnAny("Microsoft.EntityFrameworkCore", "Workforce.Data.WorkforceDbContext"));
    }

    [Fact]
    public void TheToolsUseTheApplicationNotTheWebHost() =>
        Check(Types.InAssembly(Cli).ShouldNot().HaveDependencyOnAny("Workforce.Web", "Microsoft.AspNetCore.Mvc"));

    [Fact]
    public void ProjectReferencesPointDownOnly()
    {
        Names(Domain).Should().BeEmpty();
        Names(Payroll).Should().BeEquivalentTo(["Workforce.Domain"]);
        Names(Data).Should().BeSubsetOf(["Workforce.Domain", "Workforce.Payroll"]);
        Names(Application).Should().BeSubsetOf(["Workforce.Domain", "Workforce.Payroll", "Workforce.Data"]);
        Names(Cli).Should().NotContain("Workforce.Web");

        static IEnumerable<string> Names(Assembly assembly) =>
            assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("Workforce.", StringComparison.Ordinal) && !n.StartsWith("Workforce.Migrations", StringComparison.Ordinal));
    }

    private static void Check(ConditionList rule)
    {
        var result = rule.GetResult();
        result.IsSuccessful.Should().BeTrue("these types break the layering: " + string.Join(", ", result.FailingTypes?.Select(t => t.FullName) ?? []));
    }
}
