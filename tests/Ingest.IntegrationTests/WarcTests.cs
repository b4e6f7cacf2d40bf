using System.Globalization;
using System.Text.Json;
using Ingest.Cli.SampleSite;
using Ingest.Records;
using Ingest.Storage;
using Ingest.Warc;

namespace Ingest.IntegrationTests;

/// <summary>
/// Backfill from web archives and the archive out as WARC, with real tools on both sides: Debian's wget writes the
/// WARC of a loopback site of real pages, 'ingest import' reads it, 'ingest export --warc' writes the raw pages back
/// out, and Webrecorder's warcio.js indexes the export.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WarcTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly string[] Articles =
    [
        "scmp/comment/opinion/article/3046526/playbook.html",
        "asiae/en/article/2025091015302212345.html",
        "news/europa-water-vapor.html",
        "news/hibernating-astronauts.html",
        "news/prince-andrew-interview.html",
    ];

    public ValueTask InitializeAsync() => azurite.ResetAsync(TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact(Timeout = TestTimeouts.LongRun)]
    public async Task WgetWarc_ImportedThenExported_RecordsAtCaptureTimeOnceAndWarcioIndexesEveryResponse()
    {
        var ct = TestContext.Current.CancellationToken;
        var work = Directory.CreateTempSubdirectory("ingest-warc-").FullName;
        try
        {
            await using var site = (await SampleSiteServer.TryStartAsync(SampleSiteServer.DefaultRoot, 0, ct))!;
            var urls = Articles.Append("about.html").Append("news/withdrawn-column.html").Select(p => new Uri(site.BaseUrl, p).AbsoluteUri).ToList();
            var warc = Path.Combine(work, "site.warc.gz");
            var wget = await ExternalTool.RunAsync("wget", ["-q", "--tries=1", "-e", "robots=off", "--warc-file=" + Path.Combine(work, "site"), "-O", Path.Combine(work, "pages.out"), .. urls], TimeSpan.FromSeconds(60), ct);
            Assert.True(File.Exists(warc), $"wget wrote no WARC (exit {wget.ExitCode}): {wget.Errors}");
            var captured = CapturesOf(warc);

            // Imported under the configured source whose host the pages have.
            await using var import = await RunAsync(["import", warc], ct);
            Assert.True(import.ExitCode == 0, import.Output);
            Assert.Contains("stored 5, unchanged 0, not an article 1", import.StandardOutput, StringComparison.Ordinal);
            Assert.Contains("status-404 1", import.StandardOutput, StringComparison.Ordinal);

            var store = new ArticleStore(azurite.Blobs);
            foreach (var path in Articles)
            {
                var id = ArticleId.FromCanonicalUrl(new Uri(site.BaseUrl, path));
                var record = (await store.GetCurrentAsync(id, ct))?.Record;
                Assert.True(record is not null, $"no record for {path}");
                Assert.Equal("warc-site", record.Source);
                Assert.Equal(captured.Dates[new Uri(site.BaseUrl, path).AbsoluteUri], record.Provenance.FetchedAt);
                Assert.NotEmpty(record.Article.Body);
            }

            // Again: nothing new.
            var before = await BlobsAsync(ct);
            await using var again = await RunAsync(["import", warc], ct);
            Assert.True(again.ExitCode == 0, again.Output);
            Assert.Contains("stored 0, unchanged 5, not an article 1", again.StandardOutput, StringComparison.Ordinal);
            Assert.Equal(before, await BlobsAsync(ct));

            // Out again as WARC, and read by another implementation.
            var export = Path.Combine(work, "export.warc.gz");
            await using var exported = await RunAsync(["export", "--warc", export], ct);
            Assert.True(exported.ExitCode == 0, exported.Output);
            var index = await ExternalTool.RunAsync(ExternalTool.NodeTool("warcio"), ["index", export], TimeSpan.FromSeconds(60), ct);
            Assert.True(index.ExitCode == 0, index.Errors);
            var indexed = index.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal("warcinfo", indexed[0].GetProperty("warc-type").GetString());
            Assert.All(indexed.Skip(1), r => Assert.Equal("response", r.GetProperty("warc-type").GetString()));
            Assert.Equal(
                Articles.Select(p => new Uri(site.BaseUrl, p).AbsoluteUri).Order(StringComparer.Ordinal),
                indexed.Skip(1).Select(r => r.GetProperty("warc-target-uri").GetString()!).Order(StringComparer.Ordinal));

            // Its CDX index: each response a 200 HTML page whose payload digest is that of the bytes wget captured.
            var cdx = await ExternalTool.RunAsync(ExternalTool.NodeTool("warcio"), ["cdx-index", export], TimeSpan.FromSeconds(60), ct);
            Assert.True(cdx.ExitCode == 0, cdx.Errors);
            var lines = cdx.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l[l.IndexOf('{', StringComparison.Ordinal)..]).RootElement).ToList();
            Assert.Equal(Articles.Length, lines.Count);
            Assert.All(lines, l => Assert.Equal(("200", "text/html"), (l.GetProperty("status").GetString(), l.GetProperty("mime").GetString())));
            Assert.All(lines, l => Assert.Equal(captured.Payloads[l.GetProperty("url").GetString()!], "sha1:" + l.GetProperty("digest").GetString()));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task Import_HostOfNoSource_IsSkippedUnlessASourceNameIsGiven()
    {
        var ct = TestContext.Current.CancellationToken;
        var work = Directory.CreateTempSubdirectory("ingest-warc-").FullName;
        try
        {
            var warc = Path.Combine(work, "other.warc");
            await using (var file = File.Create(warc))
            {
                using var writer = new WarcWriter(file);
                writer.WriteResponse("https://news.example.org/2026/12/04/a-story", new DateTimeOffset(2026, 12, 4, 1, 2, 3, TimeSpan.Zero), 200, [("Content-Type", "text/html; charset=utf-8")],
                    "<html><head><title>A story</title></head><body><article><h1>A story from elsewhere</h1><p>The first paragraph says what happened in the town this week and why it matters to everyone.</p><p>The second paragraph quotes the people who were there.</p></article></body></html>"u8);
            }

            await using var skipped = await RunAsync(["import", warc], ct);
            Assert.True(skipped.ExitCode == 0, skipped.Output);
            Assert.Contains("0 page(s)", skipped.StandardOutput, StringComparison.Ordinal);
            Assert.Contains("no-source 1", skipped.StandardOutput, StringComparison.Ordinal);

            await using var named = await RunAsync(["import", warc, "--source", "backfill"], ct);
            Assert.True(named.ExitCode == 0, named.Output);
            Assert.Contains("stored 1", named.StandardOutput, StringComparison.Ordinal);
            var record = (await new ArticleStore(azurite.Blobs).GetCurrentAsync(ArticleId.FromCanonicalUrl(new Uri("https://news.example.org/2026/12/04/a-story")), ct))!.Record;
            Assert.Equal("backfill", record.Source);
            Assert.Equal(new DateTimeOffset(2026, 12, 4, 1, 2, 3, TimeSpan.Zero), record.Provenance.FetchedAt);

            await using var bad = await RunAsync(["import", warc, "--source", "Not A Name"], ct);
            Assert.Equal(2, bad.ExitCode);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task Import_RevisitOfAnEarlierCapture_IsThatPageSeenAgainLater()
    {
        var ct = TestContext.Current.CancellationToken;
        var work = Directory.CreateTempSubdirectory("ingest-warc-").FullName;
        try
        {
            const string Url = "https://news.example.org/2026/12/04/a-story";
            var page = "<html><head><title>A story</title></head><body><article><h1>A story from elsewhere</h1><p>The first paragraph says what happened in the town this week and why it matters to everyone.</p><p>The second paragraph quotes the people who were there.</p></article></body></html>"u8.ToArray();
            var warc = Path.Combine(work, "revisit.warc");
            await using (var file = File.Create(warc))
            {
                using (var writer = new WarcWriter(file))
                {
                    writer.WriteResponse(Url, new DateTimeOffset(2026, 12, 4, 1, 0, 0, TimeSpan.Zero), 200, [("Content-Type", "text/html")], page);
                }

                // A revisit as crawlers write it: the HTTP header only, the payload named by its digest.
                var http = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"u8.ToArray();
                var head = $"WARC/1.1\r\nWARC-Type: revisit\r\nWARC-Target-URI: {Url}\r\nWARC-Date: 2026-12-05T01:00:00Z\r\n" +
                    $"WARC-Profile: http://netpreserve.org/warc/1.1/revisit/identical-payload-digest\r\nWARC-Refers-To-Target-URI: {Url}\r\n" +
                    $"WARC-Refers-To-Date: 2026-12-04T01:00:00Z\r\nWARC-Payload-Digest: {WarcWriter.Digest(page)}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {http.Length}\r\n\r\n";
                await using var member = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true); // gzip per record, as the writer's
                await member.WriteAsync(System.Text.Encoding.UTF8.GetBytes(head), ct);
                await member.WriteAsync(http, ct);
                await member.WriteAsync("\r\n\r\n"u8.ToArray(), ct);
            }

            await using var import = await RunAsync(["import", warc, "--source", "backfill"], ct);

            Assert.True(import.ExitCode == 0, import.Output);
            Assert.Contains("2 page(s): stored 1, unchanged 1", import.StandardOutput, StringComparison.Ordinal);
            var id = ArticleId.FromCanonicalUrl(new Uri(Url));
            var info = await new ArticleStore(azurite.Blobs).GetInfoAsync(id, ct);
            Assert.Equal(new DateTimeOffset(2026, 12, 4, 1, 0, 0, TimeSpan.Zero), info!.FetchedAt);
            Assert.Equal(new DateTimeOffset(2026, 12, 5, 1, 0, 0, TimeSpan.Zero), info.CheckedAt);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task ImportAndExport_BadInput_OneLineEachAndNothingStored()
    {
        var ct = TestContext.Current.CancellationToken;
        var work = Directory.CreateTempSubdirectory("ingest-warc-").FullName;
        try
        {
            var notWarc = Path.Combine(work, "page.warc");
            await File.WriteAllTextAsync(notWarc, "<html><body>not a WARC file</body></html>", ct);

            await using var import = await RunAsync(["import", notWarc, Path.Combine(work, "missing.warc")], ct);
            Assert.Equal(2, import.ExitCode);
            Assert.Contains("no such file", import.Output, StringComparison.Ordinal);

            await using var broken = await RunAsync(["import", notWarc], ct);
            Assert.Equal(1, broken.ExitCode);
            var line = Assert.Single(broken.Output.Split('\n'), l => l.StartsWith("ingest: page.warc:", StringComparison.Ordinal));
            Assert.Contains("not a WARC record at byte 0", line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", broken.Output, StringComparison.Ordinal);
            Assert.False(await azurite.Blobs.GetBlobContainerClient(ArticleStore.RecordsContainer).ExistsAsync(ct));

            await using var both = await RunAsync(["export", "--out", Path.Combine(work, "a.ndjson"), "--warc", Path.Combine(work, "a.warc.gz")], ct);
            Assert.NotEqual(0, both.ExitCode);
            Assert.Contains("export needs one of --out FILE.ndjson or --warc FILE.warc.gz", both.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    // WARC-Date of each response wget wrote, by URL, and the digest of its payload as a fetch gives it (decoded).
    private static (Dictionary<string, DateTimeOffset> Dates, Dictionary<string, string> Payloads) CapturesOf(string warc)
    {
        using var file = File.OpenRead(warc);
        using var reader = new WarcReader(file);
        var dates = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var payloads = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var record in reader.ReadAll().Where(r => r.Type == "response"))
        {
            dates[record.TargetUri!] = record.Date!.Value;
            payloads[record.TargetUri!] = WarcWriter.Digest(HttpResponseBlock.Read(record.Block, 1 << 24, out _)!.Payload);
        }

        return (dates, payloads);
    }

    private async Task<HostProcess> RunAsync(IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var host = HostProcess.StartCommand(new Dictionary<string, string?>
        {
            [StorageClients.ConnectionName] = azurite.ConnectionString,
            ["Ingest:Sources:0:Name"] = "warc-site",
            ["Ingest:Sources:0:Kind"] = "Listing",
            ["Ingest:Sources:0:Url"] = "http://127.0.0.1/columns/",
            ["Ingest:Sources:0:LinkSelector"] = "a",
        }, args);
        await host.WaitForExitAsync(cancellationToken);
        return host;
    }

    private async Task<Dictionary<string, string>> BlobsAsync(CancellationToken cancellationToken)
    {
        var blobs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var container in new[] { SnapshotStore.Container, ArticleStore.RecordsContainer })
        {
            await foreach (var blob in azurite.Blobs.GetBlobContainerClient(container).GetBlobsAsync(cancellationToken: cancellationToken))
            {
                blobs[$"{container}/{blob.Name}"] = blob.Properties.ETag.ToString()!;
            }
        }

        return blobs;
    }
}
