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
    [InlineData("https://nypost.com/2019/11/18/chinese-hunter/", 2019, 11, 18)]
    [InlineData("https://example.com/news/2024-05-03/story", 2024, 5, 3)]
    [InlineData("https://blog.example.fr/articles/2025-12-15+Rust+GCC+backend", 2025, 12, 15)]
    public void FromUrl_DatePath_ReturnsTheDate(string url, int year, int month, int day)
    {
        Assert.Equal(new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero), DateValue.FromUrl(new Uri(url)));
    }

    [Fact]
    public void FromUrl_NoDate_ReturnsNull()
    {
        Assert.Null(DateValue.FromUrl(new Uri("https://www.asiae.co.kr/en/article/2025091015302212345")));
    }
}
