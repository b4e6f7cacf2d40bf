using System.Text;
using Ingest.Fetching;

namespace Ingest.Tests.Fetching;

public sealed class RobotsTxtTests
{
    private static RobotsTxt Parse(string text) => RobotsTxt.Parse(Encoding.UTF8.GetBytes(text));

    [Theory]
    [InlineData("/", true)]
    [InlineData("/private/x", false)]
    [InlineData("/private/public/x", true)]
    [InlineData("/search?q=1", false)]
    [InlineData("/searchable", true)]
    [InlineData("/file.pdf", false)]
    [InlineData("/file.pdf?x=1", true)]
    [InlineData("/a/b/c/print.htm", false)]
    [InlineData("/robots.txt", true)]
    public void IsAllowed_RfcExamples_LongestMatchWins(string path, bool expected)
    {
        var robots = Parse("""
            User-agent: *
            Disallow: /private/
            Allow: /private/public/
            Disallow: /search?
            Disallow: /*.pdf$
            Disallow: /*/print.htm
            Disallow: /robots.txt
            """);

        Assert.Equal(expected, robots.IsAllowed("IngestBot", path));
    }

    [Fact]
    public void IsAllowed_TieBetweenAllowAndDisallow_AllowWins()
    {
        var robots = Parse("User-agent: *\nDisallow: /page\nAllow: /page\n");

        Assert.True(robots.IsAllowed("IngestBot", "/page"));
    }

    [Fact]
    public void IsAllowed_OwnGroup_OverridesStarGroup()
    {
        var robots = Parse("""
            User-agent: *
            Disallow: /

            User-agent: ingestbot
            User-agent: otherbot
            Disallow: /drafts/
            """);

        Assert.True(robots.IsAllowed("IngestBot", "/news/1"));
        Assert.False(robots.IsAllowed("IngestBot", "/drafts/1"));
        Assert.False(robots.IsAllowed("SomeoneElse", "/news/1"));
    }

    [Fact]
    public void IsAllowed_GroupsForTheSameAgent_AreCombined()
    {
        var robots = Parse("User-agent: IngestBot\nDisallow: /a/\n\nUser-agent: ingestbot\nDisallow: /b/\n");

        Assert.False(robots.IsAllowed("IngestBot", "/a/1"));
        Assert.False(robots.IsAllowed("IngestBot", "/b/1"));
    }

    [Fact]
    public void IsAllowed_EmptyDisallow_AllowsEverything()
    {
        Assert.True(Parse("User-agent: *\nDisallow:\n").IsAllowed("IngestBot", "/anything"));
    }

    [Fact]
    public void IsAllowed_CommentsAndOddSpacing_AreTolerated()
    {
        var robots = Parse("# hello\r\nUSER-AGENT :  *   # all\r\n  disallow:/x # no x\r\nnonsense line\r\n");

        Assert.False(robots.IsAllowed("IngestBot", "/x/y"));
        Assert.True(robots.IsAllowed("IngestBot", "/y"));
    }

    [Fact]
    public void IsAllowed_PercentEncodingAndNonAscii_CompareInOneForm()
    {
        var robots = Parse("User-agent: *\nDisallow: /기사/\nDisallow: /%7euser/\n");

        Assert.False(robots.IsAllowed("IngestBot", "/%EA%B8%B0%EC%82%AC/1"));
        Assert.False(robots.IsAllowed("IngestBot", "/~user/page"));
    }

    [Fact]
    public void IsAllowed_RulesBeforeAnyUserAgent_AreIgnored()
    {
        Assert.True(Parse("Disallow: /\nUser-agent: *\nAllow: /\n").IsAllowed("IngestBot", "/x"));
    }

    [Fact]
    public void CrawlDelay_OwnGroup_IsRead()
    {
        var robots = Parse("User-agent: *\nCrawl-delay: 10\n\nUser-agent: IngestBot\nCrawl-delay: 2.5\nDisallow: /x\n");

        Assert.Equal(TimeSpan.FromSeconds(2.5), robots.CrawlDelay("ingestbot"));
        Assert.Equal(TimeSpan.FromSeconds(10), robots.CrawlDelay("other"));
    }

    [Fact]
    public void DisallowAll_DisallowsEveryPathButRobotsTxt()
    {
        Assert.False(RobotsTxt.DisallowAll.IsAllowed("IngestBot", "/"));
        Assert.True(RobotsTxt.AllowAll.IsAllowed("IngestBot", "/"));
    }

    [Fact]
    public void Parse_PathologicalWildcards_StaysFast()
    {
        var robots = Parse("User-agent: *\nDisallow: /" + string.Concat(Enumerable.Repeat("*a", 200)) + "b$\n");

        Assert.True(robots.IsAllowed("IngestBot", "/" + new string('a', 5000)));
    }
}
