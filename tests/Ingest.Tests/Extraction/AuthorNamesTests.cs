using Ingest.Extraction;

namespace Ingest.Tests.Extraction;

public sealed class AuthorNamesTests
{
    [Theory]
    [InlineData("By Jane Doe", new[] { "Jane Doe" })]
    [InlineData("By Jane Doe and John Roe", new[] { "Jane Doe", "John Roe" })]
    [InlineData("Jane Doe, John Roe and Max Mustermann", new[] { "Jane Doe", "John Roe", "Max Mustermann" })]
    [InlineData("by Jane Doe & John Roe", new[] { "Jane Doe", "John Roe" })]
    [InlineData("By Jane Doe | Updated May 3, 2024 10:00 am", new[] { "Jane Doe" })]
    [InlineData("Jane Doe Published: 10:00am, 20 Jan, 2020", new[] { "Jane Doe" })]
    [InlineData("Jane Doe 2024-05-03", new[] { "Jane Doe" })]
    [InlineData("Gabriela Bernal, North Korea analyst", new[] { "Gabriela Bernal" })]
    [InlineData("김철수, 이영희", new[] { "김철수", "이영희" })]
    public void Split_Byline_ReturnsNames(string byline, string[] expected)
    {
        Assert.Equal(expected, AuthorNames.Split(byline));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("https://www.facebook.com/someone")]
    public void Split_NoName_ReturnsEmpty(string byline)
    {
        Assert.Empty(AuthorNames.Split(byline));
    }

    [Theory]
    [InlineData("kffnirmitap", true)]
    [InlineData("andrew.keaveney", true)]
    [InlineData("Jane Doe", false)]
    [InlineData("홍길동", false)]
    public void LooksLikeUserName_Logins_AreRecognised(string name, bool expected)
        => Assert.Equal(expected, AuthorNames.LooksLikeUserName(name));

    [Fact]
    public void FromSurnameFirst_CitationStyle_PutsGivenNameFirst()
        => Assert.Equal("Aniruddha Roy", AuthorNames.FromSurnameFirst("Roy, Aniruddha"));

    [Theory]
    [InlineData("By")]
    [InlineData("Articles by Juliette")]
    [InlineData("content: MarketingSherpa")]
    public void Split_BylineFurniture_IsNoName(string text)
        => Assert.Empty(AuthorNames.Split(text));

    [Theory]
    [InlineData("Harry Rabinowitz Tech Reporter", "Harry Rabinowitz")]
    [InlineData("Text by Hunter Dukes", "Hunter Dukes")]
    [InlineData("the Lavazza Team 2–3 minutes", "the Lavazza Team")]
    [InlineData("Haley Hoekstra •", "Haley Hoekstra")]
    [InlineData("Brett Cruz, Privacy, Digital Security Expert", "Brett Cruz")]
    public void Split_BylineRunningIntoRoleOrFurniture_KeepsTheName(string byline, string expected)
        => Assert.Equal(expected, Assert.Single(AuthorNames.Split(byline)));
}
