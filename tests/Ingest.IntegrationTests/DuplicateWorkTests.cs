using System.Globalization;
using Azure.Storage.Queues;
using Ingest.Cli.SampleSite;
using Ingest.Messages;
using Ingest.Records;
using Ingest.Storage;

namespace Ingest.IntegrationTests;

/// <summary>Copies of one piece of work handled by two host processes at once: one fetch, one revision.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DuplicateWorkTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int Pages = 100;

    public ValueTask InitializeAsync() => azurite.ResetAsync(TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact(Timeout = TestTimeouts.LongRun)]
    public async Task TwoHosts_EveryIngestMessageQueuedTwice_EachPageIsFetchedOnceAndStoredOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var root = Directory.CreateTempSubdirectory("ingest-site-").FullName;
        try
        {
            GeneratedSite.Write(root, Pages);
            await using var site = (await SampleSiteServer.TryStartAsync(root, 0, ct))!;

            // Each request twice in a row, as a fan-out sent twice would queue them: copies land in one batch of one
            // host, or one in each host, at the same moment.
            var queues = new IngestQueues(azurite.Queues);
            var discoveredAt = DateTimeOffset.UtcNow.AddSeconds(-1);
            for (var i = 0; i < Pages; i++)
            {
                var request = new IngestRequest(new Uri(site.BaseUrl, GeneratedSite.PagePath(i)).AbsoluteUri, "generated", discoveredAt);
                await queues.SendAsync(request, ct);
                await queues.SendAsync(request, ct);
            }

            var clock = System.Diagnostics.Stopwatch.StartNew();
            await using var first = HostProcess.Start(Settings(site.BaseUrl), discover: false);
            await using var second = HostProcess.Start(Settings(site.BaseUrl), discover: false);
            HostProcess[] hosts = [first, second];
            await Task.WhenAll(hosts.Select(h => h.WaitForExitAsync(ct)));
            var outputs = string.Join("\n---\n", hosts.Select(h => h.Output));

            Assert.All(hosts, h => Assert.True(h.ExitCode == 0, outputs));
            var store = new ArticleStore(azurite.Blobs);
            for (var i = 0; i < Pages; i++)
            {
                var id = ArticleId.FromCanonicalUrl(new Uri(site.BaseUrl, GeneratedSite.PagePath(i)));
                Assert.Equal([1], await store.ListRevisionsAsync(id, ct));
            }

            // Every page requested once; the copies ended as duplicates (at the same moment) or already-done (after).
            var skipped = hosts.Sum(h => Count(h.Output, "duplicate") + Count(h.Output, "already-done"));
            var pageRequests = Enumerable.Range(0, Pages).Select(i => site.RequestsFor("/" + GeneratedSite.PagePath(i))).ToList();
            TestContext.Current.SendDiagnosticMessage($"two hosts, {2 * Pages} messages for {Pages} pages: {pageRequests.Sum()} page requests, {site.RequestsFor("/robots.txt")} robots.txt requests, {skipped} copies not fetched, {clock.Elapsed.TotalSeconds:0.0} s");
            Assert.True(pageRequests.All(n => n == 1), $"page requests: {string.Join(' ', pageRequests)}\n{outputs}");
            Assert.Equal(Pages, skipped);
            Assert.True(site.RequestsFor("/robots.txt") <= hosts.Length, $"{site.RequestsFor("/robots.txt")} robots.txt requests");
            Assert.Equal(0, (await azurite.Queues.GetQueueClient(QueueNames.IngestRequests).GetPropertiesAsync(ct)).Value.ApproximateMessagesCount);
            Assert.Empty(await new WorkClaims(azurite.Blobs).ListAsync(ct));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    // The run summary's "already-done" and "duplicate" rows of the per-outcome notes: counted from its lines.
    private static int Count(string output, string kind) =>
        output.Split('\n').Count(l => l.TrimStart().StartsWith(kind + ": ", StringComparison.Ordinal));

    private Dictionary<string, string?> Settings(Uri site) => new()
    {
        [StorageClients.ConnectionName] = azurite.ConnectionString,
        ["AzureWebJobsStorage"] = azurite.ConnectionString,
        ["IngestSchedule"] = TestSchedule.Discovery,
        ["Ingest:Sources:0:Name"] = "generated",
        ["Ingest:Sources:0:Kind"] = "Listing",
        ["Ingest:Sources:0:Url"] = new Uri(site, "columns/").AbsoluteUri,
        ["Ingest:Sources:0:LinkSelector"] = "main a.headline",
        ["Ingest:Fetching:AllowedLoopbackPorts:0"] = site.Port.ToString(CultureInfo.InvariantCulture),
        ["Ingest:Fetching:MinDelayPerHostMilliseconds"] = "0",
        ["Ingest:Fetching:Contact"] = "tests@example.org",
    };
}
