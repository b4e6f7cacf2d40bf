using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Ingest.Storage;

/// <summary>
/// Builds the data storage clients from the connection setting the triggers bind to (<see cref="ConnectionName"/>),
/// read the way the Functions host reads it: either a connection string as the setting's value, or
/// <c>{name}__blobServiceUri</c> and <c>{name}__queueServiceUri</c> with a managed identity or developer credential.
/// </summary>
public static class StorageClients
{
    /// <summary>The connection setting name of the data storage account.</summary>
    public const string ConnectionName = "IngestStorage";

    /// <summary>Creates the blob client.</summary>
    public static BlobServiceClient CreateBlobClient(IConfiguration configuration)
    {
        var (connectionString, section) = Read(configuration);
        return connectionString is not null
            ? new BlobServiceClient(connectionString)
            : new BlobServiceClient(ServiceUri(section, "blobServiceUri"), Credential(section));
    }

    /// <summary>Creates the queue client, with the Base64 encoding the triggers expect.</summary>
    public static QueueServiceClient CreateQueueClient(IConfiguration configuration)
    {
        var options = new QueueClientOptions { MessageEncoding = Messages.IngestQueues.Encoding };
        var (connectionString, section) = Read(configuration);
        return connectionString is not null
            ? new QueueServiceClient(connectionString, options)
            : new QueueServiceClient(ServiceUri(section, "queueServiceUri"), Credential(section), options);
    }

    private static (string? ConnectionString, IConfigurationSection Section) Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(ConnectionName);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return (section.Value, section);
        }

        if (!section.GetChildren().Any())
        {
            throw new InvalidOperationException(
                $"Setting '{ConnectionName}' is missing: set it to a storage connection string (UseDevelopmentStorage=true for Azurite), " +
                $"or set '{ConnectionName}__blobServiceUri' and '{ConnectionName}__queueServiceUri' for an identity-based connection.");
        }

        return (null, section);
    }

    private static Uri ServiceUri(IConfigurationSection section, string key) =>
        Uri.TryCreate(section[key], UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException($"Setting '{ConnectionName}__{key}' is missing or not an absolute URI ('{section[key]}').");

    private static TokenCredential Credential(IConfigurationSection section) =>
        section["clientId"] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
}
