using System.Text;
using Azure;
using Ingest.Fetching;
using Ingest.Messages;
using Ingest.Status;
using Ingest.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.Pipeline;

/// <summary>
/// The one place the triggers of both hosts (the Functions app and <c>ingest run</c>) call into the pipeline: each
/// trigger binds and calls one method here. For a queue message it reads the message strictly, runs the pipeline and
/// counts the outcome. A failure is one of three kinds, each logged as one line:
/// <list type="bullet">
/// <item>a message that can never succeed (<see cref="InvalidMessageException"/>: unreadable, wrong shape, over size,
/// unknown source or article) goes to the poison queue on its first delivery, with its reason kept in
/// <see cref="FailureRecords"/>, and is then acknowledged: record, send, acknowledge, so a crash in between may
/// duplicate it, never lose it;</item>
/// <item>a transient failure (the site, the network, storage) is rethrown so the host retries it, and after the last
/// attempt the host moves it to the poison queue, its reason kept the same way;</item>
/// <item>anything else is a bug: rethrown like a transient failure, its exception logged once, on its first attempt.</item>
/// </list>
/// </summary>
public sealed partial class TriggerHandler(
    DiscoveryService discovery,
    ArticleIngestor ingestor,
    ArticleReparser reparser,
    OutcomeTally tally,
    IngestQueues queues,
    FailureRecords failures,
    WorkLeases leases,
    ActivityRecorder activity,
    DriftWatch drift,
    IOptions<QueueSettings> options,
    TimeProvider time,
    ILogger<TriggerHandler> logger)
{
    /// <summary>
    /// The discovery timer fired: first judges the runs before it for drift (<see cref="JudgeRunsAsync"/>), then
    /// discovers every due source and enqueues what it lists, as a new run.
    /// </summary>
    public async Task<DiscoveryReport> DiscoverAsync(CancellationToken cancellationToken)
    {
        await JudgeRunsAsync(cancellationToken);
        var report = await discovery.RunAsync(cancellationToken);
        await activity.FlushAsync(cancellationToken);
        return report;
    }

    /// <summary>
    /// Stores this host's counts and judges the recent runs for drift, raising each alarm once. A storage failure
    /// here is logged and does not stop the caller: the next check judges the same runs.
    /// </summary>
    public async Task<IReadOnlyList<DriftAlarm>> JudgeRunsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await activity.FlushAsync(cancellationToken);
            return await drift.CheckAsync(cancellationToken);
        }
        catch (Exception ex) when (IsTransient(ex) && !cancellationToken.IsCancellationRequested)
        {
            Log.DriftNotChecked(logger, OneLine(ex.Message));
            return [];
        }
    }

    /// <summary>Handles one message of <see cref="QueueNames.IngestRequests"/>; returns its outcome (none when it was refused).</summary>
    public async Task<ArticleOutcome?> IngestAsync(QueueDelivery delivery, CancellationToken cancellationToken) =>
        (await HandleAsync(delivery, reparse: false, async ct =>
        {
            var request = MessageReader.ReadIngestRequest(delivery.Body);
            var outcome = await leases.RunAsync(delivery, ingestor.WorkKeyOf(request), async c => await ingestor.IngestAsync(request, c), ct);
            return outcome is null ? [] : [outcome];
        }, cancellationToken)).SingleOrDefault();

    /// <summary>Handles one message of <see cref="QueueNames.ReparseRequests"/>; returns the outcome of each article it re-parsed.</summary>
    public Task<IReadOnlyList<ArticleOutcome>> ReparseAsync(QueueDelivery delivery, CancellationToken cancellationToken) =>
        HandleAsync(delivery, reparse: true, async ct =>
        {
            var request = MessageReader.ReadReparseRequest(delivery.Body);
            // Not claimed: a repeated re-parse costs no site anything, and the record's conditional writes keep it to one revision.
            return await leases.HoldAsync(delivery, c => reparser.HandleAsync(request, c, redelivered: delivery.DequeueCount > 1), ct);
        }, cancellationToken);

    /// <summary>True for a failure that may pass by itself (the site, the network, storage), worth retrying.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        TransientFetchException or HttpRequestException or RequestFailedException or RecordConflictException or WorkInProgressException => true,
        IOException or TimeoutException or OperationCanceledException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsTransient),
        _ => false,
    };

    private async Task<IReadOnlyList<ArticleOutcome>> HandleAsync(QueueDelivery delivery, bool reparse, Func<CancellationToken, Task<IReadOnlyList<ArticleOutcome>>> handle, CancellationToken cancellationToken)
    {
        using var scope = tally.Begin();
        try
        {
            var outcomes = await handle(cancellationToken);
            foreach (var outcome in outcomes)
            {
                tally.RecordOutcome(outcome, reparse);
            }

            return outcomes;
        }
        catch (InvalidMessageException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // It can never succeed: no retries. The reason is kept first, then the message moved, then acknowledged.
            var (source, run) = OriginOf(delivery.Body, reparse);
            await KeepReasonAsync(delivery, ex.Message, "permanent", cancellationToken);
            await queues.SendToPoisonAsync(delivery.Queue, delivery.Body, cancellationToken);
            tally.RecordFinalFailure(delivery.Queue, ex.Message, source, reparse, run: run);
            Log.Refused(logger, delivery.Queue, delivery.MessageId, ex.Message, FailureRecords.Start(delivery.Body));
            if (reparse)
            {
                await CountFailureInRunAsync(delivery.Body, cancellationToken);
            }

            return [];
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var max = options.Value.MaxDequeueCount;
            var attempt = delivery.DequeueCount;
            var transient = IsTransient(ex);
            var reason = transient ? OneLine(ex.Message) : $"{ex.GetType().Name}: {OneLine(ex.Message)}";
            var (source, run) = OriginOf(delivery.Body, reparse);
            var fetchFailure = FindFetchFailure(ex)?.Label;
            if (attempt >= max)
            {
                // The host moves it to the poison queue when this attempt fails; its reason is kept for 'poison list'.
                await KeepReasonBestEffortAsync(delivery, fetchFailure is null ? reason : $"[{fetchFailure}] {reason}", cancellationToken);
                tally.RecordFinalFailure(delivery.Queue, reason, source, reparse, fetchFailure, run);
                Log.Poisoned(logger, delivery.Queue, delivery.MessageId, attempt, max, reason);
                if (reparse)
                {
                    await CountFailureInRunAsync(delivery.Body, cancellationToken);
                }
            }
            else
            {
                tally.RecordRetry(source, reparse, fetchFailure);
                Log.WillRetry(logger, delivery.Queue, delivery.MessageId, attempt, max, reason);
            }

            if (!transient && attempt <= 1)
            {
                // Not a failure the pipeline knows: a bug. Its exception is logged once, on its first attempt.
                Log.Unexpected(logger, ex, delivery.Queue, delivery.MessageId);
            }

            throw;
        }
    }

    private Task KeepReasonAsync(QueueDelivery delivery, string reason, string kind, CancellationToken cancellationToken) =>
        failures.PutAsync(
            QueueNames.PoisonOf(delivery.Queue),
            Encoding.UTF8.GetBytes(delivery.Body),
            new FailureRecord(delivery.Queue, delivery.MessageId, reason, kind, delivery.DequeueCount, time.GetUtcNow(), FailureRecords.Start(delivery.Body)),
            cancellationToken);

    // On the last attempt storage may be what failed: the message is poisoned by the host either way.
    private async Task KeepReasonBestEffortAsync(QueueDelivery delivery, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await KeepReasonAsync(delivery, reason, "retried", cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            Log.ReasonNotKept(logger, delivery.Queue, delivery.MessageId, OneLine(ex.Message));
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static TransientFetchException? FindFetchFailure(Exception exception) => exception switch
    {
        TransientFetchException fetch => fetch,
        AggregateException aggregate => aggregate.InnerExceptions.Select(FindFetchFailure).FirstOrDefault(f => f is not null),
        _ => null,
    };

    // The source and run a failed request names, to count the failure for them; nulls when the message is unreadable.
    private static (string? Source, string? Run) OriginOf(string body, bool reparse)
    {
        try
        {
            if (reparse)
            {
                return (null, MessageReader.ReadReparseRequest(body).RunId);
            }

            var request = MessageReader.ReadIngestRequest(body);
            return (request.Source, request.Run);
        }
        catch (InvalidMessageException)
        {
            return (null, null);
        }
    }

    // Best effort: the message is being poisoned either way, and the run's status should say so.
    private async Task CountFailureInRunAsync(string body, CancellationToken cancellationToken)
    {
        try
        {
            await reparser.RecordFailureAsync(MessageReader.ReadReparseRequest(body), cancellationToken);
        }
        catch (InvalidMessageException)
        {
            // Unreadable: it names no run.
        }
        catch (RequestFailedException ex)
        {
            Log.RunNotUpdated(logger, OneLine(ex.Message));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Message {MessageId} on {Queue} failed on attempt {Attempt} of {MaxAttempts}, will be retried: {Reason}")]
        public static partial void WillRetry(ILogger logger, string queue, string messageId, long attempt, int maxAttempts, string reason);

        [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "Message {MessageId} on {Queue} failed on its last attempt ({Attempt} of {MaxAttempts}) and goes to the poison queue: {Reason}")]
        public static partial void Poisoned(ILogger logger, string queue, string messageId, long attempt, int maxAttempts, string reason);

        [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Could not count a failed re-parse in its run: {Reason}")]
        public static partial void RunNotUpdated(ILogger logger, string reason);

        [LoggerMessage(EventId = 5004, Level = LogLevel.Error, Message = "Message {MessageId} on {Queue} can never succeed and goes to the poison queue now: {Reason} Body: {BodyStart}")]
        public static partial void Refused(ILogger logger, string queue, string messageId, string reason, string bodyStart);

        [LoggerMessage(EventId = 5005, Level = LogLevel.Error, Message = "Message {MessageId} on {Queue} met an unexpected error (a bug; its details follow once)")]
        public static partial void Unexpected(ILogger logger, Exception exception, string queue, string messageId);

        [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "The runs could not be judged for drift now (the next check will): {Reason}")]
        public static partial void DriftNotChecked(ILogger logger, string reason);

        [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Message {MessageId} on {Queue}: the reason of its failure could not be kept: {Reason}")]
        public static partial void ReasonNotKept(ILogger logger, string queue, string messageId, string reason);
    }
}
