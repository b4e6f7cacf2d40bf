using Ingest.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.Pipeline;

/// <summary>
/// The one place the triggers of both hosts (the Functions app and <c>ingest run</c>) call into the pipeline: each
/// trigger binds and calls one method here. For a queue message it reads the message strictly, runs the pipeline,
/// counts the outcome, and on failure logs what was wrong and whether the message will be retried or poisoned, then
/// rethrows so the host's retry and poison handling apply. Nothing is acknowledged on failure.
/// </summary>
public sealed partial class TriggerHandler(
    DiscoveryService discovery,
    ArticleIngestor ingestor,
    ArticleReparser reparser,
    OutcomeTally tally,
    IOptions<QueueSettings> options,
    ILogger<TriggerHandler> logger)
{
    /// <summary>The discovery timer fired: discovers every due source and enqueues what it lists.</summary>
    public Task<DiscoveryReport> DiscoverAsync(CancellationToken cancellationToken) => discovery.RunAsync(cancellationToken);

    /// <summary>Handles one message of <see cref="QueueNames.IngestRequests"/>.</summary>
    public Task<ArticleOutcome?> IngestAsync(QueueDelivery delivery, CancellationToken cancellationToken) =>
        HandleAsync(delivery, reparse: false, async ct =>
            await ingestor.IngestAsync(MessageReader.ReadIngestRequest(delivery.Body), ct), cancellationToken);

    /// <summary>Handles one message of <see cref="QueueNames.ReparseRequests"/>.</summary>
    public Task<ArticleOutcome?> ReparseAsync(QueueDelivery delivery, CancellationToken cancellationToken) =>
        HandleAsync(delivery, reparse: true, async ct =>
            await reparser.HandleAsync(MessageReader.ReadReparseRequest(delivery.Body), ct), cancellationToken);

    private async Task<ArticleOutcome?> HandleAsync(QueueDelivery delivery, bool reparse, Func<CancellationToken, Task<ArticleOutcome?>> handle, CancellationToken cancellationToken)
    {
        var (queue, body, dequeueCount) = (delivery.Queue, delivery.Body, delivery.DequeueCount);
        using var scope = tally.Begin();
        try
        {
            var outcome = await handle(cancellationToken);
            if (outcome is not null)
            {
                tally.RecordOutcome(outcome, reparse);
            }

            return outcome;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var max = options.Value.MaxDequeueCount;
            var final = dequeueCount >= max;
            var reason = ex is InvalidMessageException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
            var source = reparse ? null : SourceOf(body);
            if (final)
            {
                tally.RecordFinalFailure(queue, reason, source, reparse);
                Log.Poisoned(logger, ex, queue, dequeueCount, max, reason);
                if (reparse && ex is not InvalidMessageException)
                {
                    await CountFailureInRunAsync(body, cancellationToken);
                }
            }
            else
            {
                tally.RecordRetry(source, reparse);
                Log.WillRetry(logger, ex, queue, dequeueCount, max, reason);
            }

            throw;
        }
    }

    // The source a failed ingest request names, to count the failure for it; null when the message is unreadable.
    private static string? SourceOf(string body)
    {
        try
        {
            return MessageReader.ReadIngestRequest(body).Source;
        }
        catch (InvalidMessageException)
        {
            return null;
        }
    }

    // Best effort: the message is being poisoned either way, and the run's status should say so.
    private async Task CountFailureInRunAsync(string body, CancellationToken cancellationToken)
    {
        try
        {
            await reparser.RecordFailureAsync(MessageReader.ReadReparseRequest(body), cancellationToken);
        }
        catch (Azure.RequestFailedException ex)
        {
            Log.RunNotUpdated(logger, ex, ex.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Could not count a failed re-parse in its run: {Reason}")]
        public static partial void RunNotUpdated(ILogger logger, Exception exception, string reason);

        [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Message on {Queue} failed on attempt {Attempt} of {MaxAttempts}, will be retried: {Reason}")]
        public static partial void WillRetry(ILogger logger, Exception exception, string queue, long attempt, int maxAttempts, string reason);

        [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "Message on {Queue} failed on its last attempt ({Attempt} of {MaxAttempts}) and goes to the poison queue: {Reason}")]
        public static partial void Poisoned(ILogger logger, Exception exception, string queue, long attempt, int maxAttempts, string reason);
    }
}
