using System.Reflection;
using System.Text.RegularExpressions;
using Ingest.Sources;

namespace Ingest.Tests.Architecture;

/// <summary>
/// The Bicep 'sources' parameter takes every option local settings do: one schema. Each settable option of
/// <see cref="SourceOptions"/> must be a property of the Bicep type, be written to its app setting by the template, and
/// appear in the worked example infra/bicep.sh builds (which the Bicep compiler checks against the type).
/// </summary>
public sealed partial class InfraSourcesTests
{
    private static readonly string Infra = Path.Combine(AppContext.BaseDirectory, "Architecture", "infra");

    public static TheoryData<string> Options => [.. typeof(SourceOptions)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.SetMethod?.IsPublic == true || p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(IList<>))
        .Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(Options))]
    public void EveryOption_IsInTheBicepType_ItsAppSetting_AndTheExample(string option)
    {
        var bicep = File.ReadAllText(Path.Combine(Infra, "main.bicep"));
        var example = File.ReadAllText(Path.Combine(Infra, "sources.example.bicepparam"));
        var camel = char.ToLowerInvariant(option[0]) + option[1..];
        var type = SourceType().Match(bicep).Groups[1].Value;

        Assert.Matches($@"(?m)^\s+{camel}: ", type);
        Assert.Contains($"'Ingest__Sources__${{i}}__{option}", bicep, StringComparison.Ordinal);
        Assert.Matches($@"(?m)^\s+{camel}: ", example);
    }

    [Fact]
    public void EveryCanonicalRuleField_IsInTheBicepType()
    {
        var bicep = File.ReadAllText(Path.Combine(Infra, "main.bicep"));
        foreach (var field in typeof(CanonicalRule).GetProperties().Select(p => p.Name))
        {
            Assert.Contains($"__CanonicalRules__${{j}}__{field}'", bicep, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EveryKind_IsAllowedByTheBicepType()
    {
        var type = SourceType().Match(File.ReadAllText(Path.Combine(Infra, "main.bicep"))).Groups[1].Value;

        Assert.All(Enum.GetNames<SourceKind>(), kind => Assert.Contains($"'{kind}'", type, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"type sourceType = \{(.*?)\n\}", RegexOptions.Singleline)]
    private static partial Regex SourceType();
}
