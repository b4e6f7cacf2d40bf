using System.Diagnostics;
using System.Globalization;
using System.Text;
using Ingest.Cli.Hosting;
using Ingest.Fetching;
using Ingest.Messages;
using Ingest.Pipeline;
using Ingest.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.Cli;

/// <summary>
/// <c>ingest bench --reparse N</c>: how a re-parse of everything scales with the archive. N articles are stored first
/// (the sample site's real pages, each copy its own URL, through the import path: raw page, extraction, record, index;
/// 8 at a time, no HTTP), then one forced re-parse of all of them runs through the local host's queue trigger in this
/// process, with its throughput and the process's peak working set while it runs. With <c>--hosts 1 2 4</c> the same
/// archive is instead re-parsed once per figure by that many <c>ingest run --once</c> processes on the one Azurite, as
/// Functions instances share one storage account; with <c>--on-disk</c> Azurite keeps its data in files instead of
/// its own memory.
/// </summary>
internal static class ScaleBench
{
    public static async Task<int> RunAsync(int count, IReadOnlyList<int> hosts, bool onDisk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var templates = await BenchCommand.SamplePagesAsync(cancellationToken);
        var folder = onDisk ? Directory.CreateTempSubdirectory("ingest-bench-azurite-").FullName : null;
        try
        {
            return await RunAsync(count, hosts, folder, templates, cancellationToken);
        }
        finally
        {
            if (folder is not null)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task<int> RunAsync(int count, IReadOnlyList<int> hosts, string? folder, List<string> templates, CancellationToken cancellationToken)
    {
        await using var azurite = await LocalAzurite.StartOnFreePortsAsync(location: folder, cancellationToken);
        var configuration = CliConfiguration.Build(overrides: new Dictionary<string, string?>
        {
            [StorageClients.ConnectionName] = azurite.ConnectionString,
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Ingest:Sources:0:Name"] = "bench",
            ["Ingest:Sources:0:Kind"] = "Listing",
            ["Ingest:Sources:0:Url"] = "https://bench.example/news/",
            ["Ingest:Sources:0:LinkSelector"] = "a",
            ["Ingest:Fetching:Contact"] = "local benchmark",
        });

        // 1. The archive: N articles stored as a fetch would store them.
        var clock = Stopwatch.StartNew();
        await using (var services = new ServiceCollection().AddLogging().AddIngest(configuration).BuildServiceProvider())
        {
            var ingestor = services.GetRequiredService<ArticleIngestor>();
            var source = services.GetRequiredService<IOptions<Sources.IngestOptions>>().Value.Sources[0];
            using var progress = TerminalProgress.Start("storing the archive");
            progress.Total(count);
            await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
            {
                var url = new Uri(string.Create(CultureInfo.InvariantCulture, $"https://bench.example/news/page-{i:D6}.html"));
                var html = templates[i % templates.Count].Replace("</body>", string.Create(CultureInfo.InvariantCulture, $"<!-- scale copy {i} --></body>"), StringComparison.OrdinalIgnoreCase);
                var page = new FetchResult { Status = FetchStatus.Fetched, RequestedUrl = url, HttpStatus = 200, Content = Encoding.UTF8.GetBytes(html), ContentType = "text/html; charset=utf-8", FetchedAt = TimeProvider.System.GetUtcNow() };
                await ingestor.ImportAsync(source, url, page, ct);
                progress.Step();
            });
        }

        var seeding = clock.Elapsed;
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"ingest bench --reparse: {count} articles, {Environment.ProcessorCount} cores, Azurite {(folder is null ? "in memory" : "on disk")}; stored in {seeding.TotalSeconds:0.0} s ({count / seeding.TotalSeconds:0.0} pages/s, 8 at a time, no HTTP)"));
        if (hosts.Count > 0)
        {
            var ok = true;
            foreach (var n in hosts)
            {
                ok &= await ReparseWithHostsAsync(azurite, configuration, count, n, cancellationToken);
            }

            return ok ? 0 : 1;
        }

        // 2. One forced re-parse of everything, through the queue trigger, with the working set sampled meanwhile.
        var runId = await StartRunAsync(configuration, cancellationToken);
        GC.Collect();
        var baseline = Environment.WorkingSet;
        var azuriteBefore = azurite.ProcessorTime;
        using var sampler = PeakSampler.Start(() => Environment.WorkingSet);
        clock.Restart();
        var reparse = await LocalRun.RunAsync(configuration, new RunSettings(Once: true, Discover: false, TimeSpan.FromHours(2), LogLevel.Error, ReparseOnly: true), TextWriter.Null, cancellationToken);
        var reparseTime = clock.Elapsed;
        var peak = await sampler.StopAsync();
        var reparsed = reparse.Tally["reparse-stored"] + reparse.Tally["reparse-unchanged"];
        var status = await new RunStore(StorageClients.CreateBlobClient(configuration)).GetStatusAsync(runId, cancellationToken);
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  re-parse of all {reparsed}: {reparseTime.TotalSeconds:0.0} s, {reparsed / reparseTime.TotalSeconds:0.0} pages/s; working set {baseline / 1048576} MB before, peak {peak / 1048576} MB during; Azurite CPU {(azurite.ProcessorTime - azuriteBefore).TotalSeconds:0.0} s, resident {azurite.WorkingSet / 1048576} MB at the end; run {(status?.Complete == true ? "complete" : "NOT complete")}"));
        return reparse.ExitCode == 0 && reparsed == count && status?.Complete == true ? 0 : 1;
    }

    private static async Task<string> StartRunAsync(Microsoft.Extensions.Configuration.IConfiguration configuration, CancellationToken cancellationToken)
    {
        var runId = RunStore.NewRunId(TimeProvider.System);
        var request = new ReparseRequest(All: true, Force: true, RunId: runId);
        await new RunStore(StorageClients.CreateBlobClient(configuration)).StartAsync(runId, request, TimeProvider.System.GetUtcNow(), cancellationToken);
        await new IngestQueues(StorageClients.CreateQueueClient(configuration)).SendAsync(request, cancellationToken);
        return runId;
    }

    // One forced re-parse of the archive by n 'ingest run --once' processes on this Azurite, started together; timed
    // from their start to the last one's exit (each builds its host first, about a second).
    private static async Task<bool> ReparseWithHostsAsync(LocalAzurite azurite, Microsoft.Extensions.Configuration.IConfiguration configuration, int count, int n, CancellationToken cancellationToken)
    {
        var runId = await StartRunAsync(configuration, cancellationToken);
        var azuriteBefore = azurite.ProcessorTime;
        var clock = Stopwatch.StartNew();
        var children = Enumerable.Range(0, n).Select(_ => HostChild.Start(azurite.ConnectionString)).ToList();
        try
        {
            using var sampler = PeakSampler.Start(() => children.Sum(c => c.Sample()));
            await Task.WhenAll(children.Select(c => c.WaitAsync(cancellationToken)));
            var wall = clock.Elapsed;
            var peak = await sampler.StopAsync();
            var status = await new RunStore(StorageClients.CreateBlobClient(configuration)).GetStatusAsync(runId, cancellationToken);
            var done = status?.Done ?? 0;
            var cpu = children.Sum(c => c.ProcessorTime.TotalSeconds);
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {n} host(s): re-parse of all {done}: {wall.TotalSeconds:0.0} s, {done / wall.TotalSeconds:0.0} pages/s; hosts' CPU {cpu:0.0} s, Azurite CPU {(azurite.ProcessorTime - azuriteBefore).TotalSeconds:0.0} s; hosts' working sets together peak {peak / 1048576} MB; exit codes {string.Join(",", children.Select(c => c.ExitCode))}; run {(status?.Complete == true ? "complete" : "NOT complete")}"));
            foreach (var failed in children.Where(c => c.ExitCode != 0))
            {
                await Console.Error.WriteLineAsync($"ingest bench: a host exited with {failed.ExitCode}; its last output:{Environment.NewLine}{failed.Tail()}");
            }

            return status?.Complete == true && done == count && children.All(c => c.ExitCode == 0);
        }
        finally
        {
            foreach (var child in children)
            {
                child.Dispose();
            }
        }
    }
}
