using System.Text;
using System.Text.Json;
using Ingest.Extraction;
using Ingest.Records;

namespace Ingest.Tests.Extraction;

/// <summary>
/// One case per folder under Extraction/Golden: <c>source.html</c> and a hand-written <c>expected.json</c>. Only the
/// fields the expected file names are compared, so a case states exactly what it is about.
/// </summary>
public sealed class GoldenTests
{
    private static readonly string GoldenRoot = Path.Combine(AppContext.BaseDirectory, "Extraction", "Golden");
    private static readonly ArticleExtractor Extractor = new();

    public static TheoryData<string> Cases()
    {
        var cases = new TheoryData<string>();
        foreach (var directory in Directory.GetDirectories(GoldenRoot).Order(StringComparer.Ordinal))
        {
            cases.Add(Path.GetFileName(directory));
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Extract_GoldenCase_MatchesExpected(string name)
    {
        var directory = Path.Combine(GoldenRoot, name);
        using var expectedJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "expected.json"), Encoding.UTF8));
        var expected = expectedJson.RootElement;
        var page = new PageInput(
            File.ReadAllBytes(Path.Combine(directory, "source.html")),
            new Uri(expected.GetProperty("url").GetString()!),
            expected.TryGetProperty("contentType", out var contentType) ? contentType.GetString() : null);

        var outcome = Extractor.Extract(page);

        Assert.Null(outcome.Rejection);
        var article = outcome.Article!;
        foreach (var field in expected.EnumerateObject())
        {
            switch (field.Name)
            {
                case "url" or "contentType":
                    break;
                case "profile":
                    Assert.Equal(field.Value.GetString(), outcome.Profile);
                    break;
                case "profileDrift":
                    Assert.Equal(Strings(field.Value), outcome.ProfileDrift.ToArray());
                    break;
                case "sources":
                    foreach (var source in field.Value.EnumerateObject())
                    {
                        Assert.Equal((source.Name, source.Value.GetString()), (source.Name, article.Sources.GetValueOrDefault(source.Name)));
                    }

                    break;
                case "title":
                    Assert.Equal(field.Value.GetString(), article.Title);
                    break;
                case "subtitle":
                    Assert.Equal(field.Value.GetString(), article.Subtitle);
                    break;
                case "body":
                    Assert.Equal(Strings(field.Value), article.Body);
                    break;
                case "bodyStartsWith":
                    Assert.StartsWith(field.Value.GetString()!, article.Body[0], StringComparison.Ordinal);
                    break;
                case "bodyContains":
                    Assert.Contains(article.Body, p => p.Contains(field.Value.GetString()!, StringComparison.Ordinal));
                    break;
                case "bodyExcludes":
                    foreach (var text in Strings(field.Value))
                    {
                        Assert.DoesNotContain(article.Body, p => p.Contains(text, StringComparison.Ordinal));
                    }

                    break;
                case "authors":
                    Assert.Equal(
                        field.Value.EnumerateArray().Select(a => new ArticleAuthor(
                            a.GetProperty("name").GetString()!,
                            a.TryGetProperty("role", out var role) ? role.GetString() : null,
                            a.TryGetProperty("url", out var url) ? url.GetString() : null)),
                        article.Authors);
                    break;
                case "published":
                    AssertSameInstantAndOffset(field.Value, article.Published);
                    break;
                case "modified":
                    AssertSameInstantAndOffset(field.Value, article.Modified);
                    break;
                case "section":
                    Assert.Equal(field.Value.GetString(), article.Section);
                    break;
                case "language":
                    Assert.Equal(field.Value.GetString(), article.Language);
                    break;
                case "siteName":
                    Assert.Equal(field.Value.GetString(), article.SiteName);
                    break;
                case "genre":
                    Assert.Equal(field.Value.GetString(), article.Genre);
                    break;
                case "isAccessibleForFree":
                    Assert.Equal(field.Value.ValueKind == JsonValueKind.Null ? null : field.Value.GetBoolean(), article.IsAccessibleForFree);
                    break;
                case "canonicalUrl":
                    Assert.Equal(field.Value.GetString(), article.CanonicalUrl);
                    break;
                case "tags":
                    Assert.Equal(Strings(field.Value), article.Tags);
                    break;
                case "copyright":
                    Assert.Equal(field.Value.GetString(), article.Copyright);
                    break;
                case "translation":
                    Assert.Equal(
                        new TranslationProvenance(
                            field.Value.GetProperty("translatedBy").GetString(),
                            field.Value.GetProperty("originalPublisher").GetString(),
                            field.Value.GetProperty("originalPublisherAbbreviation").GetString(),
                            field.Value.GetProperty("originalTitle").GetString(),
                            field.Value.GetProperty("originalUrl").GetString()),
                        article.Translation);
                    break;
                case "images":
                    Assert.Equal(
                        field.Value.EnumerateArray().Select(i => new ArticleImage(i.GetProperty("url").GetString()!, i.GetProperty("caption").GetString())),
                        article.Images);
                    break;
                default:
                    Assert.Fail($"expected.json of '{name}' names an unknown field '{field.Name}'");
                    break;
            }
        }
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    private static void AssertSameInstantAndOffset(JsonElement expected, DateTimeOffset? actual)
    {
        if (expected.ValueKind == JsonValueKind.Null)
        {
            Assert.Null(actual);
            return;
        }

        var value = DateTimeOffset.Parse(expected.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotNull(actual);
        Assert.Equal(value, actual.Value);
        Assert.Equal(value.Offset, actual.Value.Offset);
    }
}
