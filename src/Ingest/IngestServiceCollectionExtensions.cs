using Ingest.Discovery;
using Ingest.Sources;
using Ingest.Extraction;
using Ingest.Fetching;
using Ingest.Messages;
using Ingest.Pipeline;
using Ingest.Status;
using Ingest.Storage;
using Ingest.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Ingest;

/// <summary>The one registration of the pipeline, used by both hosts.</summary>
public static class IngestServiceCollectionExtensions
{
    /// <summary>Adds discovery, fetching, extraction, storage and the queue handlers, with options validated at start.</summary>
    public static IServiceCollection AddIngest(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<IngestOptions>().Bind(configuration.GetSection(IngestOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IngestOptions>, IngestOptionsValidator>();
        services.AddOptions<FetchOptions>().Bind(configuration.GetSection(FetchOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<QueueSettings>().Bind(configuration.GetSection(QueueSettings.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LivenessOptions>().Bind(configuration.GetSection(LivenessOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        // Read now, so a missing or malformed storage setting fails at start, naming the setting.
        var storage = StorageClients.ReadConnection(configuration);
        services.AddSingleton(storage);
        services.AddSingleton(_ => storage.CreateBlobServiceClient());
        services.AddSingleton(_ => StorageClients.CreateQueueClient(storage));
        services.AddSingleton<SnapshotStore>();
        services.AddSingleton<ArticleStore>();
        services.AddSingleton<DiscoveryLog>();
        services.AddSingleton<RunStore>();
        services.AddSingleton<FailureRecords>();
        services.AddSingleton<IngestQueues>();
        services.AddSingleton<WorkClaims>();
        services.AddSingleton<HostIdentity>();
        services.AddSingleton<HeldMessages>();
        services.AddSingleton<WorkLeases>();
        services.AddSingleton<ActivityLog>();
        services.AddSingleton<DriftAlarms>();
        services.AddSingleton<ActivityRecorder>();
        services.AddSingleton(_ => StorageClients.CreatePoisonQueues(storage));
        services.AddSingleton<DriftWatch>();
        services.AddSingleton<StatusReader>();
        services.AddSingleton<StatusSite>();

        // One HTTP pipeline (Fetching/FetchPipeline.cs): redirects are the fetcher's own, because every hop must pass
        // the host, robots.txt and politeness rules again; each retry waits its turn at the host gate.
        services.AddFetching();

        // With the site profiles beside the library, read (and checked) once. Registered by factory: left to choose a
        // constructor, the container takes ArticleExtractor(IEnumerable<SiteProfile>) with an empty list, and every
        // page of a profiled site would be read by the generic rules only.
        services.AddSingleton(_ => new ArticleExtractor());
        services.AddMetrics();
        services.AddSingleton<IngestMetrics>();
        services.AddSingleton<OutcomeTally>();
        services.AddSingleton<SourceReader>();
        services.AddSingleton<DiscoveryService>();
        services.AddSingleton<RevisionWriter>();
        services.AddSingleton<ArticleIngestor>();
        services.AddSingleton<ArticleReparser>();
        services.AddSingleton<TriggerHandler>();
        services.AddTransient<WarcImporter>();
        services.AddSingleton<ArchiveReader>();
        services.AddSingleton<WarcExporter>();
        return services;
    }

    /// <summary>
    /// For a host that handles queue messages: its beat, and the sweep that hands a stopped host's messages back to
    /// the queue (<see cref="HostHeartbeat"/>). Register it before the queue listener, so it stops after it.
    /// </summary>
    public static IServiceCollection AddIngestHeartbeat(this IServiceCollection services)
    {
        services.AddHostedService<HostHeartbeat>();
        return services;
    }
}
