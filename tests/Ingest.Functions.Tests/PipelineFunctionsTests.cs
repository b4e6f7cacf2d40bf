using Ingest.Messages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ingest.Functions.Tests;

public sealed class PipelineFunctionsTests
{
    [Fact]
    public async Task IngestArticle_MalformedMessageWhileStorageIsDown_ThrowsSoTheHostKeepsTheMessage()
    {
        // A malformed message goes to the poison queue with its reason; when that cannot be written (storage is down:
        // nothing listens on this port), the trigger must fail, so the host keeps the message for another try.
        await using var services = Build(ClosedPortStorage());
        var functions = ActivatorUtilities.CreateInstance<PipelineFunctions>(services);

        var ex = await Record.ExceptionAsync(() => functions.IngestArticle("{\"nope\":1}", "m1", 1, "r1", CancellationToken.None));

        Assert.True(ex is Azure.RequestFailedException or AggregateException, $"{ex?.GetType().Name}: {ex?.Message}");
    }

    [Fact]
    public async Task ShippedSources_PassValidation()
    {
        await using var services = Build();

        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Ingest.Sources.IngestOptions>>().Value;

        Assert.Contains(options.Sources, s => s.Name == "asiae-en-columns");
        Assert.Contains(options.Sources, s => s.Name == "scmp-opinion" && s.Kind == Ingest.Sources.SourceKind.Feed);
    }

    private static string ClosedPortStorage()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        return "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            $"BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
    }

    private static ServiceProvider Build(string storage = "UseDevelopmentStorage=true")
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "ingest.sources.json"))
            .AddInMemoryCollection(new Dictionary<string, string?> { ["IngestStorage"] = storage, ["Ingest:Fetching:Contact"] = "tests@example.org" })
            .Build();
        return new ServiceCollection().AddLogging().AddIngest(configuration).BuildServiceProvider();
    }
}
