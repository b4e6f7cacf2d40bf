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
/// process, with its throughput and the process's peak working set while it runs.
/// </summary>
internal static class ScaleBench
{
    public static async Task<int> RunAsync(int count, CancellationToken cancellationToken)
    {
        var templates = await BenchCommand.SamplePagesAsync(cancellationToken);
        await using var azurite = await LocalAzurite.StartAsync(LocalAzurite.FreePort(), LocalAzurite.FreePort(), LocalAzurite.FreePort(), location: null, cancellationToken);
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

        // 2. One forced re-parse of everything, through the queue trigger, with the working set sampled meanwhile.
        var runId = RunStore.NewRunId(TimeProvider.System);
        var request = new ReparseRequest(All: true, Force: true, RunId: runId);
        await new RunStore(StorageClients.CreateBlobClient(configuration)).StartAsync(runId, request, TimeProvider.System.GetUtcNow(), cancellationToken);
        await new IngestQueues(StorageClients.CreateQueueClient(configuration)).SendAsync(request, cancellationToken);
        GC.Collect();
        var baseline = Environment.WorkingSet;
        long peak = baseline;
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, Environment.WorkingSet);
                await Task.Delay(100, CancellationToken.None);
            }
        }, CancellationToken.None);
        clock.Restart();
        var reparse = await LocalRun.RunAsync(configuration, new RunSettings(Once: true, Discover: false, TimeSpan.FromHours(2), LogLevel.Error, ReparseOnly: true), TextWriter.Null, cancellationToken);
        var reparseTime = clock.Elapsed;
        await sampling.CancelAsync();
        await sampler;
        var reparsed = reparse.Tally["reparse-stored"] + reparse.Tally["reparse-unchanged"];
        var status = await new RunStore(StorageClients.CreateBlobClient(configuration)).GetStatusAsync(runId, cancellationToken);
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"ingest bench --reparse: {count} articles, {Environment.ProcessorCount} cores; stored in {seeding.TotalSeconds:0.0} s ({count / seeding.TotalSeconds:0.0} pages/s, 8 at a time, no HTTP)"));
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  re-parse of all {reparsed}: {reparseTime.TotalSeconds:0.0} s, {reparsed / reparseTime.TotalSeconds:0.0} pages/s; working set {baseline / 1048576} MB before, peak {peak / 1048576} MB during; run {(status?.Complete == true ? "complete" : "NOT complete")}"));
        return reparse.ExitCode == 0 && reparsed == count && status?.Complete == true ? 0 : 1;
    }
}
