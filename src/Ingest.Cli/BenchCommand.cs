using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using Ingest.Cli.Hosting;
using Ingest.Cli.SampleSite;
using Ingest.Extraction;
using Ingest.Fetching;
using Ingest.Messages;
using Ingest.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ingest.Cli;

/// <summary>
/// <c>ingest bench</c>: ingests N pages from a loopback site built from the sample site's real pages, re-parses them
/// all, and times the parts on the same pages in the same run, so the figures say where the time goes.
/// Everything runs on this machine: an in-memory Azurite on free ports, a loopback site, the real host.
/// </summary>
internal static class BenchCommand
{
    public static Command Build(Func<Func<Task<int>>, Task<int>> guard)
    {
        var pages = new Option<int>("--pages") { Description = "How many pages to ingest and re-parse.", DefaultValueFactory = _ => 300 };
        var scale = new Option<int?>("--reparse") { Description = "Instead: store N articles, then time one forced re-parse of all of them (throughput and peak memory as the archive grows)." };
        var hosts = new Option<int[]>("--hosts") { Description = "With --reparse: re-parse the archive once per number given (e.g. --hosts 1 2 4) by that many 'ingest run --once' processes on the one Azurite.", AllowMultipleArgumentsPerToken = true };
        var onDisk = new Option<bool>("--on-disk") { Description = "With --reparse: Azurite keeps its data in files (a temporary folder) instead of its own memory." };
        var command = new Command("bench", "Measure ingestion and re-parse throughput end to end on this machine (Azurite and a site on loopback), next to extraction alone and fetching alone.") { pages, scale, hosts, onDisk };
        command.SetAction((parse, ct) => guard(async () =>
        {
            if (parse.GetValue(scale) is { } archive)
            {
                if (archive is < 1 or > 200_000)
                {
                    await Console.Error.WriteLineAsync("ingest: --reparse must be between 1 and 200000.");
                    return 2;
                }

                var hostCounts = parse.GetValue(hosts) ?? [];
                if (hostCounts.Any(n => n is < 1 or > 16))
                {
                    await Console.Error.WriteLineAsync("ingest: --hosts takes numbers of hosts from 1 to 16.");
                    return 2;
                }

                return await ScaleBench.RunAsync(archive, hostCounts, parse.GetValue(onDisk), ct);
            }

            if (parse.GetValue(hosts) is { Length: > 0 } || parse.GetValue(onDisk))
            {
                await Console.Error.WriteLineAsync("ingest: --hosts and --on-disk go with --reparse N.");
                return 2;
            }

            var count = parse.GetValue(pages);
            if (count is < 1 or > 100_000)
            {
                await Console.Error.WriteLineAsync("ingest: --pages must be between 1 and 100000.");
                return 2;
            }

            var root = Directory.CreateTempSubdirectory("ingest-bench-site-").FullName;
            try
            {
                var files = await WriteSiteAsync(root, count, ct);
                await using var site = (await SampleSiteServer.TryStartAsync(root, 0, ct))!;
                await using var azurite = await LocalAzurite.StartOnFreePortsAsync(location: null, ct);
                var configuration = CliConfiguration.Build(overrides: new Dictionary<string, string?>
                {
                    [StorageClients.ConnectionName] = azurite.ConnectionString,
                    ["AzureWebJobsStorage"] = azurite.ConnectionString,
                    ["Ingest:Sources:0:Name"] = "bench",
                    ["Ingest:Sources:0:Kind"] = "Listing",
                    ["Ingest:Sources:0:Url"] = new Uri(site.BaseUrl, "columns/").AbsoluteUri,
                    ["Ingest:Sources:0:LinkSelector"] = "main a.headline",
                    ["Ingest:Sources:0:MaxItems"] = count.ToString(CultureInfo.InvariantCulture),
                    ["Ingest:Fetching:AllowedLoopbackPorts:0"] = site.BaseUrl.Port.ToString(CultureInfo.InvariantCulture),
                    ["Ingest:Fetching:MinDelayPerHostMilliseconds"] = "0",
                    ["Ingest:Fetching:Contact"] = "local benchmark",
                });
                var quiet = new RunSettings(Once: true, Discover: true, DrainTimeout: TimeSpan.FromHours(1), LogLevel.Error);

                // 1. Extraction alone, one thread, the same bytes the pipeline will see.
                var extractor = new ArticleExtractor();
                var contents = files.Select(f => (Bytes: File.ReadAllBytes(f.Path), Url: new Uri(site.BaseUrl, f.Relative))).ToList();
                foreach (var (bytes, url) in contents.Take(20))
                {
                    // Warm-up: the pipeline's long-running hosts parse with a jitted extractor, so the figure should too.
                    extractor.Extract(new PageInput(bytes, url, "text/html; charset=utf-8"));
                }

                var clock = Stopwatch.StartNew();
                foreach (var (bytes, url) in contents)
                {
                    extractor.Extract(new PageInput(bytes, url, "text/html; charset=utf-8"));
                }

                var extractOnly = clock.Elapsed;

                // 1a. The same once the JIT is done with the extractor (tiered compilation reaches its final code only
                // after many calls; a long-running host parses with that code, a 300-page run mostly does not).
                for (var pass = 0; pass < 3; pass++)
                {
                    foreach (var (bytes, url) in contents)
                    {
                        extractor.Extract(new PageInput(bytes, url, "text/html; charset=utf-8"));
                    }
                }

                clock.Restart();
                foreach (var (bytes, url) in contents)
                {
                    extractor.Extract(new PageInput(bytes, url, "text/html; charset=utf-8"));
                }

                var extractSteady = clock.Elapsed;

                // 1b. The pipeline's own work around extraction, without storage: hash and gzip of the raw page, the
                // record built and serialised as it is stored (twice: revision and current), the content hash.
                var source = new Sources.SourceOptions { Name = "bench", Url = site.BaseUrl.AbsoluteUri };
                var articles = contents.Select(c => (c.Bytes, c.Url, Article: extractor.Extract(new PageInput(c.Bytes, c.Url, "text/html; charset=utf-8")).Article)).Where(a => a.Article is not null).ToList();
                clock.Restart();
                foreach (var (bytes, url, article) in articles)
                {
                    using var gzipped = new MemoryStream();
                    await using (var gzip = new GZipStream(gzipped, CompressionLevel.Optimal, leaveOpen: true))
                    {
                        await gzip.WriteAsync(bytes, ct);
                    }

                    var fetched = new FetchResult { Status = FetchStatus.Fetched, RequestedUrl = url, Content = bytes, FetchedAt = TimeProvider.System.GetUtcNow() };
                    var record = Pipeline.ArticleIngestor.Preview(source, url, fetched, article!);
                    for (var copy = 0; copy < 2; copy++)
                    {
                        _ = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(record, Records.RecordJsonContext.Default.ArticleRecord);
                    }
                }

                var ownWork = articles.Count == 0 ? TimeSpan.Zero : clock.Elapsed;

                // 2. Fetching alone, through the real fetch rules, one at a time as the host gate does per host.
                await using (var services = new ServiceCollection().AddLogging().AddIngest(configuration).BuildServiceProvider())
                {
                    var fetcher = services.GetRequiredService<PageFetcher>();
                    clock.Restart();
                    foreach (var (_, url) in contents)
                    {
                        await fetcher.FetchAsync(url, ct);
                    }
                }

                var fetchOnly = clock.Elapsed;

                // 3. The pipeline: discovery, queue, fetch, raw page and record in storage, through the WebJobs host.
                using var calls = StorageCallCounter.Start(azurite);
                var callsBefore = calls.Snapshot();
                var cpuBefore = CpuSample.Take(azurite);
                clock.Restart();
                var ingest = await LocalRun.RunAsync(configuration, quiet, TextWriter.Null, ct);
                var ingestTime = clock.Elapsed;
                var ingestCpu = CpuSample.Take(azurite) - cpuBefore;
                var ingestCalls = calls.Snapshot();

                // 4. Re-parse of everything by queue message, forced, from the stored raw pages.
                var runId = RunStore.NewRunId(TimeProvider.System);
                var request = new ReparseRequest(All: true, Force: true, RunId: runId);
                await new RunStore(StorageClients.CreateBlobClient(configuration)).StartAsync(runId, request, TimeProvider.System.GetUtcNow(), ct);
                await new IngestQueues(StorageClients.CreateQueueClient(configuration)).SendAsync(request, ct);
                cpuBefore = CpuSample.Take(azurite);
                clock.Restart();
                var reparse = await LocalRun.RunAsync(configuration, quiet with { Discover = false }, TextWriter.Null, ct);
                var reparseTime = clock.Elapsed;
                var reparseCpu = CpuSample.Take(azurite) - cpuBefore;
                var reparseCalls = calls.Snapshot();

                string Rate(int n, TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{n / t.TotalSeconds,8:0.0} pages/s  {t.TotalMilliseconds / n,7:0.00} ms/page");
                var stored = ingest.Tally["stored"];
                var reparsed = reparse.Tally["reparse-stored"] + reparse.Tally["reparse-unchanged"];
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"ingest bench: {count} pages, {Environment.ProcessorCount} cores, {contents.Sum(c => c.Bytes.Length) / count / 1024} KiB per page on average"));
                await Console.Out.WriteLineAsync($"  extraction only (1 thread)       {Rate(count, extractOnly)}   after 20 pages of warm-up");
                await Console.Out.WriteLineAsync($"  extraction only, steady          {Rate(count, extractSteady)}   after 3 more passes (the JIT's final code)");
                await Console.Out.WriteLineAsync($"  fetch only (loopback, 1 at once) {Rate(count, fetchOnly)}");
                await Console.Out.WriteLineAsync($"  own work: hash+gzip+record JSON  {Rate(Math.Max(articles.Count, 1), ownWork)}");
                await Console.Out.WriteLineAsync($"  ingest end to end ({stored} stored)  {Rate(Math.Max(stored, 1), ingestTime)}   extraction inside: {ingest.Tally.ExtractionTime.TotalMilliseconds / Math.Max(stored, 1):0.00} ms/page");
                await Console.Out.WriteLineAsync($"  re-parse end to end ({reparsed})     {Rate(Math.Max(reparsed, 1), reparseTime)}   extraction inside: {reparse.Tally.ExtractionTime.TotalMilliseconds / Math.Max(reparsed, 1):0.00} ms/page");
                await Console.Out.WriteLineAsync($"  ratio to extraction only          ingest {ingestTime / Math.Max(stored, 1) / (extractOnly / count):0.00}x   re-parse {reparseTime / Math.Max(reparsed, 1) / (extractOnly / count):0.00}x   (to steady extraction: {ingestTime / Math.Max(stored, 1) / (extractSteady / count):0.00}x, {reparseTime / Math.Max(reparsed, 1) / (extractSteady / count):0.00}x)");
                await Console.Out.WriteLineAsync($"  storage calls per page: ingest {StorageCallCounter.PerPage(callsBefore, ingestCalls, stored)}");
                await Console.Out.WriteLineAsync($"                          re-parse {StorageCallCounter.PerPage(ingestCalls, reparseCalls, reparsed)}");
                await Console.Out.WriteLineAsync(ingestCpu.Describe("ingest", ingestTime, ingest.Tally.ExtractionTime));
                await Console.Out.WriteLineAsync(reparseCpu.Describe("re-parse", reparseTime, reparse.Tally.ExtractionTime));
                return ingest.ExitCode == 0 && reparse.ExitCode == 0 && stored == count && reparsed == count ? 0 : 1;
            }
            finally
            {
                Directory.Delete(root, recursive: true);
            }
        }));
        return command;
    }

    /// <summary>N pages cycled from the sample site's real pages, each made unique, and a listing that links them.</summary>
    private static async Task<List<(string Path, string Relative)>> WriteSiteAsync(string root, int count, CancellationToken cancellationToken)
    {
        var sources = await SamplePagesAsync(cancellationToken);

        Directory.CreateDirectory(Path.Combine(root, "news"));
        Directory.CreateDirectory(Path.Combine(root, "columns"));
        var links = new System.Text.StringBuilder();
        var written = new List<(string, string)>();
        for (var i = 0; i < count; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"page-{i:D6}.html");
            var html = sources[i % sources.Count].Replace("</body>", string.Create(CultureInfo.InvariantCulture, $"<!-- bench copy {i} --></body>"), StringComparison.OrdinalIgnoreCase);
            var path = Path.Combine(root, "news", name);
            await File.WriteAllTextAsync(path, html, cancellationToken);
            links.Append(CultureInfo.InvariantCulture, $"<li><a class=\"headline\" href=\"/news/{name}\">{i}</a></li>");
            written.Add((path, "news/" + name));
        }

        await File.WriteAllTextAsync(Path.Combine(root, "columns", "index.html"), $"<html><body><main><ul>{links}</ul></main></body></html>", cancellationToken);
        return written;
    }

    /// <summary>The sample site's real article pages (the saved SCMP page, the asiae column, three benchmark pages), as text.</summary>
    internal static async Task<List<string>> SamplePagesAsync(CancellationToken cancellationToken)
    {
        var sample = SampleSiteServer.DefaultRoot;
        var pages = new List<string>();
        foreach (var file in Directory.EnumerateFiles(sample, "*.html*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(sample, file);
            if (relative.StartsWith("news", StringComparison.Ordinal) || relative.StartsWith("scmp", StringComparison.Ordinal) || relative.StartsWith("asiae", StringComparison.Ordinal))
            {
                pages.Add(file.EndsWith(".gz", StringComparison.Ordinal) ? await GunzipAsync(file, cancellationToken) : await File.ReadAllTextAsync(file, cancellationToken));
            }
        }

        return pages;
    }

    private static async Task<string> GunzipAsync(string file, CancellationToken cancellationToken)
    {
        await using var input = File.OpenRead(file);
        await using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    /// <summary>CPU used so far by this process (with its GC pauses and JIT time) and by Azurite.</summary>
    private readonly record struct CpuSample(TimeSpan Process, TimeSpan Azurite, TimeSpan GcPauses, TimeSpan Jit)
    {
        public static CpuSample Take(LocalAzurite azurite)
        {
            using var self = System.Diagnostics.Process.GetCurrentProcess();
            return new CpuSample(self.TotalProcessorTime, azurite.ProcessorTime, GC.GetTotalPauseDuration(), System.Runtime.JitInfo.GetCompilationTime());
        }

        public static CpuSample operator -(CpuSample a, CpuSample b) => new(a.Process - b.Process, a.Azurite - b.Azurite, a.GcPauses - b.GcPauses, a.Jit - b.Jit);

        // Where the machine's time went in one phase: Azurite, and this process split into extraction, GC pauses, JIT
        // and the rest (pipeline, storage client, WebJobs host, the loopback site); what no one used is idle.
        public string Describe(string phase, TimeSpan wall, TimeSpan extraction)
        {
            var available = wall * Environment.ProcessorCount;
            var rest = Process - extraction - Jit;
            var idle = available - Process - Azurite;
            string S(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.0} s ({t / available * 100:0}%)");
            return string.Create(CultureInfo.InvariantCulture,
                $"  CPU in {phase}: {available.TotalSeconds:0.0} s available ({Environment.ProcessorCount} cores x {wall.TotalSeconds:0.0} s): Azurite {S(Azurite)}; this process {S(Process)}: extraction {S(extraction)}, JIT {S(Jit)}, the rest {S(rest)} (GC pauses {GcPauses.TotalSeconds:0.00} s of wall time); idle {S(idle)}");
        }
    }
}
