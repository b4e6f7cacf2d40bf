using System.Diagnostics;
using System.Text;
using Ingest.Extraction;

namespace Ingest.Tests.Extraction;

public sealed class DomTextTests
{
    [Fact]
    public void Of_BlocksLinksAndZeroWidthSpaces_OneSpaceBetweenWords()
    {
        Assert.Equal("One two three four five six link text", DomText.Of(DomSnippets.Root(0)));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("plain text", "plain text")]
    [InlineData("  padded  ", "padded")]
    [InlineData("a\u00A0\u00A0b", "a b")]
    [InlineData("a\u200Bb", "a b")]
    [InlineData("a \n b", "a b")]
    [InlineData("\u200B", "")]
    [InlineData("tab\tinside", "tab inside")]
    public void Normalize_Whitespace_CollapsedAndTrimmed(string text, string expected)
    {
        Assert.Equal(expected, DomText.Normalize(text));
    }

    [Fact]
    public void WithLinkChars_TextInLinks_CountedWithoutSpaces()
    {
        var (text, linkChars) = DomText.WithLinkChars(DomSnippets.Root(1));

        Assert.Equal("Home News Loose text, after a list.", text);
        Assert.Equal("HomeNews\u200C".Length, linkChars);
    }

    // AngleSharp finds a sibling by scanning the parent's children: walking siblings that way made an element with
    // 100,000 children take minutes.
    [Fact]
    public void Of_HundredThousandChildren_BoundedTime()
    {
        var html = new StringBuilder("<div id=\"x\">").Insert(12, "<span>w </span>", 100_000).Append("</div>").ToString();
        var root = DomSnippets.Parser.ParseDocument(html).GetElementById("x")!;
        var stopwatch = Stopwatch.StartNew();

        var length = DomText.Of(root).Length + TextMeasure.NonSpaceLength(root) + DomText.WithLinkChars(root).Text.Length
            + DomTree.Descendants(root).Count();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
        Assert.Equal(199_999 + 100_000 + 199_999 + 100_000, length);
    }
}
