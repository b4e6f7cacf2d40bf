namespace Ingest.Tests.Extraction;

public sealed class MainContentExtractorTests
{
    [Fact]
    public void Extract_PageWithBoilerplate_ReturnsOnlyArticleParagraphs()
    {
        var links = string.Concat(Enumerable.Range(1, 30).Select(i => $"<li><a href=\"/s/{i}\">Section number {i}</a></li>"));
        var body = $"""
            <header><nav><ul>{links}</ul></nav></header>
            <div class="layout">
              <div class="story-content">
                <h1>Council expands bus network</h1>
                <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
                <p>{TestPages.Paragraph1}</p>
                <div class="newsletter-signup"><p>Sign up for our morning newsletter and get the news you need every single day.</p></div>
                <p>{TestPages.Paragraph2}</p>
                <div class="ad-slot"><p>Advertisement: the best deals on cars in town, visit our showroom today for details.</p></div>
                <p>{TestPages.Paragraph3}</p>
                <div id="comments"><p>What do you think? Leave a comment below and join the conversation with other readers.</p></div>
              </div>
              <div class="related-articles"><p>Related: the council also voted last year on a tram line that has not been built yet.</p></div>
              <aside><p>Most read: ten things you did not know about the city's oldest bridge and its history.</p></aside>
            </div>
            <footer><p>Copyright 2024 Example News. All rights reserved. Terms of use and privacy policy apply.</p></footer>
            """;

        var article = TestPages.Article("<title>Council expands bus network</title>", body);

        Assert.Equal<string>([TestPages.Paragraph1, TestPages.Paragraph2, TestPages.Paragraph3], article.Body);
    }

    [Fact]
    public void Extract_ArticleMadeOfWidgets_EmitsTheBlockAsItWasAndKeepsOnlyItsOwnImages()
    {
        // Each paragraph in its own "widget" (a negative name): conditional cleaning would drop them all, so the block is
        // emitted as it was before cleaning; the photo in the cleaned-out widget is still not the article's image.
        var widgets = string.Concat(new[] { TestPages.Paragraph1, TestPages.Paragraph2, TestPages.Paragraph3 }
            .Select((p, i) => $"<div class=\"elementor-widget w{i}\"><p>{p}</p></div>"));
        var body = $"""
            <div class="page"><div class="elementor-section">
              {widgets}
              <div class="elementor-widget gallery-widget"><img src="/a.jpg"><img src="/b.jpg"></div>
            </div></div>
            """;

        var article = TestPages.Article("<title>Council expands bus network</title>", body);

        Assert.Equal<string>([TestPages.Paragraph1, TestPages.Paragraph2, TestPages.Paragraph3], article.Body);
        Assert.DoesNotContain(article.Images, image => image.Url.EndsWith("/b.jpg", StringComparison.Ordinal));
    }

    [Fact]
    public void Extract_KoreanPageWithoutLatinText_FindsBody()
    {
        string[] paragraphs =
        [
            "북한은 지난 10년 동안 국제사회에서 고립된 채 경제적으로 어려움을 겪는 국가로 여겨져 왔다. 그러나 이러한 인식은 근본적으로 바뀌었다.",
            "지난 3일 중국 전승절 열병식에서 김정은 국무위원장은 블라디미르 푸틴 러시아 대통령, 시진핑 중국 국가주석과 나란히 섰다.",
            "세 나라 정상이 한자리에 모인 것은 66년 만에 처음이며, 김 위원장이 다른 세계 지도자들과 함께 국제무대에 데뷔한 자리였다.",
        ];
        var menu = string.Concat(Enumerable.Range(1, 20).Select(i => $"<li><a href=\"/list/{i}\">경제 {i}</a></li>"));
        var body = $"<ul class=\"gnb\">{menu}</ul><div class=\"area_title\"><h1>김정은, 베이징에서 큰 외교적 승리</h1></div>"
            + $"<div id=\"txt_area\">{string.Concat(paragraphs.Select(p => $"<p>{p}</p>"))}</div>";

        var article = TestPages.Article("<meta charset=\"utf-8\">", body);

        Assert.Equal("김정은, 베이징에서 큰 외교적 승리", article.Title);
        Assert.Equal(paragraphs, article.Body);
    }

    [Fact]
    public void Extract_ChinesePageWithoutLatinText_FindsBody()
    {
        string[] paragraphs =
        [
            "台湾地区领导人蔡英文的连任并非易事，她在过去一年中面对党内外的重重压力，最终赢得了创纪录的选票。",
            "分析人士认为，香港过去一年的局势对台湾选举产生了重要影响，选民的担忧在投票中得到了体现。",
        ];
        var links = string.Concat(Enumerable.Range(1, 15).Select(i => $"<a href=\"/n/{i}\">新闻标题{i}</a>"));
        var body = $"<div class=\"links\">{links}</div><h1>蔡英文的政治手法</h1><div class=\"text\">{string.Concat(paragraphs.Select(p => $"<p>{p}</p>"))}</div>";

        var article = TestPages.Article("<title>蔡英文的政治手法</title>", body);

        Assert.Equal(paragraphs, article.Body);
    }

    [Fact]
    public void Extract_TextInDivsWithBreaks_SplitsIntoParagraphs()
    {
        var body = $"<h1>Council expands bus network</h1><div class=\"post\">{TestPages.Paragraph1}<br><br>{TestPages.Paragraph2}<br><br>{TestPages.Paragraph3}</div>";

        var article = TestPages.Article(string.Empty, body);

        Assert.Equal<string>([TestPages.Paragraph1, TestPages.Paragraph2, TestPages.Paragraph3], article.Body);
    }

    [Fact]
    public void Extract_RepeatedParagraphAndListsAndSubheads_KeepsOrderWithoutDuplicates()
    {
        var body = $"""
            <article><h1>Council expands bus network</h1>
              <p>{TestPages.Paragraph1}</p>
              <h2>What changes</h2>
              <ul><li>Twelve new routes</li><li>Longer evening service</li></ul>
              <p>{TestPages.Paragraph2}</p>
              <blockquote>We have waited long enough for this, said one resident of the eastern districts.</blockquote>
              <p>{TestPages.Paragraph2}</p>
              <p>{TestPages.Paragraph3}</p>
            </article>
            """;

        var article = TestPages.Article(string.Empty, body);

        Assert.Equal<string>(
            [TestPages.Paragraph1, "What changes", "Twelve new routes", "Longer evening service", TestPages.Paragraph2,
             "We have waited long enough for this, said one resident of the eastern districts.", TestPages.Paragraph3],
            article.Body);
    }

    [Fact]
    public void Extract_PhotoWithCaptionInBody_MovesCaptionToImage()
    {
        var body = $"""
            <article><h1>Council expands bus network</h1><p>{TestPages.Paragraph1}</p>
              <figure><img src="/img/bus.jpg" alt="A bus"><figcaption>A new bus on route 12.</figcaption></figure>
              <p>{TestPages.Paragraph2}</p><p>{TestPages.Paragraph3}</p></article>
            """;

        var article = TestPages.Article(string.Empty, body);

        Assert.DoesNotContain(article.Body, p => p.Contains("route 12", StringComparison.Ordinal));
        var image = Assert.Single(article.Images);
        Assert.Equal(("https://news.example.com/img/bus.jpg", "A new bus on route 12."), (image.Url, image.Caption));
    }

    [Fact]
    public void Extract_MarkupBodyTooShortButJsonLdArticleBody_UsesArticleBody()
    {
        const string Head = """<script type="application/ld+json">{"@type":"NewsArticle","headline":"Paywalled","articleBody":"First paragraph of the full text, which is long enough to matter here.\nSecond paragraph of the full text, also long enough to matter here."}</script>""";

        var article = TestPages.Article(Head, "<h1>Paywalled</h1><p>Subscribe to read the whole story on our site.</p>");

        Assert.Equal<string>(
            ["First paragraph of the full text, which is long enough to matter here.", "Second paragraph of the full text, also long enough to matter here."],
            article.Body);
    }

    [Fact]
    public void Extract_ArticleSplitOverSeveralBlocks_JoinsAllBlocks()
    {
        var paragraphs = Enumerable.Range(1, 8)
            .Select(i => $"Paragraph {i} of the story, which tells at some length, with commas, clauses, and detail, what happened on day {i}.")
            .ToArray();
        var blocks = string.Concat(paragraphs.Chunk(2).Select(pair =>
            $"<div class=\"companion-column\"><div class=\"inner\"><p>{pair[0]}</p><p>{pair[1]}</p></div></div><div class=\"ad-slot\"></div>"));
        var body = $"<h1>A long story</h1><section name=\"articleBody\">{blocks}</section><div class=\"more\"><a href=\"/x\">More stories</a></div>";

        var article = TestPages.Article(string.Empty, body);

        Assert.Equal(paragraphs, article.Body);
    }

    [Fact]
    public void Extract_GalleryInsideArticle_DropsIt()
    {
        var body = $"""
            <article><h1>Council expands bus network</h1><p>{TestPages.Paragraph1}</p>
              <div class="slideshow"><img src="/1.jpg"><img src="/2.jpg"><img src="/3.jpg"><span>Image 1 of 8</span></div>
              <p>{TestPages.Paragraph2}</p><p>{TestPages.Paragraph3}</p></article>
            """;

        var article = TestPages.Article(string.Empty, body);

        Assert.Equal<string>([TestPages.Paragraph1, TestPages.Paragraph2, TestPages.Paragraph3], article.Body);
    }

    [Fact]
    public void Extract_ArticleWrapperWithImageClassAndFigure_KeepsText()
    {
        var body = $"""
            <div class="post has-image"><h1>Council expands bus network</h1>
              <figure><img src="/bus.jpg"><figcaption>A bus.</figcaption></figure>
              <p>{TestPages.Paragraph1}</p><p>{TestPages.Paragraph2}</p><p>{TestPages.Paragraph3}</p></div>
            """;

        var article = TestPages.Article(string.Empty, body);

        Assert.Equal<string>([TestPages.Paragraph1, TestPages.Paragraph2, TestPages.Paragraph3], article.Body);
    }

    [Fact]
    public void Extract_SameBlockClassInSeparateSections_JoinsThem()
    {
        var first = string.Concat(Enumerable.Range(1, 4).Select(i => $"<p>Opening paragraph {i}, long enough, with commas, clauses, and some detail about the topic at hand.</p>"));
        var body = $"""
            <h1>Ten trends</h1>
            <main>
              <section><div class="wrap"><div class="prose">{first}</div></div></section>
              <section><h2>Trend two</h2><div class="wrap"><div class="prose"><p>{TestPages.Paragraph2}</p></div></div></section>
              <section><h2>Trend three</h2><div class="wrap"><div class="prose"><p>{TestPages.Paragraph3}</p></div></div></section>
            </main>
            """;

        var article = TestPages.Article(string.Empty, body);

        Assert.Contains("Trend two", article.Body);
        Assert.Contains(TestPages.Paragraph2, article.Body);
        Assert.Equal(TestPages.Paragraph3, article.Body[^1]);
    }

    [Fact]
    public void Extract_UnnamedBlocksInSectionsOfTheSameShape_JoinsThem()
    {
        var first = string.Concat(Enumerable.Range(1, 5).Select(i => $"<p>Opening paragraph {i}, long enough, with commas, clauses, and some detail about the topic at hand.</p>"));
        var body = $"""
            <h1>Cloud basics</h1>
            <main>
              <section id="what"><div class="module"><div class="column"><div>{first}</div></div></div></section>
              <section id="how"><div class="module"><div class="column"><h2>How it works</h2><div><p>{TestPages.Paragraph2}</p></div></div></div></section>
              <section id="why"><div class="module"><div class="column"><h2>Why it matters</h2><div><p>{TestPages.Paragraph3}</p></div></div></div></section>
            </main>
            <aside><p>Most read: ten things you did not know about the city's oldest bridge and its history.</p></aside>
            """;

        var article = TestPages.Article(string.Empty, body);

        Assert.Contains(TestPages.Paragraph2, article.Body);
        Assert.Equal(TestPages.Paragraph3, article.Body[^1]);
        Assert.DoesNotContain(article.Body, paragraph => paragraph.StartsWith("Most read", StringComparison.Ordinal));
    }

    [Fact]
    public void Extract_ShortPageWithLongerFooter_TakesTheTextOutsideTheFooter()
    {
        var about = string.Concat(Enumerable.Range(1, 4).Select(i => $"<p>About us {i}: a family firm since 1950, with offices, staff, and partners in twelve towns of the region.</p>"));
        var body = $"""
            <main><h1>Opening hours</h1><div class="notice"><p>{TestPages.Paragraph1}</p><p>{TestPages.Paragraph2}</p></div></main>
            <footer><div class="columns"><div class="about">{about}</div></div></footer>
            """;

        var article = TestPages.Article(string.Empty, body);

        Assert.Equal<string>([TestPages.Paragraph1, TestPages.Paragraph2], article.Body);
    }

    [Fact]
    public void Extract_SectionBlocksLackingOneModifierClassOfTheBest_JoinsThem()
    {
        var first = string.Concat(Enumerable.Range(1, 6).Select(i => $"<p>Opening paragraph {i}, long enough, with commas, clauses, and some detail about the topic at hand.</p>"));
        var body = $"""
            <h1>Best laptops</h1>
            <main>
              <section class="intro"><div class="pad"><div class="rich-text is-bound">{first}</div></div></section>
              <section class="rank"><div class="pad"><div class="rank-wrap"><h2>Number one</h2><div class="rich-text"><p>{TestPages.Paragraph2}</p></div></div></div></section>
              <section class="rank"><div class="pad"><div class="rank-wrap"><h2>Number two</h2><div class="rich-text"><p>{TestPages.Paragraph3}</p></div></div></div></section>
            </main>
            """;

        var article = TestPages.Article(string.Empty, body);

        Assert.Contains(TestPages.Paragraph2, article.Body);
        Assert.Equal(TestPages.Paragraph3, article.Body[^1]);
    }

    [Fact]
    public void Extract_WidgetOfTwoProseParagraphsInsideTheArticle_KeepsIt()
    {
        const string Intro = "Every year we test the latest appliances in our lab, and these are the ones that impressed us most, from washers to ranges.";
        const string Method = "Each machine ran through the same set of tests, with the same loads, stains, and settings, over several weeks of daily use.";
        var body = $"""
            <div class="story">
              <p>{Intro}</p>
              <p>{Method}</p>
              <p>{TestPages.Paragraph1}</p>
              <div class="product-widget"><p>{TestPages.Paragraph2}</p><p>{TestPages.Paragraph3}</p></div>
            </div>
            """;

        var article = TestPages.Article("<title>Best appliances</title>", body);

        Assert.Equal<string>([Intro, Method, TestPages.Paragraph1, TestPages.Paragraph2, TestPages.Paragraph3], article.Body);
    }

    [Theory]
    [InlineData("cs-entry__author")]
    [InlineData("single-content-author")]
    [InlineData("articleBylineContainer")]
    public void Extract_AuthorBoxNamedAfterTheArticle_DropsIt(string boxClass)
    {
        var body = $"""
            <div class="story">
              <p>{TestPages.Paragraph1}</p>
              <p>{TestPages.Paragraph2}</p>
              <p>{TestPages.Paragraph3}</p>
              <div class="{boxClass}"><p>Jane Doe is a freelance writer who covers transport, cities and the people who live in them.</p></div>
            </div>
            """;

        var article = TestPages.Article("<title>Council expands bus network</title>", body);

        Assert.Equal<string>([TestPages.Paragraph1, TestPages.Paragraph2, TestPages.Paragraph3], article.Body);
    }

    [Fact]
    public void Extract_TextWidgetInsideTheArticle_KeepsIt()
    {
        var body = $"""
            <div class="story">
              <p>{TestPages.Paragraph1}</p>
              <p>{TestPages.Paragraph2}</p>
              <div class="textwidget"><p>{TestPages.Paragraph3}</p></div>
            </div>
            """;

        var article = TestPages.Article("<title>Council expands bus network</title>", body);

        Assert.Equal<string>([TestPages.Paragraph1, TestPages.Paragraph2, TestPages.Paragraph3], article.Body);
    }

    [Fact]
    public void Extract_EachParagraphInItsOwnWrapperChain_JoinsThem()
    {
        var paragraphs = Enumerable.Range(1, 8)
            .Select(i => $"Paragraph {i} of the story, which tells at some length, with commas, clauses, and detail, what happened on day {i}.")
            .ToArray();
        var sections = string.Concat(paragraphs.Select(p =>
            $"<section class=\"row\"><div class=\"container\"><div class=\"column\"><div class=\"wrap\"><div class=\"element\"><div class=\"inner\"><p>{p}</p></div></div></div></div></div></section>"));
        var body = $"""
            <h1>A long story</h1>
            <div class="builder">{sections}</div>
            <div class="card"><p>{TestPages.Paragraph1}</p><p>{TestPages.Paragraph2}</p></div>
            """;

        var article = TestPages.Article(string.Empty, body);

        Assert.Equal(paragraphs, article.Body.Where(p => p.StartsWith("Paragraph", StringComparison.Ordinal)));
    }

    [Fact]
    public void Extract_ParentScoringBelowTheBestBlock_DoesNotClimbToIt()
    {
        var paragraphs = Enumerable.Range(1, 4)
            .Select(i => $"Paragraph {i} of the story, which tells at some length, with commas, clauses, and detail, what happened on day {i}.")
            .ToArray();
        var story = string.Concat(paragraphs.Select(p => $"<p>{p}</p>"));
        var body = $"""
            <h1>A long story</h1>
            <div id="page-content">
              <div class="left"><div class="story">{story}</div><div class="submitted"><p>Submitted on 3 May by the desk of the newsroom.</p></div></div>
              <div class="extras"><p>Browse the archive of the newsroom by month and by year.</p></div>
            </div>
            """;

        var article = TestPages.Article(string.Empty, body);

        Assert.Equal(paragraphs, article.Body);
    }

    [Fact]
    public void Extract_BestBlockInAChainOfWrappers_DoesNotTakeThePage()
    {
        var story = $"<p>{TestPages.Paragraph1}</p><p>{TestPages.Paragraph2}</p><p>{TestPages.Paragraph3}</p>";
        var body = $"""
            <h1>Council expands bus network</h1>
            <div class="page">
              <div class="app-box"><p>Get the app, with alerts, maps, and tickets, for the bus, the tram, the train, and more, today.</p></div>
              <div class="col"><div class="story-container"><div class="content-wrap"><div class="content-row"><div class="rich-text">{story}</div></div><hr></div></div></div>
            </div>
            """;

        var article = TestPages.Article(string.Empty, body);

        Assert.Equal<string>([TestPages.Paragraph1, TestPages.Paragraph2, TestPages.Paragraph3], article.Body);
    }
}
