using System.Text;
using Ingest.Extraction;

namespace Ingest.Tests.Extraction;

public sealed class ArticleExtractorTests
{
    [Fact]
    public void Extract_EmptyContent_IsNotAnArticle()
    {
        var outcome = TestPages.Extractor.Extract(new PageInput(ReadOnlyMemory<byte>.Empty, TestPages.Url, "text/html"));

        Assert.Null(outcome.Article);
        Assert.Contains("empty", outcome.Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_BinaryBytes_IsNotAnArticle()
    {
        var bytes = new byte[4096];
        new Random(42).NextBytes(bytes);

        var outcome = TestPages.Extractor.Extract(new PageInput(bytes, TestPages.Url, null));

        Assert.Null(outcome.Article);
        Assert.Contains("binary", outcome.Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_NonHtmlContentType_IsNotAnArticle()
    {
        var outcome = TestPages.Extractor.Extract(new PageInput(Encoding.UTF8.GetBytes("%PDF-1.7"), TestPages.Url, "application/pdf"));

        Assert.Contains("application/pdf", outcome.Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_PlainText_IsNotAnArticle()
    {
        var outcome = TestPages.Extract($"{TestPages.Paragraph1}\n\n{TestPages.Paragraph2}", contentType: null);

        Assert.Contains("no HTML markup", outcome.Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_PageWithoutText_IsNotAnArticle()
    {
        var outcome = TestPages.Extract("<html><head><title>Home</title></head><body><div></div></body></html>");

        Assert.Contains("no body text", outcome.Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_TenThousandNestedDivs_DoesNotOverflowTheStack()
    {
        const int Depth = 10_000;
        var html = new StringBuilder("<html><head><title>Deep</title></head><body>");
        html.Insert(html.Length, "<div>", Depth).Append("<p>").Append(TestPages.Paragraph1).Append("</p>").Insert(html.Length, "</div>", Depth);
        html.Append("</body></html>");

        var outcome = TestPages.Extract(html.ToString());

        Assert.Equal<string>([TestPages.Paragraph1], outcome.Article!.Body);
    }

    [Fact]
    public void Extract_JsonLdThatIsNotJson_FallsBackToMarkup()
    {
        const string Head = """<script type="application/ld+json">var article = { headline: 'not json' };</script><title>Council expands bus network</title>""";

        var article = TestPages.Article(Head, TestPages.ArticleBody());

        Assert.Equal("Council expands bus network", article.Title);
        Assert.Equal<string>([TestPages.Paragraph1, TestPages.Paragraph2, TestPages.Paragraph3], article.Body);
    }

    [Fact]
    public void Extract_EucKrPageWithHeaderCharset_DecodesKorean()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        const string Sentence = "북한은 지난 10년 동안 국제사회에서 고립된 채 경제적으로 어려움을 겪는 국가로 여겨져 왔다.";
        var bytes = Encoding.GetEncoding("euc-kr").GetBytes($"<html><head><title>북한</title></head><body><h1>김정은의 외교</h1><div><p>{Sentence}</p></div></body></html>");

        var outcome = TestPages.Extractor.Extract(new PageInput(bytes, TestPages.Url, "text/html; charset=euc-kr"));

        Assert.Equal<string>([Sentence], outcome.Article!.Body);
    }

    [Fact]
    public async Task Extract_ManyThreadsAtOnce_GivesTheSameResult()
    {
        var html = Encoding.UTF8.GetBytes($"<html><body>{TestPages.ArticleBody()}</body></html>");
        var page = new PageInput(html, TestPages.Url, "text/html");

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => TestPages.Extractor.Extract(page))));

        Assert.All(results, r => Assert.Equal<string>([TestPages.Paragraph1, TestPages.Paragraph2, TestPages.Paragraph3], r.Article!.Body));
    }

    [Fact]
    public void Version_IsRaisedForTheNewExtractor()
    {
        Assert.Equal("0.7.0", ArticleExtractor.Version);
    }
}
