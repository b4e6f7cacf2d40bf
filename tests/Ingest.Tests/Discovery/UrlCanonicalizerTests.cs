using Ingest.Discovery;

namespace Ingest.Tests.Discovery;

public sealed class UrlCanonicalizerTests
{
    [Theory]
    [InlineData("https://WWW.SCMP.com/opinion/article/1/x?utm_source=rss_feed", "https://www.scmp.com/opinion/article/1/x")]
    [InlineData("https://www.scmp.com:443/a#comments", "https://www.scmp.com/a")]
    [InlineData("http://example.org:80/a?id=5&fbclid=abc&utm_medium=x&page=2", "http://example.org/a?id=5&page=2")]
    [InlineData("http://example.org:8080/a?b=2&a=1", "http://example.org:8080/a?b=2&a=1")]
    [InlineData("https://example.org/a?gclid=1", "https://example.org/a")]
    public void Canonicalize_Variants_GiveOneForm(string input, string expected)
    {
        Assert.Equal(expected, UrlCanonicalizer.Canonicalize(new Uri(input)).AbsoluteUri);
    }
}
