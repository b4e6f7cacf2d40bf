using System.IO.Compression;
using System.Text.RegularExpressions;

namespace Ingest.IntegrationTests;

/// <summary><c>ingest extract</c> as a child process: hostile and empty input end with a reason, memory bounded.</summary>
public sealed partial class ExtractCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ingest-extract-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task Extract_GzipThatInflatesTo200MB_IsRefusedUnderTheFetchCap_WithBoundedMemory()
    {
        var bomb = Path.Combine(_folder.FullName, "bomb.html.gz");
        await using (var file = File.Create(bomb))
        await using (var gzip = new GZipStream(file, CompressionLevel.SmallestSize))
        {
            await gzip.WriteAsync("<html><body><p>"u8.ToArray(), TestContext.Current.CancellationToken);
            var zeros = new byte[1 << 20];
            Array.Fill(zeros, (byte)'a');
            for (var i = 0; i < 200; i++)
            {
                await gzip.WriteAsync(zeros, TestContext.Current.CancellationToken);
            }
        }

        await using var extract = HostProcess.StartCommand(new Dictionary<string, string?> { ["INGEST_RESOURCE_REPORT"] = "1" }, ["extract", _folder.FullName, "--out", Path.Combine(_folder.FullName, "out.json")]);
        await extract.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, extract.ExitCode);
        Assert.Contains("inflates to over 10,485,760 bytes", extract.Output, StringComparison.Ordinal);
        var peak = int.Parse(PeakMemory().Match(extract.Output).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        TestContext.Current.SendDiagnosticMessage($"gzip bomb ({new FileInfo(bomb).Length} bytes → 200 MB): peak memory {peak} MB");
        Assert.True(peak < 200, extract.Output);
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task ExtractList_PagesReadAtTheirListedUrl_BadLinesNamedByNumber_KeysAreFileNames()
    {
        var page = Path.Combine(_folder.FullName, "story-one.html");
        await File.WriteAllTextAsync(page, """
            <html lang="en"><head><title>Harbour reopens</title></head><body><article><h1>Harbour reopens</h1>
            <p>The harbour reopened on Tuesday after a week of repairs to the breakwater, the port authority said in a statement.</p>
            <p>Fishing boats returned to their moorings by the afternoon, and the ferry service resumed its usual timetable.</p>
            </article></body></html>
            """, TestContext.Current.CancellationToken);
        var list = Path.Combine(_folder.FullName, "pages.tsv");
        await File.WriteAllLinesAsync(list,
        [
            "# saved pages and where they were saved from",
            "story-one.html\thttps://news.example/2024/05/03/harbour-reopens",
            "story-one.html https://news.example/no-tab",
            "missing.html\thttps://news.example/x",
            "story-one.html\tnot a url",
        ], TestContext.Current.CancellationToken);
        var output = Path.Combine(_folder.FullName, "out.json");

        await using var extract = HostProcess.StartCommand(new Dictionary<string, string?>(), ["extract", "--list", list, "--out", output]);
        await extract.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(extract.ExitCode == 1, extract.Output);
        Assert.Contains("pages.tsv:3: no tab between the path and the URL", extract.Output, StringComparison.Ordinal);
        Assert.Contains("pages.tsv:4: no file 'missing.html'", extract.Output, StringComparison.Ordinal);
        Assert.Contains("pages.tsv:5: 'not a url' is not an absolute http or https URL", extract.Output, StringComparison.Ordinal);
        Assert.Contains("Extracted 1 pages", extract.Output, StringComparison.Ordinal);
        using var predictions = System.Text.Json.JsonDocument.Parse(await File.ReadAllBytesAsync(output, TestContext.Current.CancellationToken));
        var story = predictions.RootElement.GetProperty("story-one");
        Assert.Equal("Harbour reopens", story.GetProperty("title").GetString());
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task ExtractList_NothingReadable_ExitsTwo()
    {
        var list = Path.Combine(_folder.FullName, "pages.tsv");
        await File.WriteAllLinesAsync(list, ["missing.html\thttps://news.example/x"], TestContext.Current.CancellationToken);

        await using var extract = HostProcess.StartCommand(new Dictionary<string, string?>(), ["extract", "--list", list, "--out", Path.Combine(_folder.FullName, "out.json")]);
        await extract.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(extract.ExitCode == 2, extract.Output);
        Assert.Contains("nothing extracted", extract.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task Extract_FolderWithoutPages_ExitsTwoSayingNothingWasExtracted()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder.FullName, "notes.txt"), "not a page", TestContext.Current.CancellationToken);

        await using var extract = HostProcess.StartCommand(new Dictionary<string, string?>(), ["extract", _folder.FullName, "--out", Path.Combine(_folder.FullName, "out.json")]);
        await extract.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, extract.ExitCode);
        Assert.Contains("no saved pages", extract.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder.FullName, "out.json")));
    }

    [GeneratedRegex(@"peak memory (\d+) MB")]
    private static partial Regex PeakMemory();
}
