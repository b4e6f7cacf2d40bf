using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Ingest.Messages;
using Microsoft.Extensions.Configuration;

namespace Ingest.Storage;

/// <summary>
/// Builds the data storage clients from the connection setting the triggers bind to (<see cref="ConnectionName"/>),
/// read as the Functions host reads it (see <see cref="StorageConnection"/>).
/// </summary>
public static class StorageClients
{
    /// <summary>The connection setting name of the data storage account.</summary>
    public const string ConnectionName = "IngestStorage";

    /// <summary>Reads the data connection; throws naming the setting when it is missing or malformed.</summary>
    public static StorageConnection ReadConnection(IConfiguration configuration) => StorageConnection.Read(configuration, ConnectionName);

    /// <summary>Creates the blob client.</summary>
    public static BlobServiceClient CreateBlobClient(IConfiguration configuration) => ReadConnection(configuration).CreateBlobServiceClient();

    /// <summary>Creates the queue client, with the Base64 encoding the triggers expect.</summary>
    public static QueueServiceClient CreateQueueClient(IConfiguration configuration) => CreateQueueClient(ReadConnection(configuration));

    /// <summary>Creates the queue client of a connection, with the Base64 encoding the triggers expect.</summary>
    public static QueueServiceClient CreateQueueClient(StorageConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.CreateQueueServiceClient(new QueueClientOptions { MessageEncoding = IngestQueues.Encoding });
    }

    /// <summary>
    /// The poison-queue tool of a connection. Its client applies no encoding, so messages are read and moved back
    /// byte for byte, in whatever encoding their producer used.
    /// </summary>
    public static PoisonQueues CreatePoisonQueues(StorageConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return new PoisonQueues(connection.CreateQueueServiceClient(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None }));
    }
}
