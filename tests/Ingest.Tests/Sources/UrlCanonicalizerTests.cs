using Ingest.Sources;

namespace Ingest.Tests.Sources;

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

    [Theory]
    [InlineData("https://view.asiae.co.kr/en/article/2025091015302212345")]
    [InlineData("https://cm.asiae.co.kr/en/article/IT/2025091015302212345?utm_source=x")]
    [InlineData("http://www.asiae.co.kr/en/article/2025091015302212345#top")]
    public void SourceCanonicalize_AsiaeIdOnAnyHost_GivesOneUrl(string input)
    {
        var source = new SourceOptions { Name = "asiae", Url = "https://www.asiae.co.kr/en/" };
        source.CanonicalRules.Add(new CanonicalRule
        {
            Pattern = @"^https?://(?:www|view|cm)\.asiae\.co\.kr/en/article/(?:[A-Za-z-]+/)?(\d{19})(?:[/?].*)?$",
            Replacement = "https://www.asiae.co.kr/en/article/$1",
        });

        Assert.Equal("https://www.asiae.co.kr/en/article/2025091015302212345", source.Canonicalize(new Uri(input)).AbsoluteUri);
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData("0 0 6 * * *", null, true)]
    [InlineData("0 0 6 * * *", "2026-11-29T06:00:00Z", false)]
    [InlineData("0 0 6 * * *", "2026-11-28T06:00:00Z", true)]
    public void SourceSchedule_IsDue_ComparesTheNextOccurrenceWithNow(string? schedule, string? lastRun, bool expected)
    {
        var now = new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);
        DateTimeOffset? last = lastRun is null ? null : DateTimeOffset.Parse(lastRun, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, SourceSchedule.IsDue(schedule, last, now));
    }
}
