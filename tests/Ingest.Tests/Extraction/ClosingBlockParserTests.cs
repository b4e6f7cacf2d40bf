using System.Collections.Immutable;
using Ingest.Extraction;
using Ingest.Records;

namespace Ingest.Tests.Extraction;

public sealed class ClosingBlockParserTests
{
    private const string Body1 = "The first paragraph of the column, which goes on for a while.";
    private const string Body2 = "The second paragraph, which closes the argument of the column.";

    [Fact]
    public void Parse_AuthorTranslationCopyright_MovesAllThreeIntoFields()
    {
        ImmutableArray<string> body =
        [
            Body1, Body2, "Jane Doe, Professor of economics at Seoul National University",
            "This article is a translation by The Korea Daily of the Financial Times (FT) column Why rates must fall.",
            "© The Korea Daily. All rights reserved.",
        ];

        var closing = ClosingBlockParser.Parse(body);

        Assert.Equal<string>([Body1, Body2], closing.Body);
        Assert.Equal(new ArticleAuthor("Jane Doe", "Professor of economics at Seoul National University"), closing.Author);
        Assert.Equal(new TranslationProvenance("The Korea Daily", "Financial Times", "FT", "Why rates must fall"), closing.Translation);
        Assert.Equal("© The Korea Daily. All rights reserved.", closing.Copyright);
    }

    [Fact]
    public void Parse_TranslationWithoutAbbreviation_LeavesAbbreviationEmpty()
    {
        var translation = ClosingBlockParser.ParseTranslation(
            "This article is a translation by The Asia Business Daily of the Nikkei Asia column \"Japan's quiet pivot\".");

        Assert.Equal(new TranslationProvenance("The Asia Business Daily", "Nikkei Asia", null, "Japan's quiet pivot"), translation);
    }

    [Theory]
    [InlineData("Copyright 2024 Example Media Inc.")]
    [InlineData("ⓒ 아시아경제 무단전재 배포금지")]
    [InlineData("<저작권자ⓒ 아시아경제 무단전재 배포금지>")]
    [InlineData("(c) Example News")]
    public void Parse_CopyrightLastLine_MovesIt(string line)
    {
        var closing = ClosingBlockParser.Parse([Body1, line]);

        Assert.Equal<string>([Body1], closing.Body);
        Assert.Equal(line, closing.Copyright);
        Assert.Null(closing.Author);
    }

    [Fact]
    public void Parse_NoClosingLines_LeavesBodyAlone()
    {
        ImmutableArray<string> body = [Body1, "Jane Doe, economist"];

        var closing = ClosingBlockParser.Parse(body);

        Assert.Equal<string>(body, closing.Body);
        Assert.Null(closing.Author);
        Assert.Null(closing.Copyright);
    }

    [Fact]
    public void Parse_SentenceBeforeCopyright_IsNotTakenForAnAuthor()
    {
        ImmutableArray<string> body = [Body1, "Still, the outlook is bright, analysts say.", "© Example News"];

        var closing = ClosingBlockParser.Parse(body);

        Assert.Equal<string>([Body1, "Still, the outlook is bright, analysts say."], closing.Body);
        Assert.Null(closing.Author);
    }

    [Fact]
    public void Parse_CopyrightInMiddleOfBody_StaysInBody()
    {
        ImmutableArray<string> body = [Body1, "© is the copyright sign, which the article discusses.", Body2];

        var closing = ClosingBlockParser.Parse(body);

        Assert.Equal<string>(body, closing.Body);
        Assert.Null(closing.Copyright);
    }

    [Theory]
    [InlineData("Gabriela Bernal, North Korea analyst", "Gabriela Bernal", "North Korea analyst")]
    [InlineData("John van der Berg, senior fellow", "John van der Berg", "senior fellow")]
    public void ParseAuthorLine_NameCommaRole_ReturnsAuthor(string line, string name, string role)
    {
        Assert.Equal(new ArticleAuthor(name, role), ClosingBlockParser.ParseAuthorLine(line));
    }

    [Theory]
    [InlineData("However, this perception has changed.")]
    [InlineData("Seoul, Sept. 10. The talks resumed")]
    [InlineData("analyst, North Korea")]
    public void ParseAuthorLine_NotABylineShape_ReturnsNull(string line)
    {
        Assert.Null(ClosingBlockParser.ParseAuthorLine(line));
    }
}
