using System.Globalization;
using System.Net;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Ingest.Storage;

/// <summary>When each source was last discovered, for sources with a schedule of their own: <c>records/_sources/{source}</c>.</summary>
public sealed class DiscoveryLog(BlobServiceClient blobs)
{
    private readonly LazyContainer _container = new(blobs, ArticleStore.RecordsContainer);

    /// <summary>When a source was last discovered, or null.</summary>
    public async Task<DateTimeOffset?> GetLastAsync(string source, CancellationToken cancellationToken)
    {
        try
        {
            var properties = (await _container.Client.GetBlobClient(DiscoveryBlobName(source)).GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            return properties.Metadata.TryGetValue("discoveredat", out var text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Notes when a source was discovered, for its own schedule.</summary>
    public async Task SetLastAsync(string source, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await _container.CreatedAsync(cancellationToken);
        await _container.Client.GetBlobClient(DiscoveryBlobName(source)).UploadAsync(BinaryData.FromString(""), new BlobUploadOptions
        {
            Metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["discoveredat"] = at.ToString("O", CultureInfo.InvariantCulture) },
        }, cancellationToken);
    }

    // Source names are validated ([a-z0-9-]); the "_sources" prefix cannot collide with a site key.
    private static string DiscoveryBlobName(string source) => $"_sources/{source}";
}
