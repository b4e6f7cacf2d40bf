using Ingest.Sources;

namespace Ingest.Tests.Sources;

public sealed class IngestOptionsValidatorTests
{
    private static IngestOptions With(SourceOptions source)
    {
        var options = new IngestOptions();
        options.Sources.Add(source);
        return options;
    }

    [Fact]
    public void Validate_GoodSource_Succeeds()
    {
        var result = new IngestOptionsValidator().Validate(null, With(new SourceOptions { Name = "scmp-opinion", Kind = SourceKind.Feed, Url = "https://www.scmp.com/rss/93/feed" }));

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_NoSources_FailsNamingTheSetting()
    {
        var result = new IngestOptionsValidator().Validate(null, new IngestOptions());

        Assert.Contains("Ingest:Sources", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bad Name", "https://a.example/", null, null, "Ingest:Sources:0:Name")]
    [InlineData("ok", "ftp://a.example/", null, null, "Ingest:Sources:0:Url")]
    [InlineData("ok", "not a url", null, null, "Ingest:Sources:0:Url")]
    [InlineData("ok", "https://a.example/", "([", null, "Ingest:Sources:0:Include")]
    [InlineData("ok", "https://a.example/", null, "a[href=", "Ingest:Sources:0:LinkSelector")]
    public void Validate_BadEntry_FailsWithPathAndReason(string name, string url, string? include, string? selector, string expectedPath)
    {
        var result = new IngestOptionsValidator().Validate(null, With(new SourceOptions { Name = name, Url = url, Include = include, LinkSelector = selector, Kind = SourceKind.Listing }));

        Assert.True(result.Failed);
        Assert.Contains(expectedPath, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DuplicateNames_Fails()
    {
        var options = With(new SourceOptions { Name = "a", Url = "https://a.example/" });
        options.Sources.Add(new SourceOptions { Name = "a", Url = "https://b.example/" });

        var result = new IngestOptionsValidator().Validate(null, options);

        Assert.Contains("Ingest:Sources:1:Name", result.FailureMessage, StringComparison.Ordinal);
    }
}
