using Ingest.Extraction;

namespace Ingest.Tests.Extraction;

public sealed class BodyFurnitureTests
{
    private static readonly string[] Article =
    [
        "The council voted on Tuesday to extend the night bus network to the northern suburbs from next spring.",
        "Officials said the new routes would cost about four million a year, paid for by a parking levy in the centre.",
    ];

    [Fact]
    public void Remove_RelatedHeadingWithTitlesAtTheEnd_CutsFromTheHeading()
    {
        List<string> paragraphs = [.. Article, "Related articles", "City raises parking fees", "New tram line delayed again"];

        Assert.Equal(Article, BodyFurniture.Remove(paragraphs));
    }

    [Fact]
    public void Remove_ReadMoreFollowedByStoryText_KeepsEverything()
    {
        var story = "Trading resumed on Monday after the holiday, and analysts said the market would watch the talks closely this week, "
            + "with several companies due to report their results before the end of the month as well.";
        List<string> paragraphs = [.. Article, "Read More", story, story + " More details followed."];

        Assert.Equal(paragraphs, BodyFurniture.Remove(paragraphs));
    }

    [Fact]
    public void Remove_RelatedHeadingFollowedByLongText_KeepsEverything()
    {
        var longText = string.Join(' ', Enumerable.Repeat("short title words", 60));
        List<string> paragraphs = [.. Article, "Related papers", longText];

        Assert.Equal(paragraphs, BodyFurniture.Remove(paragraphs));
    }

    [Theory]
    [InlineData("Photo: Damian Dovarganes, AP")]
    [InlineData("Getty Images / Holger Leue")]
    [InlineData("Guests pick their pastries. | Photo by Lisa Jennings")]
    [InlineData("Natalie Naccache | Bloomberg | Getty Images")]
    [InlineData("Show Caption")]
    public void IsPhotoCredit_CreditLine_True(string line)
    {
        Assert.True(BodyFurniture.IsPhotoCredit(line));
    }

    [Theory]
    [InlineData("Credits:")]
    [InlineData("The photo agency Getty Images said on Monday that it would cut a fifth of its staff across Europe and Asia this year.")]
    [InlineData("Photography is a hobby that many people pick up later in life.")]
    public void IsPhotoCredit_ArticleText_False(string line)
    {
        Assert.False(BodyFurniture.IsPhotoCredit(line));
    }
    [Theory]
    [InlineData("Table of Contents")]
    [InlineData("Table of Contents[Hide][Show]")]
    [InlineData("On this page")]
    [InlineData("Jump to:")]
    public void Remove_ContentsLabel_DropsIt(string label)
    {
        List<string> paragraphs = [label, .. Article];

        Assert.Equal(Article, BodyFurniture.Remove(paragraphs));
    }

    [Fact]
    public void Remove_SentenceAboutContents_KeepsIt()
    {
        List<string> paragraphs = ["Contents of the report were leaked to the press on Monday.", .. Article];

        Assert.Equal(paragraphs, BodyFurniture.Remove(paragraphs));
    }
}
