using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Ingest.Cli.Hosting;
using Ingest.Messages;

namespace Ingest.IntegrationTests;

/// <summary>
/// A real Azurite, started in memory on free loopback ports for this test run from the repository's npm install,
/// and stopped at the end. Tests in the collection run one at a time and start from empty storage.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private LocalAzurite? _azurite;

    public string ConnectionString => _azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite is not started.");

    public BlobServiceClient Blobs => new(ConnectionString);

    /// <summary>A queue client as an operator would build one: Base64, like every producer of the project.</summary>
    public QueueServiceClient Queues => new(ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public async ValueTask InitializeAsync()
    {
        _azurite = await LocalAzurite.StartOnFreePortsAsync(location: null, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    /// <summary>Deletes every container and queue, so each test sees empty storage.</summary>
    public async ValueTask ResetAsync(CancellationToken cancellationToken)
    {
        await foreach (var container in Blobs.GetBlobContainersAsync(cancellationToken: cancellationToken))
        {
            await Blobs.DeleteBlobContainerAsync(container.Name, cancellationToken: cancellationToken);
        }

        await foreach (var queue in Queues.GetQueuesAsync(cancellationToken: cancellationToken))
        {
            await Queues.DeleteQueueAsync(queue.Name, cancellationToken);
        }

        await new IngestQueues(Queues).EnsureCreatedAsync(cancellationToken);
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
