using Ingest.Messages;
using Ingest.Pipeline;
using Ingest.Storage;
using Microsoft.Azure.WebJobs;

namespace Ingest.Cli.Hosting;

/// <summary>
/// The same three triggers as the Functions app, with the WebJobs SDK's attributes, for machines without the
/// Functions host. Names, queues, connection and schedule setting are the Functions app's.
/// </summary>
public sealed class LocalTriggers(DiscoveryService discovery, QueueMessageHandler handler)
{
    public const string DiscoverArticlesName = "DiscoverArticles";

    [FunctionName(DiscoverArticlesName)]
    public async Task DiscoverArticles([TimerTrigger("%IngestSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        await discovery.RunAsync(cancellationToken);
    }

    [FunctionName("IngestArticle")]
    public async Task IngestArticle(
        [QueueTrigger(QueueNames.IngestRequests, Connection = StorageClients.ConnectionName)] string message,
        long dequeueCount,
        CancellationToken cancellationToken) =>
        await handler.HandleIngestAsync(message, dequeueCount, cancellationToken);

    [FunctionName("ReparseArticle")]
    public async Task ReparseArticle(
        [QueueTrigger(QueueNames.ReparseRequests, Connection = StorageClients.ConnectionName)] string message,
        long dequeueCount,
        CancellationToken cancellationToken) =>
        await handler.HandleReparseAsync(message, dequeueCount, cancellationToken);
}
