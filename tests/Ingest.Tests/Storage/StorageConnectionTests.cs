using Azure.Identity;
using Ingest.Storage;
using Microsoft.Extensions.Configuration;

namespace Ingest.Tests.Storage;

public sealed class StorageConnectionTests
{
    private const string ClientId = "00000000-1111-2222-3333-444444444444";

    private static IConfiguration Settings(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))).Build();

    [Fact]
    public void Read_DevelopmentConnectionString_BuildsAzuriteClients()
    {
        var connection = StorageConnection.Read(Settings(("IngestStorage", "UseDevelopmentStorage=true")), "IngestStorage");

        Assert.False(connection.IsIdentityBased);
        Assert.Null(connection.CreateCredential());
        var blobs = connection.CreateBlobServiceClient();
        var queues = connection.CreateQueueServiceClient();
        Assert.Equal("devstoreaccount1", blobs.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), blobs.Uri);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), queues.Uri);
    }

    [Fact]
    public void Read_ConnectionStringAndServiceUris_ConnectionStringWins()
    {
        var connection = StorageConnection.Read(Settings(
            ("IngestStorage", "UseDevelopmentStorage=true"),
            ("IngestStorage:blobServiceUri", "https://stdata.blob.core.windows.net")), "IngestStorage");

        Assert.Equal("devstoreaccount1", connection.CreateBlobServiceClient().AccountName);
    }

    [Fact]
    public void Read_ServiceUrisWithManagedIdentityClientId_BuildsIdentityClients()
    {
        var connection = StorageConnection.Read(Settings(
            ("IngestStorage:blobServiceUri", "https://stdata.blob.core.windows.net/"),
            ("IngestStorage:queueServiceUri", "https://stdata.queue.core.windows.net/"),
            ("IngestStorage:credential", "managedidentity"),
            ("IngestStorage:clientId", ClientId)), "IngestStorage");

        Assert.True(connection.IsIdentityBased);
        Assert.True(connection.UsesManagedIdentity);
        Assert.Equal(ClientId, connection.ClientId);
        Assert.IsType<ManagedIdentityCredential>(connection.CreateCredential());
        var blobs = connection.CreateBlobServiceClient();
        var queues = StorageClients.CreateQueueClient(connection);
        Assert.Equal("stdata", blobs.AccountName);
        Assert.Equal(new Uri("https://stdata.blob.core.windows.net/"), blobs.Uri);
        Assert.Equal("stdata", queues.AccountName);
        Assert.Equal(new Uri("https://stdata.queue.core.windows.net/"), queues.Uri);
    }

    [Fact]
    public void Read_EnvironmentVariableNames_AreTheFunctionsHostNames()
    {
        // App settings arrive as environment variables with '__' for ':'; the Functions host reads the same ones.
        Environment.SetEnvironmentVariable("INGESTTEST_STORAGE__blobServiceUri", "https://stenv.blob.core.windows.net");
        Environment.SetEnvironmentVariable("INGESTTEST_STORAGE__queueServiceUri", "https://stenv.queue.core.windows.net");
        Environment.SetEnvironmentVariable("INGESTTEST_STORAGE__credential", "managedidentity");
        try
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();

            var connection = StorageConnection.Read(configuration, "INGESTTEST_STORAGE");

            Assert.Equal("stenv", connection.CreateBlobServiceClient().AccountName);
            Assert.True(connection.UsesManagedIdentity);
            Assert.Null(connection.ClientId);
            Assert.IsType<ManagedIdentityCredential>(connection.CreateCredential());
        }
        finally
        {
            Environment.SetEnvironmentVariable("INGESTTEST_STORAGE__blobServiceUri", null);
            Environment.SetEnvironmentVariable("INGESTTEST_STORAGE__queueServiceUri", null);
            Environment.SetEnvironmentVariable("INGESTTEST_STORAGE__credential", null);
        }
    }

    [Fact]
    public void Read_ServiceUrisWithoutCredential_UsesDefaultAzureCredential()
    {
        var connection = StorageConnection.Read(Settings(
            ("IngestStorage:blobServiceUri", "https://stdata.blob.core.windows.net"),
            ("IngestStorage:queueServiceUri", "https://stdata.queue.core.windows.net")), "IngestStorage");

        Assert.False(connection.UsesManagedIdentity);
        Assert.IsType<DefaultAzureCredential>(connection.CreateCredential());
    }

    [Fact]
    public void Read_AccountName_BuildsPublicCloudEndpoints()
    {
        var connection = StorageConnection.Read(Settings(
            ("AzureWebJobsStorage:accountName", "sthost"),
            ("AzureWebJobsStorage:credential", "ManagedIdentity")), "AzureWebJobsStorage");

        Assert.Equal(new Uri("https://sthost.blob.core.windows.net"), connection.BlobServiceUri);
        Assert.Equal(new Uri("https://sthost.queue.core.windows.net"), connection.QueueServiceUri);
        Assert.True(connection.UsesManagedIdentity);
    }

    [Fact]
    public void Read_Missing_ThrowsNamingTheSetting()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => StorageConnection.Read(Settings(), "IngestStorage"));

        Assert.Contains("Setting 'IngestStorage' is missing", ex.Message, StringComparison.Ordinal);
        Assert.Contains("IngestStorage__blobServiceUri", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("IngestStorage:blobServiceUri", "https://stdata.blob.core.windows.net", "IngestStorage__queueServiceUri")]
    [InlineData("IngestStorage:queueServiceUri", "https://stdata.queue.core.windows.net", "IngestStorage__blobServiceUri")]
    [InlineData("IngestStorage:credential", "managedidentity", "IngestStorage__blobServiceUri")]
    public void Read_OneServiceUriMissing_ThrowsNamingTheMissingSetting(string key, string value, string expected)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => StorageConnection.Read(Settings((key, value)), "IngestStorage"));

        Assert.Contains($"Setting '{expected}' is missing", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("blobServiceUri", "stdata.blob.core.windows.net", "IngestStorage__blobServiceUri")]
    [InlineData("blobServiceUri", "/relative", "IngestStorage__blobServiceUri")]
    [InlineData("queueServiceUri", "ftp://stdata.queue.core.windows.net", "IngestStorage__queueServiceUri")]
    [InlineData("credential", "clientsecret", "IngestStorage__credential")]
    [InlineData("clientId", "my-identity", "IngestStorage__clientId")]
    [InlineData("accountName", "Not_An_Account", "IngestStorage__accountName")]
    public void Read_MalformedSetting_ThrowsNamingTheSetting(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["IngestStorage:blobServiceUri"] = "https://stdata.blob.core.windows.net",
            ["IngestStorage:queueServiceUri"] = "https://stdata.queue.core.windows.net",
            ["IngestStorage:" + key] = value,
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var ex = Assert.Throws<InvalidOperationException>(() => StorageConnection.Read(configuration, "IngestStorage"));

        Assert.Contains($"Setting '{expected}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MalformedConnectionString_ThrowsNamingTheSettingWithoutItsValue()
    {
        const string secret = "AccountKey=c2VjcmV0";
        var ex = Assert.Throws<InvalidOperationException>(() =>
            StorageConnection.Read(Settings(("IngestStorage", "not a connection string;" + secret)), "IngestStorage"));

        Assert.Contains("Setting 'IngestStorage' is not a valid storage connection string", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddIngest_MissingStorageSetting_FailsAtRegistrationNamingTheSetting()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Support.Services.Build(new Dictionary<string, string?> { ["IngestStorage"] = null }));

        Assert.Contains("'IngestStorage'", ex.Message, StringComparison.Ordinal);
    }
}
