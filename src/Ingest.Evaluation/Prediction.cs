using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ingest.Extraction;

namespace Ingest.Evaluation;

/// <summary>What the extractor predicts for one saved page, in the shape benchmarks compare against.</summary>
/// <param name="ArticleBody">Body paragraphs joined with "\n"; empty when the page gave none.</param>
/// <param name="Title">The headline.</param>
/// <param name="Authors">Author names in byline order.</param>
/// <param name="Published">Publication time, ISO 8601 with the page's own offset, or null.</param>
/// <param name="Language">The page's language tag.</param>
/// <param name="Fields">Each field's source and confidence (absent in files written before they existed).</param>
/// <param name="Modified">Last modification, as <paramref name="Published"/> (no benchmark judges it; kept to study date misses).</param>
/// <param name="DeclaredTitle">The declared headline where it is another wording than <paramref name="Title"/>.</param>
public sealed record Prediction(
    string ArticleBody,
    string? Title,
    ImmutableArray<string> Authors,
    string? Published,
    string? Language,
    ImmutableSortedDictionary<string, PredictedField>? Fields = null,
    string? Modified = null,
    string? DeclaredTitle = null)
{
    /// <summary>The prediction for a page that yielded nothing.</summary>
    public static Prediction Empty { get; } = new(string.Empty, null, [], null, null);

    /// <summary>The confidence of <paramref name="field"/>, or null when the prediction does not say.</summary>
    public double? ConfidenceOf(string field) => Fields is { } fields && fields.TryGetValue(field, out var judged) ? judged.Confidence : null;

    /// <summary>The prediction an extraction outcome makes: empty when the page is not an article.</summary>
    public static Prediction From(ExtractionOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Article is not { } article)
        {
            return Empty;
        }

        return new Prediction(
            string.Join('\n', article.Body),
            article.Title,
            [.. article.Authors.Select(a => a.Name)],
            article.Published?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            article.Language,
            article.Confidence.ToImmutableSortedDictionary(
                f => f.Key,
                f => new PredictedField(article.Sources.GetValueOrDefault(f.Key), Math.Round(f.Value.Confidence, 2), f.Value.Agreeing),
                StringComparer.Ordinal),
            article.Modified?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            article.DeclaredTitle);
    }

    /// <summary>Reads a predictions file: <c>{"name": {articleBody, title, authors, published, language, fields, modified, declaredTitle}}</c>.</summary>
    public static Dictionary<string, Prediction> ReadAll(Stream json)
        => JsonSerializer.Deserialize(json, EvaluationJsonContext.Default.DictionaryStringPrediction)
            ?? throw new FormatException("the predictions file holds no JSON object");

    /// <summary>Writes predictions, keys in ordinal order so equal runs give equal files.</summary>
    public static void WriteAll(Stream json, IReadOnlyDictionary<string, Prediction> predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        var ordered = new SortedDictionary<string, Prediction>(predictions.ToDictionary(), StringComparer.Ordinal);
        JsonSerializer.Serialize(json, ordered, EvaluationJsonContext.Default.SortedDictionaryStringPrediction);
    }
}

/// <summary>Where a predicted field came from and how far it is to be trusted.</summary>
/// <param name="Source">The source it was read from (jsonld, meta, h1, byline, url, …).</param>
/// <param name="Confidence">The calibrated confidence, 0–1.</param>
/// <param name="Agreeing">The independent sources of the page that gave the same value.</param>
public sealed record PredictedField(string? Source, double Confidence, ImmutableArray<string> Agreeing);

/// <summary>Source-generated JSON for prediction files. Text is written unescaped where JSON allows, for readable diffs.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(Dictionary<string, Prediction>))]
[JsonSerializable(typeof(SortedDictionary<string, Prediction>))]
internal sealed partial class EvaluationJsonContext : JsonSerializerContext;
