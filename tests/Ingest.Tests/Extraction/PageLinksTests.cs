using Ingest.Extraction;

namespace Ingest.Tests.Extraction;

public sealed class PageLinksTests
{
    [Theory]
    [InlineData("/2024/05/03/story", "https://news.example.com/2024/05/03/story")]
    [InlineData("  https://example.org/a b ", "https://example.org/a%20b")]
    [InlineData("//cdn.example.com/i.jpg", "https://cdn.example.com/i.jpg")]
    [InlineData("data:image/png;base64,AAAA", null)]
    [InlineData("javascript:void(0)", null)]
    [InlineData("mailto:desk@example.com", null)]
    [InlineData(" ", null)]
    public void Absolute_Url_ResolvedAgainstThePageOrNull(string url, string? expected)
    {
        Assert.Equal(expected, PageLinks.Absolute(TestPages.Url, url));
    }
}
