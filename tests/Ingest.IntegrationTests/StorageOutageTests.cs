using System.Globalization;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Ingest.Cli.SampleSite;
using Ingest.Messages;
using Ingest.Records;
using Ingest.Storage;

namespace Ingest.IntegrationTests;

/// <summary>Azurite stopped and started again while a real host process ingests a loopback site.</summary>
public sealed class StorageOutageTests
{
    private const int Pages = 120;

    [Fact(Timeout = TestTimeouts.LongRun)]
    public async Task AzuriteRestartedDuringIngestion_NothingHalfWrittenNothingLost()
    {
        var root = Directory.CreateTempSubdirectory("ingest-site-").FullName;
        try
        {
            GeneratedSite.Write(root, Pages);
            await using var site = (await SampleSiteServer.TryStartAsync(root, 0, TestContext.Current.CancellationToken))!;
            await using var storage = new PersistentAzurite();
            await storage.StartAsync(TestContext.Current.CancellationToken);
            var blobs = new BlobServiceClient(storage.ConnectionString);
            var records = blobs.GetBlobContainerClient(ArticleStore.RecordsContainer);

            await using var host = StartHost(storage.ConnectionString, site.BaseUrl);
            var deadline = DateTimeOffset.UtcNow.AddMinutes(3);
            while (DateTimeOffset.UtcNow < deadline && !host.HasExited && await CountCurrentAsync(records, TestContext.Current.CancellationToken) < 20)
            {
                await Task.Delay(200, TestContext.Current.CancellationToken);
            }

            // The outage: storage goes away in the middle of the work and comes back 3 s later.
            var atOutage = await CountCurrentAsync(records, TestContext.Current.CancellationToken);
            Assert.True(atOutage < Pages && !host.HasExited, $"the host stored {atOutage} of {Pages} before the outage and exited: {host.HasExited}");
            await storage.StopAsync();
            await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
            await storage.RestartAsync(expireLeases: true, TestContext.Current.CancellationToken);
            await host.WaitForExitAsync(TestContext.Current.CancellationToken);
            var log = host.Output;

            // Whatever the first host could not finish is still queued (or poisoned): a second host drains it.
            var queues = new QueueServiceClient(storage.ConnectionString);
            if ((await queues.GetQueueClient(QueueNames.IngestRequests).GetPropertiesAsync(TestContext.Current.CancellationToken)).Value.ApproximateMessagesCount > 0)
            {
                await storage.RestartAsync(expireLeases: true, TestContext.Current.CancellationToken);
                await using var second = StartHost(storage.ConnectionString, site.BaseUrl, discover: false);
                await second.WaitForExitAsync(TestContext.Current.CancellationToken);
                log += "\n" + second.Output;
            }

            var store = new ArticleStore(blobs);
            var poisoned = (await queues.GetQueueClient(QueueNames.PoisonOf(QueueNames.IngestRequests)).PeekMessagesAsync(32, cancellationToken: TestContext.Current.CancellationToken)).Value.Length;
            var stored = 0;
            for (var i = 0; i < Pages; i++)
            {
                var id = ArticleId.FromCanonicalUrl(new Uri(site.BaseUrl, GeneratedSite.PagePath(i)));
                var current = await store.GetCurrentAsync(id, TestContext.Current.CancellationToken);
                if (current is null)
                {
                    continue;
                }

                stored++;

                // Nothing half-written: every revision's raw page is there, and there is exactly one revision.
                Assert.NotNull(await new SnapshotStore(blobs).GetAsync(id, current.Record.Provenance.SnapshotId, TestContext.Current.CancellationToken));
                Assert.Equal([1], await store.ListRevisionsAsync(id, TestContext.Current.CancellationToken));
            }

            // Nothing lost: every page has its record, or its message waits in the poison queue to be replayed.
            Assert.True(stored + poisoned >= Pages, $"stored {stored}, poisoned {poisoned} of {Pages}\n{log}");
            Assert.Equal(0, (await queues.GetQueueClient(QueueNames.IngestRequests).GetPropertiesAsync(TestContext.Current.CancellationToken)).Value.ApproximateMessagesCount);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<int> CountCurrentAsync(BlobContainerClient records, CancellationToken cancellationToken)
    {
        var count = 0;
        try
        {
            await foreach (var item in records.GetBlobsAsync(new GetBlobsOptions(), cancellationToken))
            {
                count += item.Name.EndsWith("/current.json", StringComparison.Ordinal) ? 1 : 0;
            }
        }
        catch (Azure.RequestFailedException)
        {
            // Not created yet.
        }

        return count;
    }

    private static HostProcess StartHost(string connectionString, Uri site, bool discover = true) => HostProcess.Start(new Dictionary<string, string?>
    {
        ["IngestStorage"] = connectionString,
        ["AzureWebJobsStorage"] = connectionString,
        ["IngestSchedule"] = TestSchedule.Discovery,
        ["Ingest:Sources:0:Name"] = "outage-site",
        ["Ingest:Sources:0:Kind"] = "Listing",
        ["Ingest:Sources:0:Url"] = new Uri(site, "columns/").AbsoluteUri,
        ["Ingest:Sources:0:LinkSelector"] = "main a.headline",
        ["Ingest:Sources:0:MaxItems"] = "500",
        ["Ingest:Fetching:AllowedLoopbackPorts:0"] = site.Port.ToString(CultureInfo.InvariantCulture),
        ["Ingest:Fetching:MinDelayPerHostMilliseconds"] = "0",
        ["Ingest:Fetching:Contact"] = "tests@example.org",
    }, discover);
}
