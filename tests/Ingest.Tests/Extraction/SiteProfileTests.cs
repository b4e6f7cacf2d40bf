using System.Text;
using Ingest.Extraction;

namespace Ingest.Tests.Extraction;

public sealed class SiteProfileTests
{
    private static ExtractionOutcome Extract(string html, string url)
        => TestPages.Extractor.Extract(new PageInput(Encoding.UTF8.GetBytes(html), new Uri(url), "text/html; charset=utf-8"));

    private const string KoreanPage = """
        <html lang="ko"><head><title>기사 | 아시아경제</title></head><body>
        <div class="area_title"><h1>반도체 수출 석 달 연속 증가</h1></div>
        <div class="article_head"><h4>메모리 가격 회복에 힘입어 흑자 폭 확대</h4></div>
        <div class="reporter"><p><strong>홍길동</strong> 기자</p></div>
        <div class="date_box"><p>입력 2026.01.06 10:54</p><p>수정 2026.01.06 14:20</p></div>
        <div id="txt_area" class="article" itemprop="articleBody">
          <p data-alda-marking="true">반도체 수출이 석 달 연속 증가하며 무역수지 흑자 폭이 커졌다고 산업통상자원부가 6일 밝혔다. 메모리 반도체 가격이 회복되면서 수출액이 크게 늘었다.</p>
          <div class="ad_box01"><p>광고 문구입니다 광고 문구입니다</p></div>
          <p data-alda-marking="true">업계는 올해 상반기에도 이러한 흐름이 이어질 것으로 내다봤다. 다만 환율 변동성은 여전히 변수로 꼽힌다고 전문가들은 지적했다.</p>
          <div class="e_article"><div class="im_re_box"><p>관련기사 제목 하나</p></div></div>
          <p>이 문단은 관련 기사 뒤에 있어 본문이 아니다.</p>
        </div></body></html>
        """;

    [Fact]
    public void Extract_KoreanAsiaePage_ProfileFieldsWithKstDates()
    {
        var outcome = Extract(KoreanPage, "https://view.asiae.co.kr/article/economy/2026010610540012345?utm_source=x");
        var article = outcome.Article!;

        Assert.Equal("asiae", outcome.Profile);
        Assert.Empty(outcome.ProfileDrift);
        Assert.Equal("반도체 수출 석 달 연속 증가", article.Title);
        Assert.Equal("메모리 가격 회복에 힘입어 흑자 폭 확대", article.Subtitle);
        Assert.Equal("홍길동", Assert.Single(article.Authors).Name);
        Assert.Equal(new DateTimeOffset(2026, 1, 6, 10, 54, 0, TimeSpan.FromHours(9)), article.Published);
        Assert.Equal(new DateTimeOffset(2026, 1, 6, 14, 20, 0, TimeSpan.FromHours(9)), article.Modified);
        Assert.Equal(2, article.Body.Length);
        Assert.Equal("https://www.asiae.co.kr/article/2026010610540012345", article.CanonicalUrl);
        Assert.Equal(FieldSource.Profile, article.Sources["body"]);
        Assert.Equal(FieldSource.Profile, article.Sources["published"]);
    }

    [Fact]
    public void Extract_AsiaeMarkupDrifted_GenericRecordAndDriftReported()
    {
        const string Drifted = """
            <html lang="en"><head><title>Chip exports rise for a third month | The Asia Business Daily</title></head><body>
            <main><article><h2 class="headline">Chip exports rise for a third month</h2>
            <p>Semiconductor exports rose for a third straight month, the trade ministry said on Tuesday, as memory chip prices recovered from last year's slump.</p>
            <p>Industry officials expect the trend to continue into the first half of the year, although currency swings remain a risk for exporters.</p>
            </article></main></body></html>
            """;

        var outcome = Extract(Drifted, "https://cm.asiae.co.kr/en/article/IT/2026010610540012345");
        var article = outcome.Article!;

        Assert.Equal(["title", "subtitle", "authors", "published", "body"], outcome.ProfileDrift.ToArray());
        Assert.Contains(article.Body, p => p.StartsWith("Semiconductor exports rose", StringComparison.Ordinal));
        Assert.Contains(article.Body, p => p.StartsWith("Industry officials expect", StringComparison.Ordinal));
        Assert.Equal("https://www.asiae.co.kr/en/article/2026010610540012345", article.CanonicalUrl);
        Assert.Equal(new DateTimeOffset(2026, 1, 6, 10, 54, 0, TimeSpan.FromHours(9)), article.Published); // from the id
    }

    [Fact]
    public void Extract_HostWithoutProfile_NoProfileNoDrift()
    {
        var outcome = TestPages.Extract($"<html><head><title>Council expands bus network</title></head><body>{TestPages.ArticleBody()}</body></html>");

        Assert.Null(outcome.Profile);
        Assert.Empty(outcome.ProfileDrift);
    }

    [Fact]
    public void Load_ShippedProfiles_AsiaeAndScmp()
        => Assert.Equal(["asiae", "scmp"], SiteProfiles.Load(SiteProfiles.DefaultFolder).Select(p => p.Name));
}
