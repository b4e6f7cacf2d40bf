using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Ingest.Records;

/// <summary>
/// Writes an <see cref="ArticleRecord"/> as one flat JSON object, the archive's format since schema version 1: the
/// identity (schemaVersion, articleId, source, url), then the article's own fields as <see cref="RecordJsonContext"/>
/// writes an <see cref="Extraction.Article"/>, then fieldSources, fieldConfidence, contentHash, parserVersion and provenance. Reading
/// takes the identity and provenance out and reads what is left as the article, so an unknown field is still refused.
/// </summary>
public sealed class ArticleRecordJsonConverter : JsonConverter<ArticleRecord>
{
    private const string SchemaVersion = "schemaVersion";
    private const string ArticleId = "articleId";
    private const string Source = "source";
    private const string Url = "url";
    private const string FieldSources = "fieldSources";
    private const string FieldConfidence = "fieldConfidence";
    private const string ContentHash = "contentHash";
    private const string ParserVersion = "parserVersion";
    private const string Provenance = "provenance";

    /// <inheritdoc />
    public override ArticleRecord Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (JsonNode.Parse(ref reader) is not JsonObject json)
        {
            throw new JsonException("An article record is a JSON object.");
        }

        var context = RecordJsonContext.Default;
        var schemaVersion = Take(json, SchemaVersion)!.GetValue<int>();
        var articleId = Take(json, ArticleId)!.GetValue<string>();
        var source = Take(json, Source)!.GetValue<string>();
        var url = Take(json, Url)!.GetValue<string>();
        var contentHash = Take(json, ContentHash)!.GetValue<string>();
        var parserVersion = Take(json, ParserVersion)!.GetValue<string>();
        var provenance = Take(json, Provenance)!.Deserialize(context.RecordProvenance)
            ?? throw new JsonException($"The record's '{Provenance}' is null.");
        var fieldSources = Take(json, FieldSources, required: false)?.Deserialize(context.ImmutableSortedDictionaryStringString);
        var fieldConfidence = Take(json, FieldConfidence, required: false)?.Deserialize(context.ImmutableSortedDictionaryStringDouble);
        foreach (var field in (ReadOnlySpan<string>)["title", "body"])
        {
            if (!json.ContainsKey(field))
            {
                throw new JsonException($"The record lacks its required '{field}'.");
            }
        }

        var article = json.Deserialize(context.Article) ?? throw new JsonException("The record has no article fields.");
        return new ArticleRecord
        {
            SchemaVersion = schemaVersion,
            ArticleId = articleId,
            Source = source,
            Url = url,
            Article = article with
            {
                Sources = fieldSources ?? article.Sources,
                Confidence = fieldConfidence is null ? article.Confidence
                    : fieldConfidence.ToImmutableSortedDictionary(f => f.Key, f => new Extraction.FieldJudgement(f.Value, []), StringComparer.Ordinal),
            },
            ContentHash = contentHash,
            ParserVersion = parserVersion,
            Provenance = provenance,
        };
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ArticleRecord value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        var context = RecordJsonContext.Default;
        writer.WriteStartObject();
        writer.WriteNumber(SchemaVersion, value.SchemaVersion);
        writer.WriteString(ArticleId, value.ArticleId);
        writer.WriteString(Source, value.Source);
        writer.WriteString(Url, value.Url);
        using (var article = JsonSerializer.SerializeToDocument(value.Article, context.Article))
        {
            foreach (var field in article.RootElement.EnumerateObject())
            {
                field.WriteTo(writer);
            }
        }

        if (!value.Article.Sources.IsEmpty)
        {
            writer.WritePropertyName(FieldSources);
            JsonSerializer.Serialize(writer, value.Article.Sources, context.ImmutableSortedDictionaryStringString);
        }

        if (!value.Article.Confidence.IsEmpty)
        {
            writer.WritePropertyName(FieldConfidence);
            var numbers = value.Article.Confidence.ToImmutableSortedDictionary(f => f.Key, f => Math.Round(f.Value.Confidence, 2), StringComparer.Ordinal);
            JsonSerializer.Serialize(writer, numbers, context.ImmutableSortedDictionaryStringDouble);
        }

        writer.WriteString(ContentHash, value.ContentHash);
        writer.WriteString(ParserVersion, value.ParserVersion);
        writer.WritePropertyName(Provenance);
        JsonSerializer.Serialize(writer, value.Provenance, context.RecordProvenance);
        writer.WriteEndObject();
    }

    private static JsonNode? Take(JsonObject json, string name, bool required = true)
    {
        if (!json.Remove(name, out var node) && required)
        {
            throw new JsonException($"The record lacks its required '{name}'.");
        }

        if (node is null && required)
        {
            throw new JsonException($"The record's '{name}' is null.");
        }

        return node;
    }
}
