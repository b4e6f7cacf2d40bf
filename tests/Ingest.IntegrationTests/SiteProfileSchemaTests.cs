using System.Reflection;
using System.Text.Json;
using Ingest.Extraction;
using Json.Schema;

namespace Ingest.IntegrationTests;

/// <summary>docs/site-profile.schema.json describes the profiles the extractor reads: each shipped one, and every field.</summary>
public sealed class SiteProfileSchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "site-profile.schema.json")));

    [Fact]
    public void ShippedProfiles_MatchTheSchema()
    {
        var files = Directory.GetFiles(SiteProfiles.DefaultFolder, "*.json");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            // The files may carry comments and trailing commas; the schema speaks of the JSON they hold.
            using var json = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var result = Schema.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(result.IsValid, $"{file}: " + string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        }
    }

    [Fact]
    public void EveryProfileField_IsInTheSchema()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "site-profile.schema.json")));
        var properties = schema.RootElement.GetProperty("properties");
        var appState = properties.GetProperty("appState").GetProperty("properties");
        foreach (var (type, names) in new[] { (typeof(SiteProfile), properties), (typeof(ProfileAppState), appState) })
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                Assert.True(names.TryGetProperty(name, out _), $"{type.Name}.{property.Name} is not in docs/site-profile.schema.json as '{name}'");
            }
        }
    }
}
