using Ingest.Messages;

namespace Ingest.Tests.Messages;

public sealed class QueueSettingsTests
{
    [Fact]
    public void ReadHostJson_QueuesSection_BecomesSettingsUnderTheAzureFunctionsName()
    {
        using var file = new HostJson("""{ "version": "2.0", "extensions": { "queues": { "maxDequeueCount": 3, "visibilityTimeout": "00:00:10", "//": ["a note"] } } }""");

        var entries = QueueSettings.ReadHostJson(file.Path);

        Assert.Equal("3", entries["AzureFunctionsJobHost:extensions:queues:maxDequeueCount"]);
        Assert.Equal("00:00:10", entries["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"]);
        Assert.Equal(2, entries.Count);
    }

    [Fact]
    public void ReadHostJson_NoQueuesSection_GivesNothing()
    {
        using var file = new HostJson("""{ "version": "2.0" }""");

        Assert.Empty(QueueSettings.ReadHostJson(file.Path));
    }

    [Fact]
    public void ReadHostJson_NotJson_ThrowsNamingTheFile()
    {
        using var file = new HostJson("{ \"extensions\": ");

        var error = Assert.Throws<InvalidDataException>(() => QueueSettings.ReadHostJson(file.Path));

        Assert.Contains(file.Path, error.Message, StringComparison.Ordinal);
    }

    private sealed class HostJson : IDisposable
    {
        public HostJson(string json) => File.WriteAllText(Path, json);

        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"host-{Guid.NewGuid():N}.json");

        public void Dispose() => File.Delete(Path);
    }
}
