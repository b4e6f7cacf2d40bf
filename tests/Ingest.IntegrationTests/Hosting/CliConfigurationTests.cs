using Ingest.Cli.Hosting;
using Ingest.Storage;

namespace Ingest.IntegrationTests.Hosting;

public sealed class CliConfigurationTests
{
    [Fact]
    public void Build_NothingConfigured_UsesAzuriteForDataAndHost()
    {
        var configuration = CliConfiguration.Build(new Uri("http://127.0.0.1:9/"));

        Assert.Equal(CliConfiguration.DevelopmentStorage, configuration[StorageClients.ConnectionName]);
        Assert.Equal(CliConfiguration.DevelopmentStorage, configuration["AzureWebJobsStorage"]);
    }

    [Fact]
    public void Build_IdentityBasedDataSettings_AreNotShadowedByTheDefaultAndServeTheHostToo()
    {
        var configuration = CliConfiguration.Build(new Uri("http://127.0.0.1:9/"), new Dictionary<string, string?>
        {
            ["IngestStorage:blobServiceUri"] = "https://stdata.blob.core.windows.net",
            ["IngestStorage:queueServiceUri"] = "https://stdata.queue.core.windows.net",
        });

        var data = StorageClients.ReadConnection(configuration);
        var host = StorageConnection.Read(configuration, "AzureWebJobsStorage");

        Assert.True(data.IsIdentityBased);
        Assert.Equal("stdata", data.CreateBlobServiceClient().AccountName);
        Assert.True(host.IsIdentityBased);
        Assert.Equal(new Uri("https://stdata.queue.core.windows.net"), host.QueueServiceUri);
    }
}
