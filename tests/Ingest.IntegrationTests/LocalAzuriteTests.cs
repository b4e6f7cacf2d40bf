using Azure.Storage.Blobs;
using Ingest.Cli.Hosting;

namespace Ingest.IntegrationTests;

public sealed class LocalAzuriteTests
{
    [Fact]
    public void FreePorts_AskedForTogether_AreDifferentAndFreeToListenOn()
    {
        for (var round = 0; round < 50; round++)
        {
            var ports = LocalAzurite.FreePorts(3);

            Assert.Equal(3, ports.Distinct().Count());
            foreach (var port in ports)
            {
                var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
                listener.Start();
                listener.Stop();
            }
        }
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task DisposeAsync_PersistentLocation_KeepsWhatWasWrittenForTheNextStart()
    {
        var location = Directory.CreateTempSubdirectory("ingest-azurite-").FullName;
        try
        {
            var ports = LocalAzurite.FreePorts(3);
            var (blob, queue, table) = (ports[0], ports[1], ports[2]);
            await using (var first = await LocalAzurite.StartAsync(blob, queue, table, location, TestContext.Current.CancellationToken))
            {
                var container = new BlobServiceClient(first.ConnectionString).GetBlobContainerClient("kept");
                await container.CreateAsync(cancellationToken: TestContext.Current.CancellationToken);
                await container.UploadBlobAsync("a.txt", BinaryData.FromString("still here"), TestContext.Current.CancellationToken);
            }

            await using var second = await LocalAzurite.StartAsync(blob, queue, table, location, TestContext.Current.CancellationToken);
            var content = await new BlobServiceClient(second.ConnectionString).GetBlobContainerClient("kept").GetBlobClient("a.txt").DownloadContentAsync(TestContext.Current.CancellationToken);

            Assert.Equal("still here", content.Value.Content.ToString());
        }
        finally
        {
            Directory.Delete(location, recursive: true);
        }
    }
}
