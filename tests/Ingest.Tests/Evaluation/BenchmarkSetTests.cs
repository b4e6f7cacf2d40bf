using Ingest.Evaluation;

namespace Ingest.Tests.Evaluation;

public sealed class BenchmarkSetTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ingest-benchmark-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void ReadFundus_AuthorsJoined_EmptyListIsNoTruth_DateIsTheDayAsWritten()
    {
        Directory.CreateDirectory(Path.Combine(_folder.FullName, "html"));
        File.WriteAllText(Path.Combine(_folder.FullName, "ground-truth.json"), """
            {
              "kr-Paper_2025_01_02": {"url": "https://paper.example/a/1", "country": "kr", "title": "제목",
                "authors": ["Kim Min-ji", " Lee Ho "], "published": "2025-01-01 23:30:00+09:00", "articleBody": "본문 한 줄"},
              "de-Zeitung_2024_05_03": {"url": "https://zeitung.example/b", "country": "de", "title": "Titel",
                "authors": [], "published": "2024-05-03T06:57:50.233000+00:00", "articleBody": "Text"}
            }
            """);

        var pages = BenchmarkSet.ReadFundus(_folder.FullName);

        Assert.Equal(["de-Zeitung_2024_05_03", "kr-Paper_2025_01_02"], pages.Select(p => p.Id));
        var korean = pages[1];
        Assert.Equal(new Uri("https://paper.example/a/1"), korean.Url);
        Assert.Equal("Kim Min-ji, Lee Ho", korean.Author);
        Assert.Equal("2025-01-01", korean.PublishDate);
        Assert.Equal("제목", korean.Title);
        Assert.Equal("본문 한 줄", korean.Body);
        Assert.Null(pages[0].Author);
        Assert.Equal("2024-05-03", pages[0].PublishDate);
        Assert.EndsWith(Path.Combine("html", "kr-Paper_2025_01_02.html"), korean.HtmlPath, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadList_RelativePathsFromTheListsFolder_ProblemsNameTheLine()
    {
        File.WriteAllText(Path.Combine(_folder.FullName, "a.html"), "<html></html>");
        var list = Path.Combine(_folder.FullName, "list.tsv");
        File.WriteAllLines(list, ["a.html\thttps://a.example/2024/01/02/x", "", "# comment", "a.html\tftp://a.example/", "b.html\thttps://a.example/"]);

        var (pages, problems) = SavedPages.ReadList(list);

        var page = Assert.Single(pages);
        Assert.Equal(Path.Combine(_folder.FullName, "a.html"), page.Path);
        Assert.Equal(new Uri("https://a.example/2024/01/02/x"), page.Url);
        Assert.Equal([$"{list}:4: 'ftp://a.example/' is not an absolute http or https URL", $"{list}:5: no file 'b.html'"], problems);
    }
}
