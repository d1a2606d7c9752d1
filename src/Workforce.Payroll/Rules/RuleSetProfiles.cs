namespace Workforce.Payroll.Rules;

/// <summary>Rule sets shipped with the product, as JSON documents embedded in the library.</summary>
public static class RuleSetProfiles
{
    /// <summary>
    /// The Suzhou profile a new install starts from (docs/payroll-rules.md explains its tuning:
    /// about 84,000 yuan a year for Staff grade 1 up to about 120,000 for Head grade 18).
    /// Reference wages and insurance limits are illustrative; officers must enter the published figures.
    /// </summary>
    public static string SuzhouJson() => Read("suzhou");

    /// <summary>The Suzhou profile, compiled.</summary>
    public static RuleSet Suzhou() => RuleSet.FromJson(SuzhouJson());

    private static string Read(string name)
    {
        using var stream = typeof(RuleSetProfiles).Assembly.GetManifestResourceStream($"Workforce.Payroll.Profiles.{name}.json")
            ?? throw new InvalidOperationException($"Embedded profile {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
