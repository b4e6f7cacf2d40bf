using Ingest.Extraction;

namespace Ingest.Tests.Extraction;

public sealed class TextMeasureTests
{
    [Theory]
    [MemberData(nameof(DomSnippets.SnippetIndexes), MemberType = typeof(DomSnippets))]
    public void NonSpaceLength_AnySubtree_CountOfItsNormalizedText(int snippet)
    {
        var root = DomSnippets.Root(snippet);

        Assert.Equal(DomText.CountNonSpace(DomText.Of(root)), TextMeasure.NonSpaceLength(root));
    }

    [Theory]
    [MemberData(nameof(DomSnippets.SnippetIndexes), MemberType = typeof(DomSnippets))]
    public void Measure_AnySubtree_SameFiguresAsWithLinkChars(int snippet)
    {
        var root = DomSnippets.Root(snippet);
        var (text, linkChars) = DomText.WithLinkChars(root);

        Assert.Equal((DomText.CountNonSpace(text), linkChars), TextMeasure.Measure(root));
    }

    [Theory]
    [MemberData(nameof(DomSnippets.SnippetIndexes), MemberType = typeof(DomSnippets))]
    public void MeasureEach_EveryElementOfASubtree_SameFiguresAsMeasure(int snippet)
    {
        var root = DomSnippets.Root(snippet);
        var all = DomTree.Descendants(root).Prepend(root).ToHashSet();

        var measured = TextMeasure.MeasureEach(root, all);

        Assert.All(all, element => Assert.Equal(TextMeasure.Measure(element), measured[element]));
    }

    [Theory]
    [MemberData(nameof(DomSnippets.SnippetIndexes), MemberType = typeof(DomSnippets))]
    public void LengthAndMarks_AnySubtree_CountsOfItsNormalizedText(int snippet)
    {
        var root = DomSnippets.Root(snippet);
        var text = DomText.Of(root);

        Assert.Equal((DomText.CountNonSpace(text), text.Count(c => c is ',' or '.')), TextMeasure.LengthAndMarks(root, ",."));
    }

    [Theory]
    [MemberData(nameof(DomSnippets.SnippetIndexes), MemberType = typeof(DomSnippets))]
    public void TextLongerThan_AnyLimit_AsTextContentLength(int snippet)
    {
        var root = DomSnippets.Root(snippet);
        var length = root.TextContent.Length;

        Assert.All(Enumerable.Range(0, length + 2), limit => Assert.Equal(length > limit, TextMeasure.TextLongerThan(root, limit)));
    }
}
