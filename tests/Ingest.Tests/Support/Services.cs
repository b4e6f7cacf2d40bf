using System.Globalization;
using Ingest.Fetching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ingest.Tests.Support;

/// <summary>The pipeline's real service registration with test settings; storage clients are built but never called.</summary>
internal static class Services
{
    /// <summary>Services whose one source is the loopback server, with loopback allowed on its port only.</summary>
    public static ServiceProvider For(LoopbackServer server, IReadOnlyDictionary<string, string?>? settings = null, IHostAddressResolver? resolver = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Ingest:Sources:0:Url"] = server.BaseUrl.AbsoluteUri,
            ["Ingest:Fetching:AllowedLoopbackPorts:0"] = server.Port.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        return Build(values, resolver);
    }

    public static ServiceProvider Build(IReadOnlyDictionary<string, string?>? settings = null, IHostAddressResolver? resolver = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["IngestStorage"] = "UseDevelopmentStorage=true",
            ["Ingest:Sources:0:Name"] = "test",
            ["Ingest:Sources:0:Url"] = "http://127.0.0.1/",
            ["Ingest:Fetching:TimeoutSeconds"] = "2",
            ["Ingest:Fetching:MaxRetries"] = "1",
            ["Ingest:Fetching:Contact"] = "tests@example.org",
            ["Ingest:Fetching:MinDelayPerHostMilliseconds"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging();
        if (resolver is not null)
        {
            services.AddSingleton(resolver);
        }

        return services.AddIngest(configuration).BuildServiceProvider(validateScopes: true);
    }
}
