using AngleSharp.Html.Parser;
using Ingest.Extraction;

namespace Ingest.Tests.Extraction;

public sealed class MetaTagReaderTests
{
    private static Dictionary<string, List<string>> Meta(string head)
        => MetaTagReader.MetaValues(new PageElements(new HtmlParser().ParseDocument($"<html><head>{head}</head><body></body></html>")));

    [Fact]
    public void MetaValues_PropertyNameItempropAndHttpEquiv_KeyedIgnoringCaseValuesInOrder()
    {
        var meta = Meta("""
            <meta property="og:title" content=" Council   expands ">
            <meta name="Author" content="Jane Doe"><meta name="author" content="John Roe">
            <meta itemprop="datePublished" content="2024-05-03">
            <meta http-equiv="content-language" content="en-GB">
            <meta name="description" content="  ">
            """);

        Assert.Equal(["Council expands"], meta["OG:TITLE"]);
        Assert.Equal(["Jane Doe", "John Roe"], meta["author"]);
        Assert.Equal(["2024-05-03"], meta["datepublished"]);
        Assert.Equal(["en-GB"], meta["content-language"]);
        Assert.False(meta.ContainsKey("description")); // nothing but spaces is no value
    }

    [Theory]
    [InlineData("<meta property=\"og:title\" content=\"From og\">", "From og")]
    [InlineData("<meta property=\"og:title\" content=\"From og\"><meta name=\"twitter:title\" content=\"From twitter\">", "From twitter")]
    [InlineData("", null)]
    public void First_SeveralKeys_TheFirstKeyPresentWins(string head, string? expected)
    {
        Assert.Equal(expected, MetaTagReader.First(Meta(head), "twitter:title", "og:title"));
    }

    [Fact]
    public void FirstDate_FirstValueNotADate_TakesTheNextOneThatIs()
    {
        var meta = Meta("""<meta name="date" content="soon"><meta name="date" content="2024-05-03T10:00:00+09:00">""");

        Assert.Equal(new DateTimeOffset(2024, 5, 3, 10, 0, 0, TimeSpan.FromHours(9)), MetaTagReader.FirstDate(meta, ["pubdate", "date"]));
    }
}
