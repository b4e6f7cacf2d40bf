using AngleSharp.Html.Parser;
using Ingest.Extraction;

namespace Ingest.Tests.Extraction;

public sealed class TagReaderTests
{
    private static Dictionary<string, List<string>> Meta(string head)
        => MetaTagReader.MetaValues(new PageElements(new HtmlParser().ParseDocument($"<html><head>{head}</head></html>")));

    private static readonly JsonLdArticle WithKeywords = new() { Type = "NewsArticle", Keywords = ["Council", "Transport"] };

    [Fact]
    public void TagsOf_ArticleTagMeta_BeatsJsonLdKeywords()
    {
        var meta = Meta("""<meta property="article:tag" content="Buses"><meta property="article:tag" content="Routes">""");

        Assert.Equal<string>(["Buses", "Routes"], TagReader.TagsOf(WithKeywords, meta));
    }

    [Fact]
    public void TagsOf_OnlyJsonLdKeywords_UsesThem()
    {
        Assert.Equal<string>(["Council", "Transport"], TagReader.TagsOf(WithKeywords, Meta(string.Empty)));
    }

    [Fact]
    public void TagsOf_KeywordsMeta_SplitTrimmedAndEachOnce()
    {
        var meta = Meta("""<meta name="news_keywords" content="Buses, transport , buses,,">""");

        Assert.Equal<string>(["Buses", "transport"], TagReader.TagsOf(null, meta));
    }
}
