using System.Diagnostics;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ingest.Extraction;

namespace Ingest.Tests.Extraction;

public sealed class DomTextTests
{
    private static readonly HtmlParser Parser = new();

    private static readonly string[] Snippets =
    [
        "<div id=\"x\"> One \u200Btwo<p>three</p>four<br>five&nbsp;&nbsp;six <a href=\"/\">link <b>text</b></a> \uFEFF</div>",
        "<div id=\"x\"><ul><li><a href=\"/a\">Home</a></li><li><a href=\"/b\">News\u200C</a></li></ul>Loose text, after a list.</div>",
        "<div id=\"x\">\n\t  </div>",
        "<div id=\"x\"><p>  lead  </p><!-- comment --><section><h2>Sub</h2><p>Body <a href=\"/\">with a link</a>.</p></section></div>",
    ];

    public static TheoryData<int> SnippetIndexes() => [.. Enumerable.Range(0, Snippets.Length)];

    private static IElement Root(int snippet) => Parser.ParseDocument(Snippets[snippet]).GetElementById("x")!;

    [Fact]
    public void Of_BlocksLinksAndZeroWidthSpaces_OneSpaceBetweenWords()
    {
        Assert.Equal("One two three four five six link text", DomText.Of(Root(0)));
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

    [Theory]
    [MemberData(nameof(SnippetIndexes))]
    public void NonSpaceLength_AnySubtree_CountOfItsNormalizedText(int snippet)
    {
        var root = Root(snippet);

        Assert.Equal(DomText.CountNonSpace(DomText.Of(root)), DomText.NonSpaceLength(root));
    }

    [Theory]
    [MemberData(nameof(SnippetIndexes))]
    public void Measure_AnySubtree_SameFiguresAsWithLinkChars(int snippet)
    {
        var root = Root(snippet);
        var (text, linkChars) = DomText.WithLinkChars(root);

        Assert.Equal((DomText.CountNonSpace(text), linkChars), DomText.Measure(root));
    }

    [Theory]
    [MemberData(nameof(SnippetIndexes))]
    public void MeasureEach_EveryElementOfASubtree_SameFiguresAsMeasure(int snippet)
    {
        var root = Root(snippet);
        var all = DomText.Descendants(root).Prepend(root).ToHashSet();

        var measured = DomText.MeasureEach(root, all);

        Assert.All(all, element => Assert.Equal(DomText.Measure(element), measured[element]));
    }

    [Theory]
    [MemberData(nameof(SnippetIndexes))]
    public void LengthAndMarks_AnySubtree_CountsOfItsNormalizedText(int snippet)
    {
        var root = Root(snippet);
        var text = DomText.Of(root);

        Assert.Equal((DomText.CountNonSpace(text), text.Count(c => c is ',' or '.')), DomText.LengthAndMarks(root, ",."));
    }

    [Theory]
    [MemberData(nameof(SnippetIndexes))]
    public void TextLongerThan_AnyLimit_AsTextContentLength(int snippet)
    {
        var root = Root(snippet);
        var length = root.TextContent.Length;

        Assert.All(Enumerable.Range(0, length + 2), limit => Assert.Equal(length > limit, DomText.TextLongerThan(root, limit)));
    }

    [Theory]
    [InlineData("a", "a")]
    [InlineData("section", "section")]
    [InlineData("div", "div")]
    [InlineData("nav, aside, div", "nav", "aside", "div")]
    [InlineData("article", "article")]
    public void ClosestTag_TagNames_SameAsClosestWithTheirSelector(string selector, params string[] tags)
    {
        foreach (var element in DomText.Descendants(Root(3)))
        {
            Assert.Same(element.Closest(selector), DomText.ClosestTag(element, tags));
        }
    }

    [Fact]
    public void PageElements_Document_EveryElementInOrderAndTheBodysOwn()
    {
        var document = Parser.ParseDocument("<title>t</title><p>a<b>b</b></p><div><p>c</p></div>");

        var page = new PageElements(document);

        Assert.Equal(document.QuerySelectorAll("*"), page.All);
        Assert.Equal(DomText.Descendants(document.Body!), page.InBody);
    }

    [Fact]
    public void WithLinkChars_TextInLinks_CountedWithoutSpaces()
    {
        var (text, linkChars) = DomText.WithLinkChars(Root(1));

        Assert.Equal("Home News Loose text, after a list.", text);
        Assert.Equal("HomeNews\u200C".Length, linkChars);
    }

    [Fact]
    public void Descendants_NestedElements_DocumentOrder()
    {
        var names = DomText.Descendants(Root(3)).Select(e => e.LocalName);

        Assert.Equal(["p", "section", "h2", "p", "a"], names);
    }

    [Theory]
    [InlineData("article-dek", true)]
    [InlineData("intro\tDEK\nlarge", true)]
    [InlineData("dekko standfirst-wide", false)]
    [InlineData("", false)]
    [InlineData("\u017Ftandfirst", true)] // long s upper-cases to S, as ClassList's names did under ToUpperInvariant
    public void HasClass_ClassNames_MatchedWholeAndCaseInsensitive(string classes, bool expected)
    {
        var names = System.Collections.Frozen.FrozenSet.Create(StringComparer.Ordinal, "DEK", "ARTICLE-DEK", "STANDFIRST");
        var element = Parser.ParseDocument($"<div class=\"{classes}\"></div>").QuerySelector("div")!;

        Assert.Equal(expected, DomText.HasClass(element, names));
        Assert.Equal(element.ClassList.Any(c => names.Contains(c.ToUpperInvariant())), DomText.HasClass(element, names));
    }

    // AngleSharp finds a sibling by scanning the parent's children: walking siblings that way made an element with
    // 100,000 children take minutes.
    [Fact]
    public void Of_HundredThousandChildren_BoundedTime()
    {
        var html = new StringBuilder("<div id=\"x\">").Insert(12, "<span>w </span>", 100_000).Append("</div>").ToString();
        var root = Parser.ParseDocument(html).GetElementById("x")!;
        var stopwatch = Stopwatch.StartNew();

        var length = DomText.Of(root).Length + DomText.NonSpaceLength(root) + DomText.WithLinkChars(root).Text.Length
            + DomText.Descendants(root).Count();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
        Assert.Equal(199_999 + 100_000 + 199_999 + 100_000, length);
    }
}
