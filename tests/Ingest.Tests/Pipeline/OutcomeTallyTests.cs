using System.Diagnostics.Metrics;
using Ingest.Extraction;
using Ingest.Pipeline;
using Ingest.Records;
using Ingest.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Ingest.Tests.Pipeline;

/// <summary>The tally and the "Ingest" meter are fed by one call: both must count the same things.</summary>
public sealed class OutcomeTallyTests : IDisposable
{
    private readonly ServiceProvider _services = Support.Services.Build();

    private OutcomeTally Tally => _services.GetRequiredService<OutcomeTally>();

    public void Dispose() => _services.Dispose();

    private MetricCollector<T> Collect<T>(string instrument)
        where T : struct =>
        new(_services.GetRequiredService<IMeterFactory>(), IngestMetrics.MeterName, instrument);

    private static ArticleOutcome Outcome(ArticleOutcomeKind kind, string? source = "site-a") =>
        new(kind, "example.org_0123", "https://example.org/a", Source: source);

    [Fact]
    public void RecordOutcome_StoredByIngest_CountsFetchedAndStoredForTheSource()
    {
        using var stored = Collect<long>("ingest.articles.stored");
        using var fetched = Collect<long>("ingest.articles.fetched");

        Tally.RecordOutcome(Outcome(ArticleOutcomeKind.Stored), reparse: false);

        var measurement = Assert.Single(stored.GetMeasurementSnapshot());
        Assert.Equal(1, measurement.Value);
        Assert.Equal("site-a", measurement.Tags[IngestMetrics.SourceTag]);
        Assert.Equal("ingest", measurement.Tags[IngestMetrics.StageTag]);
        Assert.Equal(1, Assert.Single(fetched.GetMeasurementSnapshot()).Value);
        Assert.Equal(1, Tally["stored"]);
        Assert.Equal(1, Tally.CountOf("site-a", "stored"));
        Assert.Equal(1, Tally.CountOf("site-a", "fetched"));
        Assert.Equal(["site-a"], Tally.Sources);
    }

    [Fact]
    public void RecordOutcome_StoredByReparse_TagsTheStageAndKeepsTheSummaryName()
    {
        using var stored = Collect<long>("ingest.articles.stored");
        using var fetched = Collect<long>("ingest.articles.fetched");

        Tally.RecordOutcome(Outcome(ArticleOutcomeKind.Stored), reparse: true);

        Assert.Equal("reparse", Assert.Single(stored.GetMeasurementSnapshot()).Tags[IngestMetrics.StageTag]);
        Assert.Empty(fetched.GetMeasurementSnapshot());
        Assert.Equal(1, Tally["reparse-stored"]);
        Assert.Equal(0, Tally["stored"]);
    }

    [Theory]
    [InlineData(ArticleOutcomeKind.Unchanged, "ingest.articles.unchanged")]
    [InlineData(ArticleOutcomeKind.Refused, "ingest.articles.refused")]
    [InlineData(ArticleOutcomeKind.Gone, "ingest.articles.gone")]
    [InlineData(ArticleOutcomeKind.NotAnArticle, "ingest.articles.not_an_article")]
    public void RecordOutcome_EachKind_CountsItsInstrument(ArticleOutcomeKind kind, string instrument)
    {
        using var collector = Collect<long>(instrument);

        Tally.RecordOutcome(Outcome(kind), reparse: false);
        Tally.RecordOutcome(Outcome(kind, "site-b"), reparse: false);

        Assert.Equal(["site-a", "site-b"], collector.GetMeasurementSnapshot().Select(m => m.Tags[IngestMetrics.SourceTag]).Order());
    }

    [Fact]
    public void RecordDiscovery_FailedSource_CountsDiscoveredAndFailedForIt()
    {
        using var discovered = Collect<long>("ingest.articles.discovered");
        using var failed = Collect<long>("ingest.articles.failed");

        Tally.RecordDiscovery(new SourceDiscovery("site-a", Found: 10, Enqueued: 7, Known: 3, Error: null));
        Tally.RecordDiscovery(new SourceDiscovery("site-b", Found: 0, Enqueued: 0, Known: 0, Error: "feed not fetched"));

        var measurement = Assert.Single(discovered.GetMeasurementSnapshot());
        Assert.Equal(7, measurement.Value);
        Assert.Equal("site-a", measurement.Tags[IngestMetrics.SourceTag]);
        Assert.Equal("site-b", Assert.Single(failed.GetMeasurementSnapshot()).Tags[IngestMetrics.SourceTag]);
        Assert.Equal(7, Tally["discovered"]);
        Assert.Equal(1, Tally.CountOf("site-b", "failed"));
    }

    [Fact]
    public void RecordFinalFailure_NoSource_TagsUnknown()
    {
        using var failed = Collect<long>("ingest.articles.failed");

        Tally.RecordFinalFailure("ingest-requests", "message is not JSON");

        Assert.Equal(IngestMetrics.UnknownSource, Assert.Single(failed.GetMeasurementSnapshot()).Tags[IngestMetrics.SourceTag]);
        Assert.Equal(1, Tally["failed"]);
    }

    [Fact]
    public void RecordExtraction_ArticleWithoutAuthorsOrDate_CountsThoseFieldsMissing()
    {
        using var missing = Collect<long>("ingest.fields.missing");
        var article = new Article { Title = "A headline", Body = ["One paragraph."] };

        Tally.RecordExtraction("site-a", null, reparse: false, TimeSpan.FromMilliseconds(12), ExtractionOutcome.Found(article));

        Assert.Equal(["authors", "published"], missing.GetMeasurementSnapshot().Select(m => m.Tags[IngestMetrics.FieldTag]).Order());
        Assert.All(missing.GetMeasurementSnapshot(), m => Assert.Equal("site-a", m.Tags[IngestMetrics.SourceTag]));
        Assert.Equal(1, Tally.MissingOf("site-a", ArticleField.Authors));
        Assert.Equal(1, Tally.MissingOf("site-a", ArticleField.Published));
        Assert.Equal(0, Tally.MissingOf("site-a", ArticleField.Title));
        Assert.Equal(0, Tally.MissingOf("site-a", ArticleField.Body));
    }

    [Fact]
    public void RecordExtraction_CompleteArticle_CountsNothingMissingAndRecordsSeconds()
    {
        using var missing = Collect<long>("ingest.fields.missing");
        using var duration = Collect<double>("ingest.extraction.duration");
        var article = new Article
        {
            Title = "A headline",
            Body = ["One paragraph."],
            Authors = [new ArticleAuthor("A. Writer")],
            Published = DateTimeOffset.UnixEpoch,
        };

        Tally.RecordExtraction("site-a", null, reparse: true, TimeSpan.FromMilliseconds(250), ExtractionOutcome.Found(article));

        Assert.Empty(missing.GetMeasurementSnapshot());
        var measurement = Assert.Single(duration.GetMeasurementSnapshot());
        Assert.Equal(0.25, measurement.Value, 6);
        Assert.Equal("reparse", measurement.Tags[IngestMetrics.StageTag]);
    }

    [Fact]
    public void RecordExtraction_NotAnArticle_RecordsDurationOnly()
    {
        using var missing = Collect<long>("ingest.fields.missing");
        using var duration = Collect<double>("ingest.extraction.duration");

        Tally.RecordExtraction("site-a", null, reparse: false, TimeSpan.FromMilliseconds(3), ExtractionOutcome.NotAnArticle("no body"));

        Assert.Empty(missing.GetMeasurementSnapshot());
        Assert.Single(duration.GetMeasurementSnapshot());
    }
}
