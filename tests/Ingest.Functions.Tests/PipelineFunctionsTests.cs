using Ingest.Messages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ingest.Functions.Tests;

public sealed class PipelineFunctionsTests
{
    [Fact]
    public async Task IngestArticle_MalformedMessage_ThrowsSoTheHostRetriesAndPoisons()
    {
        await using var services = Build();
        var functions = ActivatorUtilities.CreateInstance<PipelineFunctions>(services);

        var ex = await Assert.ThrowsAsync<InvalidMessageException>(() => functions.IngestArticle("{\"nope\":1}", "m1", 1, "r1", CancellationToken.None));

        Assert.Equal(QueueNames.IngestRequests, ex.Queue);
    }

    [Fact]
    public async Task ReparseArticle_BadArticleId_ThrowsWithTheReason()
    {
        await using var services = Build();
        var functions = ActivatorUtilities.CreateInstance<PipelineFunctions>(services);

        var ex = await Assert.ThrowsAsync<InvalidMessageException>(() => functions.ReparseArticle("{\"articleId\":\"x\"}", "m2", 5, "r2", CancellationToken.None));

        Assert.Contains("not an article id", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShippedSources_PassValidation()
    {
        await using var services = Build();

        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Ingest.Sources.IngestOptions>>().Value;

        Assert.Contains(options.Sources, s => s.Name == "asiae-en-columns");
        Assert.Contains(options.Sources, s => s.Name == "scmp-opinion" && s.Kind == Ingest.Sources.SourceKind.Feed);
    }

    private static ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "ingest.sources.json"))
            .AddInMemoryCollection(new Dictionary<string, string?> { ["IngestStorage"] = "UseDevelopmentStorage=true", ["Ingest:Fetching:Contact"] = "tests@example.org" })
            .Build();
        return new ServiceCollection().AddLogging().AddIngest(configuration).BuildServiceProvider();
    }
}
