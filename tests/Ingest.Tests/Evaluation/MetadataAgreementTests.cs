using Ingest.Evaluation;

namespace Ingest.Tests.Evaluation;

public sealed class MetadataAgreementTests
{
    [Theory]
    [InlineData("The  Big\u00A0Story", "the big story", true)]
    [InlineData("Ｆｕｌｌ width", "full width", true)]
    [InlineData("The Big Story", "The Big Story | Site", false)]
    [InlineData("We've compiled – 'Sobering'", "We\u2019ve compiled \u2014 \u2018Sobering\u2019", true)]
    public void TitleAgrees_Normalisation_ComparesCaseAndSpaceInsensitively(string truth, string predicted, bool expected)
        => Assert.Equal(expected, MetadataAgreement.TitleAgrees(truth, predicted));

    [Fact]
    public void AuthorAgrees_NameInsideTruthWithCredentials_Agrees()
        => Assert.True(MetadataAgreement.AuthorAgrees("Dylan Bailey, MS, RD, FAND", ["Dylan Bailey"]));

    [Fact]
    public void AuthorAgrees_OneWrongExtraName_Disagrees()
        => Assert.False(MetadataAgreement.AuthorAgrees("Jane Doe", ["Jane Doe", "Staff Writer"]));

    [Fact]
    public void AuthorAgrees_NoName_Disagrees()
        => Assert.False(MetadataAgreement.AuthorAgrees("Jane Doe", []));

    [Theory]
    [InlineData("2025-09-04", "2025-09-04T23:30:00+09:00", true)] // the page's own calendar day, not UTC's
    [InlineData("2025-09-04", "2025-09-05T01:00:00+09:00", false)]
    [InlineData("2025-09", "2025-09-30T00:00:00+00:00", true)]
    [InlineData("2025-09-04", null, false)]
    public void DateAgrees_SameCalendarDayInPageOffset_Agrees(string truth, string? predicted, bool expected)
        => Assert.Equal(expected, MetadataAgreement.DateAgrees(truth, predicted));
}
