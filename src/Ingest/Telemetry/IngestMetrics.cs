using System.Diagnostics.Metrics;

namespace Ingest.Telemetry;

/// <summary>A field of an extracted article whose absence is counted per site.</summary>
public enum ArticleField
{
    /// <summary>The headline.</summary>
    Title,

    /// <summary>At least one author.</summary>
    Authors,

    /// <summary>The publication date.</summary>
    Published,

    /// <summary>At least one body paragraph.</summary>
    Body,
}

/// <summary>
/// The pipeline's metrics, on the <see cref="System.Diagnostics.Metrics.Meter"/> named <see cref="MeterName"/>:
/// article counters tagged by source (<c>ingest.source</c>) and stage (<c>ingest.stage</c>: ingest or reparse),
/// the extraction duration, and fields missing from extracted articles per source and field, so a site whose
/// markup changed shows up as a rise in missing authors or dates. Recorded only through <c>OutcomeTally</c>, so
/// the run summary and the exported metrics count the same things.
/// </summary>
public sealed class IngestMetrics
{
    /// <summary>The meter name to subscribe to (OpenTelemetry <c>AddMeter</c>, <c>dotnet-counters</c>).</summary>
    public const string MeterName = "Ingest";

    /// <summary>Tag: the configured source name.</summary>
    public const string SourceTag = "ingest.source";

    /// <summary>Tag: <c>ingest</c> (fetch and parse) or <c>reparse</c> (parse a stored page again).</summary>
    public const string StageTag = "ingest.stage";

    /// <summary>Tag: the missing field (title, authors, published, body).</summary>
    public const string FieldTag = "ingest.field";

    /// <summary>Tag: the kind of a fetch failure ("dns-failure", "timeout", "http-503", "robots-disallowed", …).</summary>
    public const string FailureTag = "ingest.failure";

    /// <summary>Tag: <c>retried</c> (a transient failure the queue tries again), <c>final</c> (the page's answer, or the last attempt).</summary>
    public const string EndTag = "ingest.end";

    /// <summary>The source tag value when a failed message names no readable source.</summary>
    public const string UnknownSource = "unknown";

    private readonly Dictionary<string, Counter<long>> _articles;
    private readonly Histogram<double> _extractionDuration;
    private readonly Counter<long> _fieldsMissing;
    private readonly Counter<long> _fetchFailures;
    private readonly Counter<long> _driftAlarms;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public IngestMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _articles = new Dictionary<string, Counter<long>>(StringComparer.Ordinal);
        foreach (var (name, description) in new[]
        {
            ("discovered", "Article links enqueued by discovery."),
            ("fetched", "Article pages fetched with content (stored, unchanged or not an article)."),
            ("stored", "New record revisions stored."),
            ("unchanged", "Articles whose content is what is stored already."),
            ("gone", "Article pages gone (404/410)."),
            ("not-an-article", "Pages that are not articles."),
            ("refused", "Articles refused by a rule (address, host, size) or an HTTP status."),
            ("not-stored", "Re-parse requests for articles with nothing stored."),
            ("already-done", "Repeated ingest requests whose page was fetched after they were made: not fetched again."),
            ("duplicate", "Copies of work a running host was doing at the same moment: dropped, not fetched or parsed twice."),
            ("retried", "Message attempts that failed and will be retried."),
            ("failed", "Messages that failed on their last attempt, and failed discoveries of a source."),
        })
        {
            _articles[name] = meter.CreateCounter<long>("ingest.articles." + name.Replace('-', '_'), "{article}", description);
        }

        _extractionDuration = meter.CreateHistogram<double>(
            "ingest.extraction.duration", "s", "Time to extract one page into an article.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
        _fieldsMissing = meter.CreateCounter<long>("ingest.fields.missing", "{field}", "Fields missing from extracted articles, per source and field.");
        _fetchFailures = meter.CreateCounter<long>("ingest.fetch.failures", "{fetch}", "Fetches that gave no page, per source, kind of failure, and whether it is retried or final.");
        _driftAlarms = meter.CreateCounter<long>("ingest.drift.alarms", "{field}", "Fields of a source that fell in a run (drift), per source, field and kind (coverage or profile).");
    }

    /// <summary>Counts one field of a drift alarm (the drift check raises them, not <c>OutcomeTally</c>).</summary>
    internal void DriftAlarm(string source, string field, string kind) =>
        _driftAlarms.Add(1, new KeyValuePair<string, object?>(SourceTag, source), new KeyValuePair<string, object?>(FieldTag, field), new KeyValuePair<string, object?>("ingest.drift.kind", kind));

    /// <summary>Counts one fetch that gave no page.</summary>
    internal void FetchFailed(string source, string kind, bool final) =>
        _fetchFailures.Add(1, new KeyValuePair<string, object?>(SourceTag, source), new KeyValuePair<string, object?>(FailureTag, kind), new KeyValuePair<string, object?>(EndTag, final ? "final" : "retried"));

    /// <summary>The counter names, as the run summary and <c>OutcomeTally</c> name them.</summary>
    public IEnumerable<string> CounterNames => _articles.Keys;

    /// <summary>Adds to the article counter <paramref name="name"/> (one of <see cref="CounterNames"/>).</summary>
    internal void Count(string name, string source, string stage, int n = 1)
    {
        if (n > 0 && _articles.TryGetValue(name, out var counter))
        {
            counter.Add(n, new KeyValuePair<string, object?>(SourceTag, source), new KeyValuePair<string, object?>(StageTag, stage));
        }
    }

    /// <summary>Records one extraction's duration.</summary>
    internal void Extracted(string source, string stage, TimeSpan duration) =>
        _extractionDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>(SourceTag, source), new KeyValuePair<string, object?>(StageTag, stage));

    /// <summary>Counts one missing field of an extracted article.</summary>
    internal void FieldMissing(string source, ArticleField field) =>
        _fieldsMissing.Add(1, new KeyValuePair<string, object?>(SourceTag, source), new KeyValuePair<string, object?>(FieldTag, FieldName(field)));

    /// <summary>The tag value of a field.</summary>
    public static string FieldName(ArticleField field) => field switch
    {
        ArticleField.Title => "title",
        ArticleField.Authors => "authors",
        ArticleField.Published => "published",
        ArticleField.Body => "body",
        _ => field.ToString().ToLowerInvariant(),
    };
}
