using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ingest.Tests.Support;

/// <summary>The pipeline's real service registration with test settings; storage clients are built but never called.</summary>
internal static class Services
{
    public static ServiceProvider Build(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["IngestStorage"] = "UseDevelopmentStorage=true",
            ["Ingest:Sources:0:Name"] = "test",
            ["Ingest:Sources:0:Url"] = "http://127.0.0.1/",
            ["Ingest:Fetching:TimeoutSeconds"] = "2",
            ["Ingest:Fetching:MaxRetries"] = "1",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new ServiceCollection().AddLogging().AddIngest(configuration).BuildServiceProvider(validateScopes: true);
    }
}
