namespace Ingest.Tests.Extraction;

/// <summary>Body container rules, each on a minimal page that shows its case.</summary>
public sealed class BodyRuleTests
{
    private static readonly string[] Story =
    [
        TestPages.Paragraph1,
        TestPages.Paragraph2,
        TestPages.Paragraph3,
        "The council will review the new routes after a year and publish the number of passengers on each of them.",
    ];

    [Fact]
    public void LayoutBlockNamedAfterItsSidebar_HoldsTheArticle_IsNotPageFurniture()
    {
        // A BEM layout block "sidebar-grid" whose content element holds the story: the word "sidebar" names the layout.
        // Related stories outweigh the story on the page, so nothing but its names keeps it.
        var paragraphs = string.Concat(Story.Select(p => $"<p>{p}</p>"));
        var related = string.Concat(Enumerable.Range(1, 3).Select(block => "<div class=\"related\">" + string.Concat(Enumerable.Range(1, 4).Select(i => $"<p>Related story {block}.{i}: the tram line that the council voted for in the spring of last year has still not been built, and the costs keep rising.</p>")) + "</div>"));
        var body = $"""
            <a href="#main" class="skip-to-content-link">Skip to main content</a>
            <main id="main"><article><div class="sidebar-grid__container">
              <div class="sidebar-grid__content article__content">{paragraphs}</div>
              <div class="sidebar-grid__sidebar"><p>Most read today</p></div>
            </div></article></main>
            {related}
            """;

        var article = TestPages.Article("<title>Council expands bus network</title>", body);

        Assert.Equal<string>(Story, article.Body);
    }

    [Fact]
    public void BoxOfQuotesInsideTheArticle_TheArticleAroundItIsChosen()
    {
        // The box scores a little higher than the article around it (78 to 73), but the article holds twice its text.
        var quotes = string.Concat(Enumerable.Range(1, 6).Select(i => $"<p>‘My Government will, with the consent of Parliament, bring forward measures number {i} to build homes, to clean rivers, to train teachers, and to cut waiting lists.’</p>"));
        var paragraphs = string.Concat(Story.Select(p => $"<p>{p}</p>"));
        var more = string.Concat(Enumerable.Range(1, 5).Select(i => $"<p>Ministers said plan number {i} would be debated in the autumn, after the committees of both houses have finished their hearings on it.</p>"));
        var body = $"""
            <article><div class="article-body">
              {paragraphs}
              <div class="factbox"><h3>What the King said</h3><div class="factbox-content">{quotes}</div></div>
              {more}
            </div></article>
            """;

        var article = TestPages.Article("<title>Council expands bus network</title>", body);

        Assert.Contains(TestPages.Paragraph1, article.Body);
        Assert.Contains(article.Body, p => p.StartsWith("Ministers said plan number 5", StringComparison.Ordinal));
    }

    [Fact]
    public void NextStoryLoadedBelowTheArticle_IsNotPartOfTheBody()
    {
        var paragraphs = string.Concat(Story.Select(p => $"<p>{p}</p>"));
        var next = string.Concat(Enumerable.Range(1, 7).Select(i => $"<p>The football club confirmed on Monday that talks with candidate number {i} for the manager's job have started.</p>"));
        var body = $"""
            <div class="article"><h1>Council expands bus network</h1>{paragraphs}</div>
            <article id="second-article"><h1>Club in talks about a new manager</h1>{next}</article>
            """;

        var article = TestPages.Article("<title>Council expands bus network</title>", body);

        Assert.Equal<string>(Story, article.Body);
    }

    [Fact]
    public void ArticleAfterTheHeadlineThatUsesH1ForItsSections_StaysTheBody()
    {
        var sections = string.Concat(Enumerable.Range(1, 3).Select(i => $"<h1>Part {i} of the plan</h1><p>{Story[i - 1]}</p>"));
        var body = $"""
            <header><h1>Council expands bus network</h1></header>
            <article><h2>The plan, step by step</h2>{sections}<p>{Story[3]}</p></article>
            """;

        var article = TestPages.Article("<title>Council expands bus network</title>", body);

        Assert.Equal<string>(Story, article.Body.Where(p => !p.StartsWith("Part ", StringComparison.Ordinal) && !p.StartsWith("The plan", StringComparison.Ordinal)));
    }

    [Fact]
    public void BylineDateLineAndToggleParagraphs_AreNotTheStory()
    {
        var paragraphs = string.Concat(Story.Select(p => $"<p>{p}</p>"));
        var body = $"""
            <article><h1>Council expands bus network</h1><p>Stand: 22.04.2024, 06:00 Uhr</p><p>Von Nina Magoley</p>
            {paragraphs}<p>Box aufklappen Box zuklappen</p></article>
            """;

        var article = TestPages.Article("<title>Council expands bus network</title>", body);

        Assert.Equal<string>(Story, article.Body);
    }

    [Fact]
    public void LongTeaserListUnderARecentArticlesHeading_IsCut()
    {
        var teasers = Enumerable.Range(1, 9).SelectMany(i => new[] { $"AUTO NEWS Model number {i} of the new city car range is finally revealed", $"The maker says the car number {i} will reach showrooms in the spring, with three engines to choose from", "Jose Altoveros" });
        List<string> paragraphs = [.. Story, "POPULAR THIS WEEK", .. teasers];

        var kept = Ingest.Extraction.BodyFurniture.Remove(paragraphs);

        Assert.Equal<string>(Story, kept);
    }

    [Fact]
    public void RelatedHeadingFollowedByASentenceAndATable_StaysInTheBody()
    {
        var cells = Enumerable.Range(1, 60).SelectMany(i => new[] { $"{i}", $"State number {i}", $"${i}.55" });
        List<string> paragraphs = [.. Story, "Related resources", "Here is the full data table for all 50 states.", .. cells];

        var kept = Ingest.Extraction.BodyFurniture.Remove(paragraphs);

        Assert.Equal(paragraphs, kept);
    }

    [Fact]
    public void PageWrappedInOneFormWithTheArticleInDivs_KeepsTheArticle()
    {
        // ASP.NET wraps the whole page in one form; this article writes its text in divs, not paragraphs.
        string[] story = [.. Story, .. Story.Select(p => "Also: " + p)];
        var divs = string.Concat(story.Select(p => $"<div>{p}</div>"));
        var body = $"""
            <form method="post" action="./ar" id="aspnetForm">
              <nav><a href="/">Home</a></nav>
              <h1>Council expands bus network</h1>
              <div class="LongDesc">{divs}</div>
            </form>
            <form class="newsletter"><label>Your e-mail</label><input name="email"><button>Subscribe</button></form>
            """;

        var article = TestPages.Article("<title>Council expands bus network</title>", body);

        Assert.Equal<string>(story, article.Body);
    }

    [Fact]
    public void ScriptRenderedPage_BodyIsReadFromTheHtmlInItsScriptState()
    {
        // The markup has no story; the page's data script holds it as an escaped HTML string.
        var story = string.Concat(Story.Concat(Story.Select(p => p + " Again.")).Select(p => $"<p class=\"editor-p\">{p}</p>"));
        var state = System.Text.Json.JsonSerializer.Serialize(new { detail = new { title = "Council expands bus network", content = story } });
        var html = $"""
            <!DOCTYPE html><html lang="en"><head><title>Council expands bus network</title></head>
            <body><div id="root"><h1>Council expands bus network</h1></div><script>self.__state = {state};</script></body></html>
            """;

        var article = TestPages.Extractor.Extract(new Ingest.Extraction.PageInput(System.Text.Encoding.UTF8.GetBytes(html), TestPages.Url, "text/html")).Article!;

        Assert.Equal(TestPages.Paragraph1, article.Body[0]);
        Assert.Equal(8, article.Body.Length);
        Assert.Equal(Ingest.Extraction.FieldSource.Embedded, article.Sources["body"]);
    }

    [Theory]
    [InlineData("$$ARTICLEAD$$")]
    [InlineData("Sign In or Create an Account")]
    [InlineData("Article continues below")]
    [InlineData("Empfohlener redaktioneller Inhalt")]
    [InlineData("To view this video please enable JavaScript, and consider upgrading to a web browser that supports HTML5 video")]
    public void PlaceholderOrControlLine_IsNotAParagraph(string line)
    {
        List<string> paragraphs = [Story[0], line, Story[1]];

        Assert.Equal<string>([Story[0], Story[1]], Ingest.Extraction.BodyFurniture.Remove(paragraphs));
    }

    [Fact]
    public void LastLineWithTheWritersEmail_IsASignOff()
    {
        List<string> paragraphs = [.. Story, "신현주 기자 spicy@hankookilbo.com"];

        Assert.Equal<string>(Story, Ingest.Extraction.BodyFurniture.Remove(paragraphs));
    }

    [Fact]
    public void PageOfNothingButASubscriptionForm_IsNotAnArticle()
    {
        var outcome = TestPages.Extract("""
            <!DOCTYPE html><html lang="en"><head><title>About</title></head>
            <body><nav><a href="/">Home</a></nav><form action="/subscribe"><label>Email <input name="email"></label><button>Subscribe</button></form></body></html>
            """);

        Assert.Null(outcome.Article);
    }

    [Fact]
    public void ScriptStateNestedHundredThousandDeep_IsReadWithinTheNestingGuard()
    {
        // Hostile script state: the HTML string nests 100,000 elements before its paragraphs.
        var story = string.Concat(Story.Concat(Story.Select(p => p + " Again.")).Select(p => $"<p>{p}</p>"));
        var nested = string.Concat(Enumerable.Repeat("<div>", 100_000)) + story + string.Concat(Enumerable.Repeat("</div>", 100_000));
        var state = System.Text.Json.JsonSerializer.Serialize(new { content = nested });
        var html = $"<!DOCTYPE html><html><head><title>Council expands bus network</title></head><body><h1>Council expands bus network</h1><script>self.__state = {state};</script></body></html>";

        var outcome = TestPages.Extractor.Extract(new Ingest.Extraction.PageInput(System.Text.Encoding.UTF8.GetBytes(html), TestPages.Url, "text/html"));

        Assert.Contains(TestPages.Paragraph1, outcome.Article!.Body);
    }
}
