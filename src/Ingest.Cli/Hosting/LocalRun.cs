using System.Diagnostics;
using System.Globalization;
using Azure.Storage.Queues;
using Ingest.Messages;
using Ingest.Pipeline;
using Ingest.Telemetry;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Extensions.Timers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.Cli.Hosting;

/// <summary>How <c>ingest run</c> was asked to run.</summary>
/// <param name="ReparseOnly">Handle only the re-parse queue, fetching nothing (for 'reparse --wait' with no host running).</param>
internal sealed record RunSettings(bool Once, bool Discover, TimeSpan DrainTimeout, LogLevel LogLevel, bool ReparseOnly = false)
{
    /// <summary>The queues this run handles and waits to be empty.</summary>
    public IReadOnlyList<string> Queues => ReparseOnly ? [QueueNames.ReparseRequests] : QueueNames.Work;
}

/// <summary>The result of <c>ingest run --once</c>.</summary>
internal sealed record RunResult(int ExitCode, OutcomeTally Tally, bool Drained);

/// <summary>
/// Runs the local host: discovery once at start (as the timer would), then the queue triggers. With
/// <see cref="RunSettings.Once"/> it waits until both queues are empty and nothing is being handled, prints a
/// summary and stops; otherwise it runs until Ctrl+C, with the timer discovering on <c>IngestSchedule</c>.
/// </summary>
internal static class LocalRun
{
    public static async Task<RunResult> RunAsync(IConfiguration configuration, RunSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        using var host = LocalHost.Build(configuration, settings.LogLevel, timer: !settings.Once && !settings.ReparseOnly, ingest: !settings.ReparseOnly);
        var tally = host.Services.GetRequiredService<OutcomeTally>();

        // The site profiles are read now, so a bad profile file stops the start naming its file and fields, instead
        // of failing every message later.
        host.Services.GetRequiredService<Ingest.Extraction.ArticleExtractor>();
        var queues = host.Services.GetRequiredService<QueueServiceClient>();
        await host.Services.GetRequiredService<IngestQueues>().EnsureCreatedAsync(cancellationToken);
        var poisonedBefore = await new PoisonQueues(queues).CountAllAsync(cancellationToken);

        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
        {
            // Start-up validation reports each options type on its own; one exception with every distinct problem
            // is what a user needs to see.
            var failures = ex.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures).Distinct(StringComparer.Ordinal).ToList();
            throw new OptionsValidationException("settings", typeof(object), failures);
        }

        // 'run' without --once logs as it goes and never ends: no progress line there.
        using var progress = settings.Once ? TerminalProgress.Start(settings.ReparseOnly ? "re-parsing" : "handling messages") : TerminalProgress.None();
        try
        {
            if (settings.Discover)
            {
                progress.Report(0, 0, "discovering");
                // Through the host, as the timer would call it, so it runs with the host's logging and bindings.
                var manualTick = new TimerInfo(new ConstantSchedule(TimeSpan.FromMinutes(30)), new ScheduleStatus());
                await host.Services.GetRequiredService<IJobHost>().CallAsync(
                    LocalTriggers.DiscoverArticlesName, new Dictionary<string, object> { ["timer"] = manualTick }, cancellationToken);
            }

            if (!settings.Once)
            {
                await output.WriteLineAsync($"Running. Discovery repeats on schedule '{configuration["IngestSchedule"]}' (UTC). Ctrl+C stops.");
                await host.WaitForShutdownAsync(cancellationToken);
                return new RunResult(0, tally, Drained: true);
            }

            var drained = await DrainAsync(queues, settings.Queues, tally, host.Services.GetRequiredService<WorkLeases>(), settings.DrainTimeout, progress, cancellationToken);
            progress.Dispose();
            var poisoned = await new PoisonQueues(queues).CountAllAsync(cancellationToken) - poisonedBefore;

            // The run is over: its counts are stored and it is judged for drift now, not only at the next discovery.
            var alarms = await host.Services.GetRequiredService<TriggerHandler>().JudgeRunsAsync(cancellationToken);
            await WriteSummaryAsync(output, tally, drained, poisoned, settings.DrainTimeout);
            await WriteAlarmsAsync(output, alarms);
            var exit = !drained ? 2 : tally["failed"] > 0 || poisoned > 0 ? 1 : 0;
            return new RunResult(exit, tally, drained);
        }
        finally
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await host.StopAsync(stopping.Token);
        }
    }

    /// <summary>Waits until the work queues are empty and no handler runs, seen twice in a row.</summary>
    private static async Task<bool> DrainAsync(QueueServiceClient queues, IReadOnlyList<string> names, OutcomeTally tally, WorkLeases leases, TimeSpan timeout, TerminalProgress progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var quietChecks = 0;
        TimeSpan? idleSince = null;
        TimeSpan? lastReport = null;
        while (clock.Elapsed < timeout)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            int waiting;
            try
            {
                waiting = 0;
                foreach (var name in names)
                {
                    var properties = await queues.GetQueueClient(name).GetPropertiesAsync(cancellationToken);
                    waiting += properties.Value.ApproximateMessagesCount;
                }
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or AggregateException)
            {
                // Storage is not answering (an outage, a restart): not drained; the host's own retries go on.
                quietChecks = 0;
                continue;
            }

            progress.Report(tally.Handled, tally.Handled + tally.InFlight + waiting, string.Create(CultureInfo.InvariantCulture, $"stored {tally["stored"] + tally["reparse-stored"]}, unchanged {tally["unchanged"] + tally["reparse-unchanged"]}, failed {tally["failed"]}"));
            quietChecks = waiting == 0 && tally.InFlight == 0 ? quietChecks + 1 : 0;
            if (quietChecks >= 2)
            {
                return true;
            }

            // Messages wait but none is visible to this host: after 10 s idle, and every 30 s, say what holds them.
            idleSince = waiting > 0 && tally.InFlight == 0 ? idleSince ?? clock.Elapsed : null;
            if (idleSince is { } idle && clock.Elapsed - idle > TimeSpan.FromSeconds(10) && (lastReport is null || clock.Elapsed - lastReport > TimeSpan.FromSeconds(30)))
            {
                lastReport = clock.Elapsed;
                await ReportLeasedAsync(queues, names, leases, clock.Elapsed, timeout, cancellationToken);
            }
        }

        return false;
    }

    // Nothing runs here but the queues are not empty: say what is waited for, instead of waiting silently. The sweep
    // also hands back at once the messages of a host that stopped (the heartbeat sweeps too, every 15 s).
    private static async Task ReportLeasedAsync(QueueServiceClient queues, IReadOnlyList<string> names, WorkLeases leases, TimeSpan elapsed, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            var sweep = await leases.SweepAsync(cancellationToken);
            var leased = 0;
            foreach (var name in names)
            {
                var queue = queues.GetQueueClient(name);
                var total = (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
                var visible = (await queue.PeekMessagesAsync(32, cancellationToken)).Value.Length;

                // A peek sees at most 32: with more visible, how many are leased cannot be told, and the host is busy anyway.
                leased += visible < 32 ? total - visible : 0;
            }

            if (leased == 0 && sweep.Released == 0)
            {
                return;
            }

            var left = string.Create(CultureInfo.InvariantCulture, $"{(timeout - elapsed).TotalSeconds:0} s left of --timeout");
            var holders = sweep.Held.Where(h => h.Value.Count > 0).Select(h => string.Create(CultureInfo.InvariantCulture, $"host {h.Key} ({h.Value.State}) holds {h.Value.Count}")).ToList();
            var unlisted = leased - sweep.Held.Values.Sum(h => h.Count);
            if (sweep.Released > 0)
            {
                holders.Add(string.Create(CultureInfo.InvariantCulture, $"{sweep.Released} of a stopped host were handed back just now"));
            }

            if (unlisted > 0)
            {
                holders.Add(string.Create(CultureInfo.InvariantCulture, $"{unlisted} listed by no running host (leased by a tool, or by a host that stopped before listing them): the queue gives them back when their lease ends, up to 10 minutes after it was taken"));
            }

            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"waiting for {leased} leased message(s): {string.Join("; ", holders)}; {left}"));
        }
        catch (Azure.RequestFailedException)
        {
            // Storage not answering: the next check says more.
        }
    }

    /// <summary>The same counters per source, and the fields its extracted articles lacked (the meter's numbers).</summary>
    private static async Task WriteSourcesAsync(TextWriter output, OutcomeTally tally)
    {
        if (tally.Sources.Count == 0)
        {
            return;
        }

        string[] counters = ["discovered", "fetched", "stored", "unchanged", "refused", "failed"];
        ArticleField[] fields = [ArticleField.Title, ArticleField.Authors, ArticleField.Published, ArticleField.Body];
        var width = Math.Max(16, tally.Sources.Max(s => s.Length) + 2);
        await output.WriteLineAsync();
        await output.WriteLineAsync("Per source".PadRight(width + 2) + string.Concat(counters.Select(c => c.PadLeft(11))) + "   missing: " + string.Join(' ', fields.Select(IngestMetrics.FieldName)));
        foreach (var source in tally.Sources)
        {
            var counts = string.Concat(counters.Select(c => tally.CountOf(source, c).ToString(CultureInfo.InvariantCulture).PadLeft(11)));
            var missing = string.Join(' ', fields.Select(f => tally.MissingOf(source, f).ToString(CultureInfo.InvariantCulture).PadLeft(IngestMetrics.FieldName(f).Length)));
            await output.WriteLineAsync("  " + source.PadRight(width) + counts + "            " + missing);
        }
    }

    private static async Task WriteAlarmsAsync(TextWriter output, IReadOnlyList<Ingest.Storage.DriftAlarm> alarms)
    {
        if (alarms.Count == 0)
        {
            return;
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("Drift alarms (a field fell 20 points or more below the source's 7-day level; see 'ingest status')");
        foreach (var alarm in alarms)
        {
            await output.WriteLineAsync($"  {alarm.Source}, run {alarm.Run}: {Ingest.Status.DriftWatch.Describe(alarm)}");
        }
    }

    private static async Task WriteSummaryAsync(TextWriter output, OutcomeTally tally, bool drained, int poisoned, TimeSpan timeout)
    {
        string Row(string label, string name) => string.Create(CultureInfo.InvariantCulture, $"  {label,-16}{tally[name],6}");
        await output.WriteLineAsync();
        await output.WriteLineAsync("Run summary");
        await output.WriteLineAsync(Row("discovered", "discovered"));
        await output.WriteLineAsync(Row("fetched", "fetched"));
        await output.WriteLineAsync(Row("stored", "stored"));
        await output.WriteLineAsync(Row("unchanged", "unchanged"));
        await output.WriteLineAsync(Row("  of which 304", "not-modified"));
        await output.WriteLineAsync(Row("gone", "gone"));
        await output.WriteLineAsync(Row("not an article", "not-an-article"));
        await output.WriteLineAsync(Row("refused", "refused"));
        await output.WriteLineAsync(Row("re-parsed", "reparse-stored"));
        await output.WriteLineAsync(Row("re-parse same", "reparse-unchanged"));
        await output.WriteLineAsync(Row("retried", "retried"));
        await output.WriteLineAsync(Row("failed", "failed"));
        await WriteSourcesAsync(output, tally);
        if (tally.Stored.Count > 0)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync("Stored (see one with: ingest show <article-id>)");
            foreach (var stored in tally.Stored)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {stored.ArticleId}  rev {stored.Revision}  {stored.Title}"));
            }
        }

        if (tally.FetchFailures.Count > 0)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync("Fetch failures by kind (final: the page's answer or its last attempt; retried: tried again later)");
            foreach (var kind in tally.FetchFailures.Keys.Select(k => k.Kind).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {kind,-22}final {tally.FetchFailures.GetValueOrDefault((kind, true)),5}   retried {tally.FetchFailures.GetValueOrDefault((kind, false)),5}"));
            }
        }

        if (tally.Notes.Count > 0)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync("Recorded outcomes");
            foreach (var note in tally.Notes)
            {
                await output.WriteLineAsync("  " + note);
            }
        }

        if (tally.Failures.Count > 0 || poisoned > 0)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Failures ({poisoned} message(s) moved to poison queues; inspect them with Storage Explorer or the queue API)"));
            foreach (var failure in tally.Failures)
            {
                await output.WriteLineAsync("  " + failure);
            }
        }

        if (!drained)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"The queues were not empty after {timeout.TotalSeconds:0} s; stopped waiting. Messages left are handled by the next run."));
        }
    }
}
