using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ingest.Extraction;
using Ingest.Records;

namespace Ingest.Tests.Records;

/// <summary>
/// The record's JSON is the archive's format and the article's JSON is what the content hash is taken of: both are
/// pinned here, so a change to the one article type cannot silently change stored records or every hash.
/// </summary>
public sealed class ArticleRecordJsonTests
{
    private static readonly Article Sample = new()
    {
        Title = "A title",
        Body = ["First paragraph.", "Second paragraph."],
        Authors = [new ArticleAuthor("Gabriela Bernal", "North Korea analyst")],
        Published = new DateTimeOffset(2025, 9, 10, 15, 30, 22, TimeSpan.FromHours(9)),
        Language = "en",
        CanonicalUrl = "https://example.com/a",
        Translation = new TranslationProvenance("Asia Business Daily", "South China Morning Post", "SCMP", "Original"),
        Copyright = "(c) Example",
        Sources = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("title", FieldSource.JsonLd)]),
        Confidence = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("title", new FieldJudgement(0.96, [FieldSource.JsonLd, FieldSource.Heading]))]),
    };

    private static readonly RecordProvenance Provenance = new()
    {
        Revision = 2,
        Reason = RevisionReason.Reparse,
        SnapshotId = new string('a', 64),
        FetchedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        ExtractedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 6, TimeSpan.Zero),
        FetchedUrl = "https://example.com/a",
        RunId = "run-1",
    };

    [Fact]
    public void ContentHashOf_Article_IsSha256OfItsFieldsInTheirFixedOrderWithoutSources()
    {
        // The order and names ExtractedArticle had through parser 0.4.0: the hashes in every stored record depend on it.
        const string Expected = """{"title":"A title","body":["First paragraph.","Second paragraph."],"authors":[{"name":"Gabriela Bernal","role":"North Korea analyst"}],"published":"2025-09-10T15:30:22+09:00","language":"en","canonicalUrl":"https://example.com/a","images":[],"tags":[],"translation":{"translatedBy":"Asia Business Daily","originalPublisher":"South China Morning Post","originalPublisherAbbreviation":"SCMP","originalTitle":"Original"},"copyright":"(c) Example"}""";

        Assert.Equal(Expected, Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(Sample, RecordJsonContext.Default.Article)));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Expected))), RecordFactory.ContentHashOf(Sample));
    }

    [Theory]
    [InlineData("asiae-en-column", "http://127.0.0.1:47080/asiae/en/article/2025091015302212345.html", "4149ba21bfb87249df836533a8abaeaa8c08491df1f0d0bededbb837cdb37316")]
    [InlineData("scmp-opinion-playbook", "http://127.0.0.1:47080/scmp/comment/opinion/article/3046526/playbook.html", "ac215b9635718eab79942c8c1cbc831cd68f75563e5f8c597eeff050efe08464")]
    public void ContentHashOf_DemoPageAtParser040_EqualsTheHashItsStoredRecordCarries(string golden, string url, string storedHash)
    {
        // The hashes the demo run stored with parser 0.4.0 before the article's fields became one type: a re-parse
        // of an archive made then must find the same content and write no revision (parser 0.5.0 changed what these
        // pages' records say of their fields, not the fields). Parser 0.6.0 adds one field, the declared headline
        // where it is another wording (the SCMP page's og:title): without it the content is the same.
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Extraction", "Golden", golden, "source.html"));
        var article = new ArticleExtractor().Extract(new PageInput(bytes, new Uri(url), "text/html; charset=utf-8")).Article!;

        Assert.Equal(storedHash, RecordFactory.ContentHashOf(article with { DeclaredTitle = null }));
        Assert.Equal(golden == "scmp-opinion-playbook" ? "Carrie Lam should study Tsai Ing-wen’s playbook" : null, article.DeclaredTitle);
    }

    [Fact]
    public void Serialize_Record_IsFlatWithTheArticleFieldsBesideTheIdentity()
    {
        var record = RecordFactory.Create(ArticleId.FromCanonicalUrl(new Uri("https://example.com/a")), "src", new Uri("https://example.com/a"), Sample, Provenance);

        using var json = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(record, RecordJsonContext.Default.ArticleRecord));

        string[] names = [.. json.RootElement.EnumerateObject().Select(p => p.Name)];
        Assert.Equal(
            ["schemaVersion", "articleId", "source", "url", "title", "body", "authors", "published", "language", "canonicalUrl", "images", "tags", "translation", "copyright", "fieldSources", "fieldConfidence", "contentHash", "parserVersion", "provenance"],
            names);
        Assert.Equal("jsonld", json.RootElement.GetProperty("fieldSources").GetProperty("title").GetString());
        Assert.Equal(0.96, json.RootElement.GetProperty("fieldConfidence").GetProperty("title").GetDouble());
        Assert.Equal(2, json.RootElement.GetProperty("provenance").GetProperty("revision").GetInt32());
    }

    [Fact]
    public void Deserialize_WrittenRecord_ReadsBackTheSameRecord()
    {
        var record = RecordFactory.Create(ArticleId.FromCanonicalUrl(new Uri("https://example.com/a")), "src", new Uri("https://example.com/a"), Sample, Provenance);
        var json = JsonSerializer.Serialize(record, RecordJsonContext.Default.ArticleRecord);

        var read = JsonSerializer.Deserialize(json, RecordJsonContext.Default.ArticleRecord)!;

        Assert.Equal(json, JsonSerializer.Serialize(read, RecordJsonContext.Default.ArticleRecord));
        Assert.Equal(Sample.Sources, read.Article.Sources);
        Assert.Equal(0.96, read.Article.Confidence["title"].Confidence);
        Assert.Equal(record.ContentHash, RecordFactory.ContentHashOf(read.Article));
    }

    [Theory]
    [InlineData("\"title\":\"A title\",", "'title'")]
    [InlineData("\"contentHash\":", "'contentHash'")]
    public void Deserialize_RecordMissingARequiredField_ThrowsNamingIt(string removed, string named)
    {
        var record = RecordFactory.Create(ArticleId.FromCanonicalUrl(new Uri("https://example.com/a")), "src", new Uri("https://example.com/a"), Sample, Provenance);
        var json = JsonSerializer.Serialize(record, RecordJsonContext.Default.ArticleRecord);
        var at = json.IndexOf(removed, StringComparison.Ordinal);
        var broken = removed.StartsWith("\"contentHash", StringComparison.Ordinal)
            ? json[..at] + "\"otherHash\":" + json[(at + removed.Length)..]
            : json.Remove(at, removed.Length);

        var error = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(broken, RecordJsonContext.Default.ArticleRecord));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_RecordWithAnUnknownField_Throws()
    {
        var record = RecordFactory.Create(ArticleId.FromCanonicalUrl(new Uri("https://example.com/a")), "src", new Uri("https://example.com/a"), Sample, Provenance);
        var json = JsonSerializer.Serialize(record, RecordJsonContext.Default.ArticleRecord);

        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize("{\"surprise\":1," + json[1..], RecordJsonContext.Default.ArticleRecord));
    }
}
