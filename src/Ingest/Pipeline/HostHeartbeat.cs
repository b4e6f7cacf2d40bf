using Ingest.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.Pipeline;

/// <summary>
/// Runs in each host that handles queue messages (the Functions worker, <c>ingest run</c>): writes this host's beat
/// (with the messages it holds, see <see cref="HeldMessages"/>) every <see cref="LivenessOptions.BeatInterval"/>,
/// stores its activity counts every <see cref="ActivityRecorder.FlushInterval"/> and when it stops, and sweeps for work held by stopped hosts every
/// <see cref="LivenessOptions.SweepInterval"/>, the first time at start (a host restarted after a crash frees what
/// its previous run held at once). Storage faults are logged once per streak and never stop the host.
/// </summary>
public sealed partial class HostHeartbeat(
    WorkClaims claims,
    HeldMessages held,
    WorkLeases leases,
    HostIdentity self,
    ActivityRecorder activity,
    IOptions<LivenessOptions> options,
    TimeProvider time,
    ILogger<HostHeartbeat> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var nextSweep = time.GetUtcNow();
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await held.BeatAsync(stoppingToken);
                await activity.FlushIfDueAsync(stoppingToken);
                if (time.GetUtcNow() >= nextSweep)
                {
                    nextSweep = time.GetUtcNow() + settings.SweepInterval;
                    await leases.SweepAsync(stoppingToken);
                }

                if (failing)
                {
                    failing = false;
                    Log.Recovered(logger, self.HostId);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (TriggerHandler.IsTransient(ex))
            {
                if (!failing)
                {
                    failing = true;
                    Log.Failing(logger, self.HostId, ex.Message.ReplaceLineEndings(" "));
                }
            }

            try
            {
                await Task.Delay(settings.BeatInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            using var flushing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            flushing.CancelAfter(TimeSpan.FromSeconds(5));
            await activity.FlushAsync(flushing.Token);
        }
        catch (Exception ex) when (TriggerHandler.IsTransient(ex))
        {
            // Counted but not stored: the status page misses them, nothing else does.
        }

        try
        {
            // A clean stop: nothing of this host is in hand any more, nobody needs to judge it.
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(TimeSpan.FromSeconds(5));
            await claims.RemoveBeatAsync(self.HostId, bounded.Token);
        }
        catch (Exception ex) when (TriggerHandler.IsTransient(ex))
        {
            // Left behind, it reads as a stopped host: harmless.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5104, Level = LogLevel.Warning, Message = "Host {HostId} cannot write its beat (others may take it for stopped and hand its messages back to the queue, which is safe): {Reason}")]
        public static partial void Failing(ILogger logger, string hostId, string reason);

        [LoggerMessage(EventId = 5105, Level = LogLevel.Information, Message = "Host {HostId} writes its beat again")]
        public static partial void Recovered(ILogger logger, string hostId);
    }
}
