using Ingest.Discovery;
using Ingest.Extraction;
using Ingest.Fetching;
using Ingest.Messages;
using Ingest.Pipeline;
using Ingest.Storage;
using Ingest.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
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
        services.AddOptions<QueueHandlingOptions>().Bind(configuration.GetSection(QueueHandlingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        // Read now, so a missing or malformed storage setting fails at start, naming the setting.
        var storage = StorageClients.ReadConnection(configuration);
        services.AddSingleton(storage);
        services.AddSingleton(_ => storage.CreateBlobServiceClient());
        services.AddSingleton(_ => StorageClients.CreateQueueClient(storage));
        services.AddSingleton<ArticleStore>();
        services.AddSingleton<IngestQueues>();

        services.AddHttpClient<PageFetcher>(PageFetcher.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var fetch = sp.GetRequiredService<IOptions<FetchOptions>>().Value;
                return new SocketsHttpHandler
                {
                    AutomaticDecompression = System.Net.DecompressionMethods.All,
                    AllowAutoRedirect = true,
                    MaxAutomaticRedirections = 5,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    ConnectCallback = (context, ct) => PageFetcher.ConnectAsync(context, fetch.AllowPrivateNetworks, ct),
                };
            })
            .AddStandardResilienceHandler()
            .Configure((resilience, sp) =>
            {
                // A few quick retries inside one attempt of the queue message; the queue's own retries come on top,
                // so the product stays small (3 here x 5 dequeues). A refused address is never retried.
                var fetch = sp.GetRequiredService<IOptions<FetchOptions>>().Value;
                var attempt = TimeSpan.FromSeconds(fetch.TimeoutSeconds);
                resilience.Retry.MaxRetryAttempts = Math.Max(fetch.MaxRetries, 1);
                resilience.Retry.Delay = TimeSpan.FromMilliseconds(500);
                resilience.Retry.ShouldHandle = args => ValueTask.FromResult(
                    !PageFetcher.IsRefusal(args.Outcome.Exception) && HttpClientResiliencePredicates.IsTransient(args.Outcome));
                resilience.AttemptTimeout.Timeout = attempt;
                resilience.TotalRequestTimeout.Timeout = attempt * (fetch.MaxRetries + 1) + TimeSpan.FromSeconds(10);
                resilience.CircuitBreaker.SamplingDuration = attempt * 2;
            });

        services.AddSingleton<ArticleExtractor>();
        services.AddMetrics();
        services.AddSingleton<IngestMetrics>();
        services.AddSingleton<OutcomeTally>();
        services.AddSingleton<DiscoveryService>();
        services.AddSingleton<ArticleIngestor>();
        services.AddSingleton<ArticleReparser>();
        services.AddSingleton<QueueMessageHandler>();
        return services;
    }
}
