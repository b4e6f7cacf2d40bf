using Ingest.Messages;
using Ingest.Pipeline;
using Ingest.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Ingest.Functions;

/// <summary>
/// The three triggers of the pipeline on the Functions isolated worker. They bind and delegate; the pipeline
/// library does the work, the same code the local host runs.
/// </summary>
public sealed class PipelineFunctions(TriggerHandler handler)
{
    /// <summary>Discovers new articles on every configured source and enqueues one ingest request each.</summary>
    [Function(nameof(DiscoverArticles))]
    public async Task DiscoverArticles([TimerTrigger("%IngestSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        await handler.DiscoverAsync(cancellationToken);
    }

    /// <summary>Fetches, parses and stores one article.</summary>
    [Function(nameof(IngestArticle))]
    public async Task IngestArticle(
        [QueueTrigger(QueueNames.IngestRequests, Connection = StorageClients.ConnectionName)] string message,
        string id,
        long dequeueCount,
        string popReceipt,
        CancellationToken cancellationToken) =>
        await handler.IngestAsync(new QueueDelivery(QueueNames.IngestRequests, id, message, dequeueCount, popReceipt), cancellationToken);

    /// <summary>Re-parses one article from its stored raw page.</summary>
    [Function(nameof(ReparseArticle))]
    public async Task ReparseArticle(
        [QueueTrigger(QueueNames.ReparseRequests, Connection = StorageClients.ConnectionName)] string message,
        string id,
        long dequeueCount,
        string popReceipt,
        CancellationToken cancellationToken) =>
        await handler.ReparseAsync(new QueueDelivery(QueueNames.ReparseRequests, id, message, dequeueCount, popReceipt), cancellationToken);
}
