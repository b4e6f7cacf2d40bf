using AngleSharp.Html.Parser;
using Ingest.Extraction;

namespace Ingest.Tests.Extraction;

public sealed class LanguageReaderTests
{
    private static (string? Value, string? Source) LanguageOf(string html, string? jsonLdLanguage = null)
    {
        var document = new HtmlParser().ParseDocument(html);
        var jsonLd = jsonLdLanguage is null ? null : new JsonLdArticle { Type = "NewsArticle", Language = jsonLdLanguage };
        return LanguageReader.LanguageOf(document, jsonLd, MetaTagReader.MetaValues(new PageElements(document)));
    }

    [Fact]
    public void LanguageOf_JsonLdAndHtmlLang_JsonLdWins()
    {
        Assert.Equal(("ko", FieldSource.JsonLd), LanguageOf("<html lang=\"en\"><head></head></html>", "ko"));
    }

    [Fact]
    public void LanguageOf_OnlyOgLocale_ABcp47Tag()
    {
        Assert.Equal(("en-GB", FieldSource.Meta), LanguageOf("<html><head><meta property=\"og:locale\" content=\"en_GB\"></head></html>"));
    }

    [Fact]
    public void LanguageOf_HtmlLangThatIsNoTag_IsNotRead()
    {
        Assert.Equal((null, null), LanguageOf("<html lang=\"English (UK)\"><head></head></html>"));
    }
}
