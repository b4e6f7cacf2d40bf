using Ingest.Extraction;

namespace Ingest.Tests.Extraction;

public sealed class ClassNamesTests
{
    [Theory]
    [InlineData("article-dek", true)]
    [InlineData("intro\tDEK\nlarge", true)]
    [InlineData("dekko standfirst-wide", false)]
    [InlineData("", false)]
    [InlineData("\u017Ftandfirst", true)] // long s upper-cases to S, as ClassList's names did under ToUpperInvariant
    public void HasClass_ClassNames_MatchedWholeAndCaseInsensitive(string classes, bool expected)
    {
        var names = System.Collections.Frozen.FrozenSet.Create(StringComparer.Ordinal, "DEK", "ARTICLE-DEK", "STANDFIRST");
        var element = DomSnippets.Parser.ParseDocument($"<div class=\"{classes}\"></div>").QuerySelector("div")!;

        Assert.Equal(expected, ClassNames.HasClass(element, names));
        Assert.Equal(element.ClassList.Any(c => names.Contains(c.ToUpperInvariant())), ClassNames.HasClass(element, names));
    }
}
