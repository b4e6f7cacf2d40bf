using System.Text;
using BenchmarkDotNet.Attributes;
using Ingest.Extraction;

namespace Ingest.Benchmarks;

/// <summary>
/// Time and memory of one hostile page each: 50 MB of markup (the extractor reads the first
/// <see cref="ArticleExtractor.MaxPageBytes"/>) and 100,000 nested elements (flattened below
/// <see cref="MarkupGuard.MaxDepth"/>). The allocation column is what one such page costs.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class HostileInputBenchmarks
{
    private const string Head = "<!DOCTYPE html><html><head><title>Council expands bus network</title></head><body><article><h1>Council expands bus network</h1>"
        + "<p>The council said on Monday that it would add forty routes to the bus network, starting in March, and that fares would not rise.</p>"
        + "<p>Residents of the outer districts, who have waited years for a direct line to the centre, welcomed the plan, the council said.</p></article>";

    private static readonly Uri Url = new("https://example.com/news/bus-network");

    private readonly ArticleExtractor _extractor = new();
    private byte[] _fiftyMegabytes = [];
    private byte[] _deep = [];

    [GlobalSetup]
    public void Setup()
    {
        var big = new StringBuilder(51 * 1024 * 1024).Append(Head);
        const string Filler = "<div class=\"comment\"><p>Another comment on the bus network, with a few words of its own to make it a paragraph.</p></div>";
        while (big.Length < 50 * 1024 * 1024)
        {
            big.Append(Filler);
        }

        _fiftyMegabytes = Encoding.UTF8.GetBytes(big.Append("</body></html>").ToString());

        const int Depth = 100_000;
        var deep = new StringBuilder().Append(Head);
        deep.Insert(deep.Length, "<div>", Depth).Append("deep").Insert(deep.Length, "</div>", Depth).Append("</body></html>");
        _deep = Encoding.UTF8.GetBytes(deep.ToString());
    }

    /// <summary>A 50 MB page: cut at 3 MB, then extracted.</summary>
    [Benchmark]
    public int FiftyMegabytePage() => _extractor.Extract(new PageInput(_fiftyMegabytes, Url)).Article?.Body.Length ?? 0;

    /// <summary>100,000 nested divs: flattened, then extracted.</summary>
    [Benchmark]
    public int HundredThousandDeepPage() => _extractor.Extract(new PageInput(_deep, Url)).Article?.Body.Length ?? 0;
}
