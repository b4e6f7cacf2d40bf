using Ingest.Cli.Hosting;
using Ingest.Messages;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.IntegrationTests.Hosting;

public sealed class LocalHostTests
{
    [Fact]
    public void Build_QueueListener_TakesHostJsonsSettingsWithTheLocalRetryDelay()
    {
        var shipped = new ConfigurationBuilder()
            .AddInMemoryCollection(QueueSettings.ReadHostJson(Path.Combine(AppContext.BaseDirectory, "host.json")))
            .Build()
            .GetSection(QueueSettings.Section)
            .Get<QueueSettings>()!;

        using var host = LocalHost.Build(CliConfiguration.Build(new Uri("http://127.0.0.1:9/")), LogLevel.Warning);
        var listener = host.Services.GetRequiredService<IOptions<QueuesOptions>>().Value;
        var handler = host.Services.GetRequiredService<IOptions<QueueSettings>>().Value;

        Assert.Equal(
            (shipped.MaxDequeueCount, shipped.BatchSize, shipped.NewBatchThreshold, shipped.MaxPollingInterval),
            (listener.MaxDequeueCount, listener.BatchSize, listener.NewBatchThreshold, listener.MaxPollingInterval));
        Assert.Equal(shipped.MaxDequeueCount, handler.MaxDequeueCount);
        Assert.Equal(TimeSpan.FromSeconds(2), listener.VisibilityTimeout);
        Assert.Equal(Azure.Storage.Queues.QueueMessageEncoding.Base64, listener.MessageEncoding);
    }
}
