using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ingest.Storage;

/// <summary>
/// A storage connection setting read the way the Functions host reads one (the same names, so one set of app
/// settings serves the triggers and the app's own clients):
/// <list type="bullet">
/// <item><c>{name}</c> = a connection string (<c>UseDevelopmentStorage=true</c> for Azurite); it wins over the rest;</item>
/// <item>else <c>{name}__blobServiceUri</c> and <c>{name}__queueServiceUri</c>, or <c>{name}__accountName</c> for the
/// public cloud's default endpoints;</item>
/// <item>with <c>{name}__credential</c> = <c>managedidentity</c> (and <c>{name}__clientId</c> for a user-assigned
/// identity; without it the system-assigned one), or no credential for <see cref="DefaultAzureCredential"/>
/// (Azure CLI, Visual Studio, environment, managed identity: what a developer's machine has).</item>
/// </list>
/// A missing or malformed setting throws <see cref="InvalidOperationException"/> naming the setting.
/// </summary>
public sealed partial record StorageConnection
{
    private StorageConnection(string name)
    {
        Name = name;
    }

    /// <summary>The setting name (<c>IngestStorage</c>, <c>AzureWebJobsStorage</c>).</summary>
    public string Name { get; }

    /// <summary>The connection string, when the setting is one.</summary>
    public string? ConnectionString { get; private init; }

    /// <summary>The blob endpoint of an identity-based connection.</summary>
    public Uri? BlobServiceUri { get; private init; }

    /// <summary>The queue endpoint of an identity-based connection.</summary>
    public Uri? QueueServiceUri { get; private init; }

    /// <summary>True for <c>{name}__credential</c> = <c>managedidentity</c>.</summary>
    public bool UsesManagedIdentity { get; private init; }

    /// <summary>The client id of a user-assigned managed identity (<c>{name}__clientId</c>).</summary>
    public string? ClientId { get; private init; }

    /// <summary>True when the connection uses Microsoft Entra ID rather than a connection string.</summary>
    public bool IsIdentityBased => ConnectionString is null;

    /// <summary>Reads the connection named <paramref name="name"/> from <paramref name="configuration"/>.</summary>
    public static StorageConnection Read(IConfiguration configuration, string name)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var section = configuration.GetSection(name);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            var connectionString = section.Value.Trim();
            CheckConnectionString(name, connectionString);
            return new StorageConnection(name) { ConnectionString = connectionString };
        }

        if (!section.GetChildren().Any())
        {
            throw new InvalidOperationException(
                $"Setting '{name}' is missing: set it to a storage connection string (UseDevelopmentStorage=true for Azurite), " +
                $"or set '{name}__blobServiceUri' and '{name}__queueServiceUri' (or '{name}__accountName') for an identity-based connection.");
        }

        var accountName = section["accountName"];
        if (accountName is not null && !AccountName().IsMatch(accountName))
        {
            throw new InvalidOperationException($"Setting '{name}__accountName' is not a storage account name (3-24 lower-case letters and digits): '{accountName}'.");
        }

        var credential = section["credential"];
        if (!string.IsNullOrWhiteSpace(credential) && !string.Equals(credential, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"Setting '{name}__credential' is '{credential}'; the one value understood is 'managedidentity' (leave it out to use DefaultAzureCredential, e.g. after 'az login').");
        }

        var clientId = section["clientId"];
        if (clientId is not null && !Guid.TryParse(clientId, out _))
        {
            throw new InvalidOperationException($"Setting '{name}__clientId' is not a client id (a GUID): '{clientId}'.");
        }

        return new StorageConnection(name)
        {
            _section = section,
            BlobServiceUri = ServiceUri(section, name, "blobServiceUri", accountName, "blob"),
            QueueServiceUri = ServiceUri(section, name, "queueServiceUri", accountName, "queue"),
            UsesManagedIdentity = credential is not null,
            ClientId = clientId,
        };
    }

    /// <summary>
    /// The credential of an identity-based connection; null for a connection string. Made by
    /// <c>Microsoft.Extensions.Azure</c>'s <see cref="AzureComponentFactory"/> from the connection's settings, the
    /// component the Functions host uses for the same settings, so <c>__credential</c> and <c>__clientId</c> mean here
    /// exactly what they mean to the host (no credential setting: <see cref="DefaultAzureCredential"/>).
    /// </summary>
    public TokenCredential? CreateCredential() =>
        IsIdentityBased && _section is not null ? ComponentFactory.Value.CreateTokenCredential(_section) : null;

    private IConfigurationSection? _section;

    private static readonly Lazy<AzureComponentFactory> ComponentFactory = new(() =>
    {
        var services = new ServiceCollection();
        services.AddAzureClientsCore();
        return services.BuildServiceProvider().GetRequiredService<AzureComponentFactory>();
    });

    /// <summary>Creates a blob service client for this connection.</summary>
    public BlobServiceClient CreateBlobServiceClient(BlobClientOptions? options = null) =>
        ConnectionString is not null
            ? new BlobServiceClient(ConnectionString, options)
            : new BlobServiceClient(BlobServiceUri, CreateCredential(), options);

    /// <summary>Creates a queue service client for this connection.</summary>
    public QueueServiceClient CreateQueueServiceClient(QueueClientOptions? options = null) =>
        ConnectionString is not null
            ? new QueueServiceClient(ConnectionString, options)
            : new QueueServiceClient(QueueServiceUri, CreateCredential(), options);

    private static void CheckConnectionString(string name, string connectionString)
    {
        // The storage SDK parses lazily and throws FormatException without the setting's name; the value is never
        // echoed here, since it may hold an account key.
        try
        {
            _ = new BlobServiceClient(connectionString);
            _ = new QueueServiceClient(connectionString);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidOperationException(
                $"Setting '{name}' is not a valid storage connection string ({ex.GetType().Name}: it needs a blob and a queue endpoint, " +
                $"e.g. 'UseDevelopmentStorage=true' or 'DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...').", ex);
        }
    }

    private static Uri ServiceUri(IConfigurationSection section, string name, string key, string? accountName, string service)
    {
        var value = section[key];
        if (value is null)
        {
            return accountName is not null
                ? new Uri($"https://{accountName}.{service}.core.windows.net")
                : throw new InvalidOperationException(
                    $"Setting '{name}__{key}' is missing: an identity-based connection needs both '{name}__blobServiceUri' and '{name}__queueServiceUri' (or '{name}__accountName').");
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new InvalidOperationException($"Setting '{name}__{key}' is not an absolute http(s) URI: '{value}'.");
    }

    [GeneratedRegex("^[a-z0-9]{3,24}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccountName();
}
