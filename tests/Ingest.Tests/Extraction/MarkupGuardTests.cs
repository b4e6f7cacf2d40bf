using System.Text;
using Ingest.Extraction;

namespace Ingest.Tests.Extraction;

public sealed class MarkupGuardTests
{
    [Theory]
    [InlineData("<html><body><div><section><p>text</section></div></body></html>", 2)]
    [InlineData("<div><img src=x><br/><hr><!-- comment --><span>a</span></div>", 2)]
    [InlineData("<p>one<p>two<li>three", 0)]
    [InlineData("no markup at all", 0)]
    [InlineData("<div><div>unclosed < tag", 2)]
    [InlineData("<div><div", 1)]
    public void MaxNesting_Markup_StartMinusEndTags(string html, int expected)
    {
        Assert.Equal(expected, MarkupGuard.MaxNesting(html));
    }

    [Fact]
    public void LimitDepth_TooDeep_FlattenedKeepingText()
    {
        var html = new StringBuilder().Insert(0, "<div>", 1000).Append("deep").Insert(5000 + 4, "</div>", 1000).ToString();

        var limited = MarkupGuard.LimitDepth(html);

        Assert.Equal(MarkupGuard.MaxDepth, MarkupGuard.MaxNesting(limited));
        Assert.Contains("deep", limited, StringComparison.Ordinal);
    }

    [Fact]
    public void LimitDepth_ShallowPage_SameString()
    {
        const string Html = "<html><body><div><p>text</p></div></body></html>";

        Assert.Same(Html, MarkupGuard.LimitDepth(Html));
    }
}
