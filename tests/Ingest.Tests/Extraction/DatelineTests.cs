using Ingest.Extraction;

namespace Ingest.Tests.Extraction;

public sealed class DatelineTests
{
    [Theory]
    [InlineData("[아시아경제 홍길동 기자] 북한이 15일 동해상으로 탄도미사일을 발사했다.", "북한이 15일 동해상으로 탄도미사일을 발사했다.")]
    [InlineData("[아시아경제 뉴욕=홍길동 특파원] 뉴욕증시가 상승했다.", "뉴욕증시가 상승했다.")]
    [InlineData("(서울=연합뉴스) 홍길동 기자 = 북한이 탄도미사일을 발사했다.", "북한이 탄도미사일을 발사했다.")]
    public void Strip_ReporterCredit_RemovesIt(string first, string expected)
    {
        Assert.Equal<string>([expected, "둘째 문단."], Dateline.Strip([first, "둘째 문단."]));
    }

    [Fact]
    public void Strip_CreditAloneInFirstParagraph_DropsTheParagraph()
    {
        Assert.Equal<string>(["본문."], Dateline.Strip(["[아시아경제 홍길동 기자]", "본문."]));
    }

    [Theory]
    [InlineData("HONOLULU, Hawaii (HawaiiNewsNow) - NASA scientists have confirmed water vapor.")]
    [InlineData("[Column] For the past decade, the name Kim Jong-un has been synonymous with a rogue state.")]
    public void Strip_PlaceDatelineOrLabel_LeavesItAlone(string first)
    {
        Assert.Equal<string>([first], Dateline.Strip([first]));
    }
}
