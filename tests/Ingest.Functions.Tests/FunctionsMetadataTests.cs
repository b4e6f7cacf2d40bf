using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Ingest.Messages;
using Ingest.Pipeline;
using Ingest.Storage;
using Microsoft.Extensions.Configuration;

namespace Ingest.Functions.Tests;

/// <summary>
/// Reads the functions.metadata the Worker SDK generated at build: what the Functions host will wire up. The test
/// checks it against the constants the code means, so a renamed queue or setting cannot slip through.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly JsonElement[] Functions = Load();

    [Fact]
    public void Metadata_ListsExactlyTheFourFunctions()
    {
        Assert.Equal(
            ["DiscoverArticles", "IngestArticle", "ReparseArticle", "status"],
            Functions.Select(f => f.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DiscoverArticles_IsATimerOnTheScheduleSetting()
    {
        var binding = Trigger("DiscoverArticles");

        Assert.Equal("timerTrigger", binding.GetProperty("type").GetString());
        Assert.Equal("%IngestSchedule%", binding.GetProperty("schedule").GetString());
    }

    [Fact]
    public void Status_IsAnHttpGetBehindAFunctionKey()
    {
        var binding = Trigger("status");

        Assert.Equal("httpTrigger", binding.GetProperty("type").GetString());
        Assert.Equal("Function", binding.GetProperty("authLevel").GetString(), ignoreCase: true);
        Assert.Equal(["get"], binding.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("status/{*path}", binding.GetProperty("route").GetString());
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
    public void HostJson_QueueSettings_AreValidAndInTheProducersEncoding()
    {
        var settings = QueueSettingsOf(new ConfigurationBuilder().AddHostJsonQueueSettings(HostJson).Build());

        Validator.ValidateObject(settings, new ValidationContext(settings), validateAllProperties: true);
        Assert.Equal("base64", settings.MessageEncoding);
        Assert.Equal(Azure.Storage.Queues.QueueMessageEncoding.Base64, IngestQueues.Encoding);
        Assert.True(settings.BatchSize <= 8, "a large batch would fetch too many pages at once per instance");
        Assert.True(settings.VisibilityTimeout > TimeSpan.Zero);
    }

    [Fact]
    public void AddHostJsonQueueSettings_AppSettingGiven_WinsOverHostJsonAsInTheHost()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(HostJson));
        var shipped = hostJson.RootElement.GetProperty("extensions").GetProperty("queues").GetProperty("maxDequeueCount").GetInt32();
        var builder = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureFunctionsJobHost:extensions:queues:batchSize"] = "2" });

        var settings = QueueSettingsOf(builder.AddHostJsonQueueSettings(HostJson).Build());

        Assert.Equal(shipped, settings.MaxDequeueCount);
        Assert.Equal(2, settings.BatchSize);
    }

    private static string HostJson => Path.Combine(AppContext.BaseDirectory, "host.json");

    private static QueueSettings QueueSettingsOf(IConfiguration configuration) =>
        configuration.GetSection(QueueSettings.Section).Get<QueueSettings>() ?? throw new InvalidOperationException("host.json has no extensions.queues");

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
