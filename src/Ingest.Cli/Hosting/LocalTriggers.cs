using Ingest.Messages;
using Ingest.Pipeline;
using Ingest.Storage;
using Microsoft.Azure.WebJobs;

namespace Ingest.Cli.Hosting;

/// <summary>
/// The same three triggers as the Functions app, with the WebJobs SDK's attributes, for machines without the
/// Functions host. Names, queues, connection and schedule setting are the Functions app's.
/// </summary>
public sealed class LocalTriggers(TriggerHandler handler)
{
    public const string DiscoverArticlesName = "DiscoverArticles";

    /// <summary>Set to true by 'run --once', which discovers once at start: the timer must not fire again mid-run.</summary>
    public const string TimerDisabledSetting = "IngestLocal:DiscoveryTimerDisabled";

    /// <summary>Set to true by 'reparse --wait' when it handles its run itself: this host then fetches nothing.</summary>
    public const string IngestDisabledSetting = "IngestLocal:IngestDisabled";

    [FunctionName(DiscoverArticlesName)]
    [Disable(TimerDisabledSetting)]
    public async Task DiscoverArticles([TimerTrigger("%IngestSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        await handler.DiscoverAsync(cancellationToken);
    }

    [FunctionName("IngestArticle")]
    [Disable(IngestDisabledSetting)]
    public async Task IngestArticle(
        [QueueTrigger(QueueNames.IngestRequests, Connection = StorageClients.ConnectionName)] string message,
        string id,
        long dequeueCount,
        string popReceipt,
        CancellationToken cancellationToken) =>
        await handler.IngestAsync(new QueueDelivery(QueueNames.IngestRequests, id, message, dequeueCount, popReceipt), cancellationToken);

    [FunctionName("ReparseArticle")]
    public async Task ReparseArticle(
        [QueueTrigger(QueueNames.ReparseRequests, Connection = StorageClients.ConnectionName)] string message,
        string id,
        long dequeueCount,
        string popReceipt,
        CancellationToken cancellationToken) =>
        await handler.ReparseAsync(new QueueDelivery(QueueNames.ReparseRequests, id, message, dequeueCount, popReceipt), cancellationToken);
}
