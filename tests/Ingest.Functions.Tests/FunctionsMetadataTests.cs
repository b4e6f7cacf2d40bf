using System.Text.Json;
using Ingest.Messages;
using Ingest.Pipeline;
using Ingest.Storage;

namespace Ingest.Functions.Tests;

/// <summary>
/// Reads the functions.metadata the Worker SDK generated at build: what the Functions host will wire up. The test
/// checks it against the constants the code means, so a renamed queue or setting cannot slip through.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly JsonElement[] Functions = Load();

    [Fact]
    public void Metadata_ListsExactlyTheThreeFunctions()
    {
        Assert.Equal(
            ["DiscoverArticles", "IngestArticle", "ReparseArticle"],
            Functions.Select(f => f.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DiscoverArticles_IsATimerOnTheScheduleSetting()
    {
        var binding = Trigger("DiscoverArticles");

        Assert.Equal("timerTrigger", binding.GetProperty("type").GetString());
        Assert.Equal("%IngestSchedule%", binding.GetProperty("schedule").GetString());
    }

    [Theory]
    [InlineData("IngestArticle", QueueNames.IngestRequests)]
    [InlineData("ReparseArticle", QueueNames.ReparseRequests)]
    public void QueueFunctions_ListenOnTheirQueueWithTheDataConnection(string function, string queue)
    {
        var binding = Trigger(function);

        Assert.Equal("queueTrigger", binding.GetProperty("type").GetString());
        Assert.Equal(queue, binding.GetProperty("queueName").GetString());
        Assert.Equal(StorageClients.ConnectionName, binding.GetProperty("connection").GetString());
        Assert.Equal("String", binding.GetProperty("dataType").GetString());
    }

    [Fact]
    public void HostJson_QueueOptions_AgreeWithTheCode()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")));
        var queues = host.RootElement.GetProperty("extensions").GetProperty("queues");

        Assert.Equal("base64", queues.GetProperty("messageEncoding").GetString());
        Assert.Equal(Azure.Storage.Queues.QueueMessageEncoding.Base64, IngestQueues.Encoding);
        Assert.Equal(new QueueHandlingOptions().MaxDequeueCount, queues.GetProperty("maxDequeueCount").GetInt32());
        Assert.True(queues.GetProperty("batchSize").GetInt32() <= 8, "a large batch would fetch too many pages at once per instance");
        Assert.True(TimeSpan.Parse(queues.GetProperty("visibilityTimeout").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > TimeSpan.Zero);
    }

    private static JsonElement Trigger(string function) =>
        Functions.Single(f => f.GetProperty("name").GetString() == function)
            .GetProperty("bindings").EnumerateArray()
            .Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

    private static JsonElement[] Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }
}
