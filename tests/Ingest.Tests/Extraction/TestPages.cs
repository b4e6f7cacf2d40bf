using System.Text;
using Ingest.Extraction;

namespace Ingest.Tests.Extraction;

/// <summary>Small pages for unit tests, and one shared extractor (it is a thread-safe singleton in production too).</summary>
internal static class TestPages
{
    public static readonly ArticleExtractor Extractor = new();

    public static readonly Uri Url = new("https://news.example.com/local/story");

    public const string Paragraph1 = "The city council voted on Tuesday to expand the bus network, adding twelve routes that will connect the eastern districts to the centre.";
    public const string Paragraph2 = "Officials said the new routes would start running in September, after drivers have been hired and trained for the longer shifts.";
    public const string Paragraph3 = "Residents of the eastern districts, who have waited years for better connections, welcomed the decision but asked for more frequent service.";

    public static Article Article(string head, string body, Uri? url = null)
    {
        var html = $"<!DOCTYPE html><html lang=\"en\"><head>{head}</head><body>{body}</body></html>";
        var outcome = Extractor.Extract(new PageInput(Encoding.UTF8.GetBytes(html), url ?? Url, "text/html; charset=utf-8"));
        Assert.Null(outcome.Rejection);
        return outcome.Article!;
    }

    public static ExtractionOutcome Extract(string html, string? contentType = "text/html; charset=utf-8")
        => Extractor.Extract(new PageInput(Encoding.UTF8.GetBytes(html), Url, contentType));

    public static string ArticleBody(string title = "Council expands bus network") =>
        $"<article><h1>{title}</h1><p>{Paragraph1}</p><p>{Paragraph2}</p><p>{Paragraph3}</p></article>";
}
