using Ingest.Sources;
using Ingest.Storage;

namespace Ingest.Tests.Sources;

public sealed class UrlLimitTests
{
    [Fact]
    public void ProblemOf_AtTheLimit_IsNone_OneOver_SaysBothLengths()
    {
        var at = "https://a.example/" + new string('x', UrlLimit.MaxLength - 18);
        var over = at + "y";

        Assert.Null(UrlLimit.ProblemOf(at));
        Assert.Equal("the URL is 2049 characters long, over the limit of 2048", UrlLimit.ProblemOf(over));
    }

    [Fact]
    public void ProblemOf_Uri_CountsTheEscapedForm()
    {
        // 700 Hangul characters: 700 as given, 6,300 once escaped (three %XX per character).
        var url = new Uri("https://a.example/" + new string('한', 700));

        Assert.Null(UrlLimit.ProblemOf(url.OriginalString));
        Assert.NotNull(UrlLimit.ProblemOf(url));
    }

    [Theory]
    [InlineData("https://a.example/plain?q=1")]
    [InlineData("https://a.example/%ED%95%9C?q=100%")]
    [InlineData("https://a.example/한국/ü")]
    public void Escape_ReadsBackExactly_AndIsPrintableAscii(string value)
    {
        var escaped = SnapshotMetadata.Escape(value);

        Assert.Equal(value, SnapshotMetadata.Unescape(escaped));
        Assert.All(escaped, c => Assert.InRange(c, ' ', '~'));
    }

    [Fact]
    public void Unescape_ValuesEscapedWholeByEarlierVersions_ReadBackToo()
    {
        var value = "https://a.example/100%/한";

        Assert.Equal(value, SnapshotMetadata.Unescape(Uri.EscapeDataString(value)));
    }
}
