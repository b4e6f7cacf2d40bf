using Ingest.Cli.Hosting;
using Ingest.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.IntegrationTests;

[Collection(AzuriteCollection.Name)]
public sealed class SettingsTests(AzuriteFixture azurite)
{
    [Theory(Timeout = TestTimeouts.Storage)]
    [InlineData("Ingest:Sources:0:Url", "not a url", "Ingest:Sources:0:Url")]
    [InlineData("Ingest:Sources:1:LinkSelector", "main a[", "Ingest:Sources:1:LinkSelector")]
    [InlineData("Ingest:Fetching:TimeoutSeconds", "0", "TimeoutSeconds")]
    [InlineData("AzureFunctionsJobHost:extensions:queues:maxDequeueCount", "0", "maxDequeueCount")]
    public async Task RunOnce_BadSetting_FailsAtStartNamingTheSetting(string key, string value, string expected)
    {
        await azurite.ResetAsync(TestContext.Current.CancellationToken);
        var configuration = CliConfiguration.Build(new Uri("http://127.0.0.1:9/"), new Dictionary<string, string?>
        {
            [StorageClients.ConnectionName] = azurite.ConnectionString,
            [key] = value,
        });
        using var output = new StringWriter();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            LocalRun.RunAsync(configuration, new RunSettings(Once: true, Discover: true, TimeSpan.FromSeconds(30), LogLevel.Warning), output, TestContext.Current.CancellationToken));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
