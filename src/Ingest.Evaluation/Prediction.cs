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
public sealed record Prediction(
    string ArticleBody,
    string? Title,
    ImmutableArray<string> Authors,
    string? Published,
    string? Language)
{
    /// <summary>The prediction for a page that yielded nothing.</summary>
    public static Prediction Empty { get; } = new(string.Empty, null, [], null, null);

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
            article.Language);
    }

    /// <summary>Reads a predictions file: <c>{"name": {articleBody, title, authors, published, language}}</c>.</summary>
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

/// <summary>Source-generated JSON for prediction files. Text is written unescaped where JSON allows, for readable diffs.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(Dictionary<string, Prediction>))]
[JsonSerializable(typeof(SortedDictionary<string, Prediction>))]
internal sealed partial class EvaluationJsonContext : JsonSerializerContext;
