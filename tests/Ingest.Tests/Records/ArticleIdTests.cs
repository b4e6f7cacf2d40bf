using Ingest.Records;

namespace Ingest.Tests.Records;

public sealed class ArticleIdTests
{
    [Fact]
    public void FromCanonicalUrl_SameUrl_SameId()
    {
        var a = ArticleId.FromCanonicalUrl(new Uri("https://www.scmp.com/opinion/article/3046526/x"));
        var b = ArticleId.FromCanonicalUrl(new Uri("https://www.scmp.com/opinion/article/3046526/x"));

        Assert.Equal(a, b);
        Assert.Equal("scmp.com", a.Site);
        Assert.Matches("^scmp.com_[0-9a-f]{32}$", a.ToString());
    }

    [Fact]
    public void FromCanonicalUrl_DifferentUrls_DifferentIds()
    {
        var a = ArticleId.FromCanonicalUrl(new Uri("https://www.scmp.com/opinion/article/1/x"));
        var b = ArticleId.FromCanonicalUrl(new Uri("https://www.scmp.com/opinion/article/2/x"));

        Assert.NotEqual(a.ToString(), b.ToString());
    }

    [Fact]
    public void BlobPrefix_HostileUrl_HasNoPathTricks()
    {
        var id = ArticleId.FromCanonicalUrl(new Uri("http://[::1]:8080/../../etc/passwd?x=/../"));

        Assert.Matches("^[a-z0-9.-]+/[0-9a-f]{32}/$", id.BlobPrefix);
        Assert.DoesNotContain("..", id.BlobPrefix, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_TextForm_RoundTrips()
    {
        var id = ArticleId.FromCanonicalUrl(new Uri("https://view.asiae.co.kr/en/article/2025091015302212345"));

        Assert.True(ArticleId.TryParse(id.ToString(), out var parsed));
        Assert.Equal(id, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("scmp.com")]
    [InlineData("scmp.com_0123")]
    [InlineData("SCMP.com_0123456789abcdef0123456789abcdef")]
    [InlineData("../x_0123456789abcdef0123456789abcdef")]
    [InlineData("a/b_0123456789abcdef0123456789abcdef")]
    public void Parse_NotAnId_ThrowsFormatExceptionThatShowsTheShape(string text)
    {
        var ex = Assert.Throws<FormatException>(() => ArticleId.Parse(text));

        Assert.Contains("<site>_<32 hex digits>", ex.Message, StringComparison.Ordinal);
    }
}
