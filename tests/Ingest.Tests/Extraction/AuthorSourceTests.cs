namespace Ingest.Tests.Extraction;

/// <summary>
/// Which source names the author when sources disagree or none names a person: a printed byline over declared names
/// the page never prints, a CMS login only when nobody else is named, a role label a page builder sets in a widget of
/// its own; each case on a minimal page.
/// </summary>
public sealed class AuthorSourceTests
{
    private const string Title = "<title>Council expands bus network</title>";

    private static string[] AuthorsOf(string head, string body) => [.. TestPages.Article(head, body).Authors.Select(a => a.Name)];

    private static string JsonLdAuthor(string name)
        => $$$"""<script type="application/ld+json">{"@type":"NewsArticle","headline":"Council expands bus network","author":{"@type":"Person","name":"{{{name}}}"}}</script>""";

    [Fact]
    public void DeclaredNameThePageNeverPrints_GivesWayToThePrintedByline()
    {
        var names = AuthorsOf(Title + JsonLdAuthor("Luke Daigle"), "<div class=\"by-div\"><p>By: Paul Fenaroli</p></div>" + TestPages.ArticleBody());

        Assert.Equal(["Paul Fenaroli"], names);
    }

    [Fact]
    public void DeclaredNameThePagePrintsBySurname_StaysTheAuthor()
    {
        var names = AuthorsOf(Title + JsonLdAuthor("André Oliver KLEIN"), "<p>By André Klein</p>" + TestPages.ArticleBody());

        Assert.Equal(["André Oliver KLEIN"], names);
    }

    [Theory]
    [InlineData("<p>By City Desk Team</p>")]
    [InlineData("<p>By Jane</p>")]
    public void DeclaredNameThePageNeverPrints_StaysBesideABylineOfNoPerson(string byline)
    {
        var names = AuthorsOf(Title + JsonLdAuthor("Luke Daigle"), byline + TestPages.ArticleBody());

        Assert.Equal(["Luke Daigle"], names);
    }

    [Fact]
    public void LoginInTheAuthorMetaTag_IsTheAuthorWhenNobodyElseIsNamed()
    {
        Assert.Equal(["sara.r.peter"], AuthorsOf(Title + "<meta name=\"author\" content=\"sara.r.peter\">", TestPages.ArticleBody()));
    }

    [Fact]
    public void LoginInTheAuthorMetaTag_GivesWayToAPrintedByline()
    {
        Assert.Equal(["Jane Doe"], AuthorsOf(Title + "<meta name=\"author\" content=\"sara.r.peter\">", "<p>By Jane Doe</p>" + TestPages.ArticleBody()));
    }

    [Fact]
    public void PostedByLineClosedByALineBreak_NamesThePoster()
    {
        var names = AuthorsOf(Title, TestPages.ArticleBody() + "<span class=\"posted\">Posted by David at December 16, 2025 11:15 AM\n<br /></span>");

        Assert.Equal(["David"], names);
    }

    [Fact]
    public void AuthorBoxWidget_AfterAReviewedByWidget_IsTheReviewers()
    {
        var names = AuthorsOf(
            Title,
            "<p>By Erica Needham</p>" + TestPages.ArticleBody()
            + "<div class=\"elementor-widget-text-editor\"><div class=\"elementor-widget-container\"><p>Reviewed by,</p></div></div>"
            + "<div class=\"elementor-widget-author-box\"><div class=\"elementor-widget-container\"><div class=\"elementor-author-box\">"
            + "<div class=\"elementor-author-box__text\"><div class=\"elementor-author-box__name\">Brian Stormont</div><p>Brian is a certified financial planner.</p></div></div></div></div>");

        Assert.Equal(["Erica Needham"], names);
    }

    [Fact]
    public void NewspaperBesideAPersonInTheByline_IsNotASecondAuthor()
    {
        Assert.Equal(["Takeo Maeda"], AuthorsOf(Title, "<div class=\"byline\">Takeo Maeda, Yomiuri Shimbun</div>" + TestPages.ArticleBody()));
    }
}
