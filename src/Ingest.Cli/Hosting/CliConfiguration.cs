using System.Globalization;
using Ingest.Messages;
using Ingest.Sources;
using Ingest.Storage;
using Microsoft.Extensions.Configuration;

namespace Ingest.Cli.Hosting;

/// <summary>
/// The command line's settings: the same names the Functions app reads (<c>IngestStorage</c>,
/// <c>AzureWebJobsStorage</c>, <c>IngestSchedule</c>, <c>Ingest:*</c>), from environment variables over defaults
/// that point at a local Azurite. With <c>--demo</c> the sources are the loopback sample site's instead of the real ones.
/// </summary>
internal static class CliConfiguration
{
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    public static IConfiguration Build(Uri? demoSite = null, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = new ConfigurationBuilder()
            .AddInMemoryCollection(QueueSettings.ReadHostJson(QueueSettings.HostJsonPath))
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["IngestSchedule"] = "0 */30 * * * *",

                // Locally a failed message is tried again after 2 s instead of host.json's 30 s, so that 'run --once'
                // finishes quickly; every other queue setting is host.json's.
                [QueueSettings.Section + ":visibilityTimeout"] = "00:00:02",
            });
        if (demoSite is not null)
        {
            builder.AddInMemoryCollection(DemoSources(demoSite));
        }
        else
        {
            builder.AddShippedSourcesUnlessGiven(new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(overrides ?? new Dictionary<string, string?>()).Build());
        }

        builder.AddEnvironmentVariables();
        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }

        var built = builder.Build();

        // Azurite unless a connection is configured, as a connection string or as identity-based settings
        // (IngestStorage__blobServiceUri ...): a default connection string would shadow the latter, as it wins.
        if (!IsConfigured(built, StorageClients.ConnectionName))
        {
            builder.AddInMemoryCollection(new Dictionary<string, string?> { [StorageClients.ConnectionName] = DevelopmentStorage });
            built = builder.Build();
        }

        // The WebJobs host keeps its locks and timer state in AzureWebJobsStorage; by default the data account,
        // in whichever form that is configured.
        if (!IsConfigured(built, "AzureWebJobsStorage"))
        {
            var data = built.GetSection(StorageClients.ConnectionName);
            var copy = new Dictionary<string, string?> { ["AzureWebJobsStorage"] = data.Value };
            foreach (var setting in data.GetChildren())
            {
                copy["AzureWebJobsStorage:" + setting.Key] = setting.Value;
            }

            builder.AddInMemoryCollection(copy);
            built = builder.Build();
        }

        return built;
    }

    private static bool IsConfigured(IConfiguration configuration, string name)
    {
        var section = configuration.GetSection(name);
        return !string.IsNullOrWhiteSpace(section.Value) || section.GetChildren().Any();
    }

    /// <summary>The sample site's feed and column listing, and permission to fetch from loopback.</summary>
    /// <summary>
    /// The configuration for a command that fetches nothing (a re-parse-only host, an import): it needs no contact
    /// address for site owners, so a placeholder fills the setting when it is not set.
    /// </summary>
    public static IConfiguration WithoutFetching(IConfiguration configuration) =>
        configuration[$"{Fetching.FetchOptions.Section}:Contact"] is { Length: > 0 }
            ? configuration
            : new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(new Dictionary<string, string?> { [$"{Fetching.FetchOptions.Section}:Contact"] = "none (this command fetches nothing)" }).Build();

    public static Dictionary<string, string?> DemoSources(Uri site)
    {
        ArgumentNullException.ThrowIfNull(site);
        string At(string path) => new Uri(site, path).AbsoluteUri;
        return new Dictionary<string, string?>
        {
            ["Ingest:Sources:0:Name"] = "sample-feed",
            ["Ingest:Sources:0:Kind"] = "Feed",
            ["Ingest:Sources:0:Url"] = At("feed.xml"),
            ["Ingest:Sources:1:Name"] = "sample-columns",
            ["Ingest:Sources:1:Kind"] = "Listing",
            ["Ingest:Sources:1:Url"] = At("columns/"),
            ["Ingest:Sources:1:LinkSelector"] = "main a.headline",
            ["Ingest:Sources:2:Name"] = "sample-sitemap",
            ["Ingest:Sources:2:Kind"] = "Sitemap",
            ["Ingest:Sources:2:Url"] = At("sitemap.xml"),
            // The sample site is ours, on this machine: loopback is allowed on its port only, and no pause between requests.
            ["Ingest:Fetching:AllowedLoopbackPorts:0"] = site.Port.ToString(CultureInfo.InvariantCulture),
            ["Ingest:Fetching:MinDelayPerHostMilliseconds"] = "0",
            ["Ingest:Fetching:Contact"] = "local demo run",
            ["Ingest:Fetching:TimeoutSeconds"] = 10.ToString(CultureInfo.InvariantCulture),
        };
    }
}
