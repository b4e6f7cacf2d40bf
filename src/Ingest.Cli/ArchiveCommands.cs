using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Ingest.Cli.Hosting;
using Ingest.Fetching;
using Ingest.Messages;
using Ingest.Pipeline;
using Ingest.Records;
using Ingest.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Ingest.Cli;

/// <summary>The operator's commands on the archive: re-parse runs, poison queues, listing and export.</summary>
internal static class ArchiveCommands
{
    public static IEnumerable<Command> Build(Func<Func<Task<int>>, Task<int>> guard)
    {
        yield return ReparseCommand(guard);
        yield return ReparseStatusCommand(guard);
        yield return PoisonCommands.Build(guard);
        yield return ListCommand(guard);
        yield return ExportCommand(guard);
    }

    private static Command ReparseCommand(Func<Func<Task<int>>, Task<int>> guard)
    {
        var article = new Option<string?>("--article") { Description = "One article id." };
        var site = new Option<string?>("--site") { Description = "Every article of a site key, e.g. scmp.com." };
        var since = DateOption("--since", "First day (UTC, inclusive) of the articles' date: published, else first fetched.");
        var until = DateOption("--until", "Last day (UTC, inclusive); default today.");
        var all = new Option<bool>("--all") { Description = "Every stored article." };
        var force = new Option<bool>("--force") { Description = "Parse again even where the current parser version already did; a result that changes nothing still writes no revision." };
        var wait = new Option<bool>("--wait") { Description = "Wait until the run is complete: with a host running ('ingest run' or the Functions app), showing its progress; with none, handling the run here." };
        var timeout = new Option<int>("--timeout") { Description = "With --wait: give up after this many seconds.", DefaultValueFactory = _ => 3600 };
        var command = new Command("reparse", "Start a re-parse run by queue message: the current parser over stored raw pages, no fetching.") { article, site, since, until, all, force, wait, timeout };
        command.SetAction((parse, ct) => guard(async () =>
        {
            var request = new ReparseRequest(parse.GetValue(article), parse.GetValue(force), parse.GetValue(site), parse.GetValue(since), parse.GetValue(until), parse.GetValue(all));
            if (MessageReader.ProblemOf(request) is { } problem)
            {
                await Console.Error.WriteLineAsync($"ingest: {problem.Replace("'articleId'", "--article", StringComparison.Ordinal).Replace("'all'", "--all", StringComparison.Ordinal)}");
                return 2;
            }

            var configuration = CliConfiguration.Build();
            await using var azurite = await StorageEnvironment.EnsureAsync(configuration, Console.Error, ct);
            var (runs, runId) = await StartRunAsync(configuration, request, ct);
            if (!parse.GetValue(wait))
            {
                return 0;
            }

            var limit = TimeSpan.FromSeconds(parse.GetValue(timeout));
            if ((await RunningHostsAsync(configuration, ct)).Count == 0)
            {
                // Nobody would handle it: this command runs the local host until the queues are drained.
                // It handles the re-parse queue only and fetches nothing, so it needs no contact address for site owners.
                await Console.Error.WriteLineAsync("No host is running: handling the run here (the local host, re-parse queue only, until it is empty).");
                var local = CliConfiguration.WithoutFetching(configuration);
                var result = await LocalRun.RunAsync(local, new RunSettings(Once: true, Discover: false, limit, LogLevel.Warning, ReparseOnly: true), Console.Out, ct);
                var status = await runs.GetStatusAsync(runId, ct);
                await Console.Out.WriteLineAsync($"run {runId}: {(status is null ? "unknown" : Progress(status))}");
                return status?.Complete == true ? (status.Outcomes.GetValueOrDefault("failed") > 0 ? 1 : 0) : result.ExitCode is 0 ? 2 : result.ExitCode;
            }

            return await WaitAsync(configuration, runs, runId, limit, ct);
        }));
        return command;
    }

    /// <summary>
    /// Starts a re-parse run: records the request, marks a one-article run as listed, and sends the message. The one
    /// way the command line starts a re-parse ('reparse' and 'enqueue-reparse').
    /// </summary>
    public static async Task<(RunStore Runs, string RunId)> StartRunAsync(IConfiguration configuration, ReparseRequest request, CancellationToken cancellationToken)
    {
        var blobs = StorageClients.CreateBlobClient(configuration);
        if (request.ArticleId is not null && await new ArticleStore(blobs).GetCurrentAsync(ArticleId.Parse(request.ArticleId), cancellationToken) is null)
        {
            // It would go straight to the poison queue: nothing is stored to re-parse.
            throw new RefusedException($"article '{request.ArticleId}' has no stored record to re-parse ('ingest list' shows what is stored).");
        }

        var runs = new RunStore(blobs);
        var runId = RunStore.NewRunId(TimeProvider.System);
        request = request with { RunId = runId };
        await runs.StartAsync(runId, request, TimeProvider.System.GetUtcNow(), cancellationToken);
        if (request.ArticleId is not null)
        {
            // A one-article run is listed as soon as it is sent.
            await runs.QueuedAsync(runId, [ArticleId.Parse(request.ArticleId)], cancellationToken);
            await runs.ListedAsync(runId, cancellationToken);
        }

        await new IngestQueues(StorageClients.CreateQueueClient(configuration)).SendAsync(request, cancellationToken);
        await Console.Out.WriteLineAsync($"Run {runId} queued on '{QueueNames.ReparseRequests}'. Progress: ingest reparse-status {runId}");
        return (runs, runId);
    }

    private static async Task<int> WaitAsync(IConfiguration configuration, RunStore runs, string runId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetUtcNow();
        var lastChange = started;
        var last = "";
        using var progress = TerminalProgress.Start("re-parse run");
        while (TimeProvider.System.GetUtcNow() - started < timeout)
        {
            var status = await runs.GetStatusAsync(runId, cancellationToken);
            var line = status is null ? "unknown" : Progress(status);
            if (status is not null)
            {
                progress.Report(status.Done, status.Listed ? status.Queued : 0);
            }

            if (line != last)
            {
                if (!TerminalProgress.Enabled || status?.Complete == true)
                {
                    await Console.Out.WriteLineAsync($"{TimeProvider.System.GetUtcNow():HH:mm:ss} {line}");
                }

                (last, lastChange) = (line, TimeProvider.System.GetUtcNow());
            }

            if (status?.Complete == true)
            {
                return status.Outcomes.GetValueOrDefault("failed") > 0 ? 1 : 0;
            }

            // Silence for a minute (or half a shorter --timeout) is worth a word on what the run waits for.
            var quiet = TimeSpan.FromSeconds(Math.Min(60, timeout.TotalSeconds / 2));
            if (TimeProvider.System.GetUtcNow() - lastChange > quiet)
            {
                await Console.Error.WriteLineAsync($"No progress for {quiet.TotalSeconds:0} s: " + await WhatHandlesAsync(configuration, cancellationToken) + string.Create(CultureInfo.InvariantCulture, $" Still waiting, up to --timeout ({(timeout - (TimeProvider.System.GetUtcNow() - started)).TotalSeconds:0} s left)."));
                lastChange = TimeProvider.System.GetUtcNow();
            }

            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }

        await Console.Error.WriteLineAsync($"ingest: run {runId} not complete after {timeout.TotalSeconds:0} s; it goes on. ingest reparse-status {runId}");
        return 2;
    }

    // The hosts whose beat is fresh: they handle the queues.
    private static async Task<IReadOnlyList<HostBeat>> RunningHostsAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        var now = TimeProvider.System.GetUtcNow();
        return [.. (await new WorkClaims(StorageClients.CreateBlobClient(configuration)).ListBeatsAsync(cancellationToken))
            .Select(b => b.Beat)
            .Where(b => now - b.LastBeat < new LivenessOptions().StaleAfter)];
    }

    // What a waiting re-parse waits for: its queue, and the hosts that beat (a host handles the queue; none, nothing moves).
    private static async Task<string> WhatHandlesAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        var queued = (await StorageClients.CreateQueueClient(configuration).GetQueueClient(QueueNames.ReparseRequests).GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
        var now = TimeProvider.System.GetUtcNow();
        var running = (await RunningHostsAsync(configuration, cancellationToken))
            .Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.HostId} (last beat {Math.Max(0, (now - b.LastBeat).TotalSeconds):0} s ago, {b.InHand?.Count ?? 0} message(s) in hand)"))
            .ToList();
        var hosts = running.Count == 0
            ? "no host is running: start one ('ingest run', or the Functions app) to handle them."
            : "hosts running: " + string.Join(", ", running) + ".";
        return string.Create(CultureInfo.InvariantCulture, $"{queued} message(s) on {QueueNames.ReparseRequests}; {hosts}");
    }

    private static Command ReparseStatusCommand(Func<Func<Task<int>>, Task<int>> guard)
    {
        var runId = new Argument<string>("run-id") { Description = "The id printed by 'ingest reparse'." };
        var command = new Command("reparse-status", "Show a re-parse run's progress: queued, re-parsed, changed, unchanged, failed.") { runId };
        command.SetAction((parse, ct) => guard(async () =>
        {
            var configuration = CliConfiguration.Build();
            await using var azurite = await StorageEnvironment.EnsureAsync(configuration, Console.Error, ct);
            var status = await new RunStore(StorageClients.CreateBlobClient(configuration)).GetStatusAsync(parse.GetValue(runId)!, ct);
            if (status is null)
            {
                await Console.Error.WriteLineAsync($"ingest: no run '{parse.GetValue(runId)}'.");
                return 1;
            }

            await Console.Out.WriteLineAsync($"run {status.RunId}{(status.StartedAt is { } at ? $", started {at:u}" : "")}");
            if (status.Request is not null)
            {
                await Console.Out.WriteLineAsync($"request {status.Request}");
            }

            await Console.Out.WriteLineAsync(Progress(status));
            return 0;
        }));
        return command;
    }

    private static string Progress(RunStatus status)
    {
        var outcomes = string.Join(", ", status.Outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} {o.Value}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"{(status.Complete ? "complete" : status.Listed ? "running" : "listing")}: queued {status.Queued}, re-parsed {status.Done}{(outcomes.Length > 0 ? $" ({outcomes})" : "")}");
    }

    private static Command ListCommand(Func<Func<Task<int>>, Task<int>> guard)
    {
        var site = new Option<string?>("--site") { Description = "A site key, e.g. scmp.com; default every site." };
        var since = DateOption("--since", "First day (UTC, inclusive).");
        var until = DateOption("--until", "Last day (UTC, inclusive).");
        var idsOnly = new Option<bool>("--ids-only") { Description = "Only the day and id of each article (no read of its record)." };
        var command = new Command("list", "List stored articles by site and day, through the index (no scan of every blob): day, id, source, published, revisions, title.") { site, since, until, idsOnly };
        command.SetAction((parse, ct) => guard(async () =>
        {
            var configuration = CliConfiguration.Build();
            await using var azurite = await StorageEnvironment.EnsureAsync(configuration, Console.Error, ct);
            var store = new ArticleStore(StorageClients.CreateBlobClient(configuration));
            var reader = new ArchiveReader(store, TimeProvider.System);
            var count = 0;
            var brief = parse.GetValue(idsOnly);
            await foreach (var (id, day) in reader.ListAsync(parse.GetValue(site), parse.GetValue(since), parse.GetValue(until), ct))
            {
                // One read per article for its source, date, title and revision count; --ids-only skips it.
                var current = brief ? null : (await store.GetCurrentAsync(id, ct))?.Record;
                await Console.Out.WriteLineAsync(current is null
                    ? string.Create(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd}  {id}")
                    : string.Create(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd}  {id}  {current.Source}  {(current.Article.Published is { } published ? published.ToString("yyyy-MM-dd HH:mmzzz", CultureInfo.InvariantCulture) : "-")}  rev {current.Provenance.Revision}  {current.Article.Title}"));
                count++;
            }

            await Console.Error.WriteLineAsync($"{count} article(s).");
            return 0;
        }));
        return command;
    }

    private static Command ExportCommand(Func<Func<Task<int>>, Task<int>> guard)
    {
        var site = new Option<string?>("--site") { Description = "A site key; default every site." };
        var since = DateOption("--since", "First day (UTC, inclusive).");
        var until = DateOption("--until", "Last day (UTC, inclusive).");
        var output = new Option<FileInfo?>("--out") { Description = "The NDJSON file to write (one current record per line)." };
        var warc = new Option<FileInfo?>("--warc") { Description = "Write the stored raw pages instead, as a WARC 1.1 file (gzip per record), for web-archive tools." };
        var command = new Command("export", "Stream current records to an NDJSON file (--out), or the stored raw pages to a WARC file (--warc).") { site, since, until, output, warc };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(output) is null) == (result.GetValue(warc) is null))
            {
                result.AddError("export needs one of --out FILE.ndjson or --warc FILE.warc.gz.");
            }
        });
        command.SetAction((parse, ct) => guard(async () =>
        {
            var configuration = CliConfiguration.Build();
            await using var azurite = await StorageEnvironment.EnsureAsync(configuration, Console.Error, ct);
            var store = new ArticleStore(StorageClients.CreateBlobClient(configuration));
            var reader = new ArchiveReader(store, TimeProvider.System);
            var file = (parse.GetValue(output) ?? parse.GetValue(warc))!;
            var partial = file.FullName + ".partial";
            var count = 0;
            using (var progress = TerminalProgress.Start(parse.GetValue(warc) is null ? "exporting records" : "exporting raw pages"))
            {
                if (parse.GetValue(warc) is not null)
                {
                    await using var stream = File.Create(partial);
                    var exporter = new WarcExporter(reader, new SnapshotStore(StorageClients.CreateBlobClient(configuration)), TimeProvider.System);
                    count = await exporter.ExportAsync(stream, file.Name, parse.GetValue(site), parse.GetValue(since), parse.GetValue(until), progress.Step, ct);
                }
                else
                {
                    var options = new JsonSerializerOptions(RecordJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
                    await using var writer = new StreamWriter(partial, append: false, new System.Text.UTF8Encoding(false));
                    await foreach (var record in reader.ReadAsync(parse.GetValue(site), parse.GetValue(since), parse.GetValue(until), ct))
                    {
                        await writer.WriteLineAsync(JsonSerializer.Serialize(record, options.GetTypeInfo(typeof(ArticleRecord))));
                        progress.Step();
                        count++;
                    }
                }
            }

            // Written aside and moved at the end: an interrupted export leaves no half file under the real name.
            File.Move(partial, file.FullName, overwrite: true);
            await Console.Error.WriteLineAsync($"{count} {(parse.GetValue(warc) is null ? "record(s)" : "raw page(s) as WARC response records")} written to {file.FullName}.");
            return 0;
        }));
        return command;
    }

    private static Option<DateOnly?> DateOption(string name, string description) => new(name)
    {
        Description = description + " Format yyyy-MM-dd.",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return day;
            }

            result.AddError($"{name} must be a day as yyyy-MM-dd, got '{text}'.");
            return null;
        },
    };
}
