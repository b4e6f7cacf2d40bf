using Azure.Storage.Blobs;

namespace Ingest.Storage;

/// <summary>
/// A blob container created on first use, once per process. A failed creation is not remembered, so a storage outage
/// at start heals by itself.
/// </summary>
internal sealed class LazyContainer(BlobServiceClient blobs, string name)
{
    private volatile bool _created;

    /// <summary>The container, whether or not it exists yet (reads of a missing container answer 404).</summary>
    public BlobContainerClient Client { get; } = blobs.GetBlobContainerClient(name);

    /// <summary>The container, created if it did not exist.</summary>
    public async Task<BlobContainerClient> CreatedAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await Client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _created = true;
        }

        return Client;
    }
}
