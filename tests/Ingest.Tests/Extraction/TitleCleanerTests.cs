using Ingest.Extraction;

namespace Ingest.Tests.Extraction;

// What is cut from a chosen headline.
public sealed class TitleCleanerTests
{
    [Theory]
    [InlineData("How to help babies sleep through the night | Patient Education", "How to help babies sleep through the night")]
    [InlineData("Opinion | Council expands bus network", "Opinion | Council expands bus network")]
    [InlineData("Dec 18 2025 Preparing a transition in Debusine", "Preparing a transition in Debusine")]
    [InlineData("A DIY Investor\u00e2\u0080\u0099s Guide to Retirement", "A DIY Investor\u2019s Guide to Retirement")]
    [InlineData("Prices rose 3\u00e2 in May", "Prices rose 3\u00e2 in May")]
    public void CleanTitle_LabelsDatesAndMojibake_AreRemoved(string title, string expected)
    {
        Assert.Equal(expected, TitleCleaner.CleanTitle(title));
    }

    [Theory]
    [InlineData("Council expands bus network | Example News", "Council expands bus network")]
    [InlineData("Council expands bus network - EXAMPLE", "Council expands bus network")]
    [InlineData("Council expands bus network - live updates", "Council expands bus network - live updates")]
    public void WithoutSiteName_SuffixNamesTheSite_DropsIt(string title, string expected)
    {
        Assert.Equal(expected, TitleCleaner.WithoutSiteName(title, "Example News", TestPages.Url));
    }
}
