using Ingest.Extraction;

namespace Ingest.Tests.Extraction;

public sealed class DateValueTests
{
    [Theory]
    [InlineData("2020-01-20T10:00:08+08:00", 8)]
    [InlineData("2024-05-03T10:00:00-04:00", -4)]
    [InlineData("2024-05-03T10:00:00Z", 0)]
    public void Parse_Iso8601WithOffset_KeepsTheOffset(string value, int offsetHours)
    {
        Assert.Equal(TimeSpan.FromHours(offsetHours), DateValue.Parse(value)!.Value.Offset);
    }

    [Fact]
    public void Parse_NoOffset_ReadsUtcWhateverTheMachineZone()
    {
        Assert.Equal(new DateTimeOffset(2024, 5, 3, 10, 0, 0, TimeSpan.Zero), DateValue.Parse("2024-05-03T10:00:00"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("10:00")]
    [InlineData("yesterday")]
    [InlineData("not a date at all")]
    public void Parse_NotADate_ReturnsNull(string value)
    {
        Assert.Null(DateValue.Parse(value));
    }

    [Theory]
    [InlineData("Published September 18, 2024", 2024, 9, 18)]
    [InlineData("Posted on 18th Sep 2024 by Jane", 2024, 9, 18)]
    [InlineData("입력 2025.09.10 15:30", 2025, 9, 10)]
    [InlineData("2024/09/18", 2024, 9, 18)]
    [InlineData("23.07.2025 · 5 min read", 2025, 7, 23)]
    [InlineData("2/24/2026", 2026, 2, 24)]
    [InlineData("2025年9月10日 15:30", 2025, 9, 10)]
    [InlineData("입력 2025년 9월 10일 오후 3:30", 2025, 9, 10)]
    [InlineData("Veröffentlicht am 18. Oktober 2024", 2024, 10, 18)]
    [InlineData("Publié le 1er février 2024", 2024, 2, 1)]
    [InlineData("Publicado el 18 de diciembre de 2024", 2024, 12, 18)]
    [InlineData("Posted on the 15/12/2025 at 19:00 by", 2025, 12, 15)]
    [InlineData("15-12-2025", 2025, 12, 15)]
    public void ParseVisible_DateInText_ReturnsTheDateAtMidnightUtc(string text, int year, int month, int day)
    {
        Assert.Equal(new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero), DateValue.ParseVisible(text));
    }

    [Theory]
    [InlineData("Call 2024 555 1234")]
    [InlineData("2024-13-45")]
    [InlineData("Read more")]
    [InlineData("version 1.12.2024.3")]
    [InlineData("18 Blumen 2024")]
    [InlineData("03/10/2023")] // the third of October or the tenth of March: the page does not say
    public void ParseVisible_NoValidDate_ReturnsNull(string text)
    {
        Assert.Null(DateValue.ParseVisible(text));
    }

    [Theory]
    [InlineData(true, 2023, 10, 3)]
    [InlineData(false, 2023, 3, 10)]
    public void ParseVisible_BothNumbersTwelveOrLess_FollowsTheDeclaredOrder(bool dayFirst, int year, int month, int day)
    {
        Assert.Equal(new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero), DateValue.ParseVisible("03/10/2023", new DateReading(null, dayFirst)));
    }

    [Fact]
    public void ParseVisible_BothNumbersTwelveOrLess_TakesTheReadingTheUrlNames()
    {
        var inUrl = new DateTimeOffset(2023, 10, 3, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(inUrl, DateValue.ParseVisible("Posted 03/10/2023", new DateReading(inUrl, DayFirst: false)));
    }

    [Fact]
    public void ParseVisible_UrlNamesNeitherReading_StaysUnread()
    {
        var inUrl = new DateTimeOffset(2023, 10, 5, 0, 0, 0, TimeSpan.Zero);

        Assert.Null(DateValue.ParseVisible("03/10/2023", new DateReading(inUrl, null)));
    }

    [Fact]
    public void ParseVisible_SameNumberTwice_NeedsNoOrder()
    {
        Assert.Equal(new DateTimeOffset(2023, 3, 3, 0, 0, 0, TimeSpan.Zero), DateValue.ParseVisible("03/03/2023"));
    }

    [Theory]
    [InlineData("en-GB", true)]
    [InlineData("en_AU", true)]
    [InlineData("de", true)]
    [InlineData("fr-CA", true)]
    [InlineData("en-US", false)]
    [InlineData("en_PH", false)]
    [InlineData("en", null)]
    [InlineData("ja-JP", null)]
    [InlineData("", null)]
    public void DayFirstIn_DeclaredLanguage_GivesTheOrderOrNothing(string language, bool? expected)
    {
        Assert.Equal(expected, DateValue.DayFirstIn(language));
    }

    [Theory]
    [InlineData("02-12-2025")]
    [InlineData("10/03/2023 10:00")]
    public void Parse_BothNumbersTwelveOrLess_ReturnsNull(string value)
    {
        Assert.Null(DateValue.Parse(value));
    }

    [Fact]
    public void Parse_NumberOverTwelve_ReadsTheDate()
    {
        Assert.Equal(new DateTime(2025, 12, 25), DateValue.Parse("12/25/2025")!.Value.Date);
    }

    [Theory]
    [InlineData("https://nypost.com/2019/11/18/chinese-hunter/", 2019, 11, 18)]
    [InlineData("https://example.com/blog/2023/october/03/wine-styles/", 2023, 10, 3)]
    [InlineData("https://example.com/blog/2023/Sep/03/wine-styles/", 2023, 9, 3)]
    [InlineData("https://example.com/news/2024-05-03/story", 2024, 5, 3)]
    [InlineData("https://blog.example.fr/articles/2025-12-15+Rust+GCC+backend", 2025, 12, 15)]
    public void FromUrl_DatePath_ReturnsTheDate(string url, int year, int month, int day)
    {
        Assert.Equal(new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero), DateValue.FromUrl(new Uri(url)));
    }

    [Theory]
    [InlineData("https://www.asiae.co.kr/en/article/2025091015302212345")]
    [InlineData("https://example.com/archive/2023/octopus/03/")]
    public void FromUrl_NoDate_ReturnsNull(string url)
    {
        Assert.Null(DateValue.FromUrl(new Uri(url)));
    }
}
