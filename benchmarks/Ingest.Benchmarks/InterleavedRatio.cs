using System.Diagnostics;
using System.Globalization;
using System.Text;
using AngleSharp.Html.Parser;
using Ingest.Evaluation;
using Ingest.Extraction;

namespace Ingest.Benchmarks;

/// <summary>
/// The speed target's ratio (full extraction against parsing alone) measured page by page, the two taking turns on
/// each page. BenchmarkDotNet measures one method for a while and then the next; on a shared virtual machine whose speed
/// drifts over minutes, the ratio of two such rows says as much about the drift as about the code. Here both see the
/// same machine within milliseconds of each other, so the drift cancels out of the ratio.
/// </summary>
internal static class InterleavedRatio
{
    public const string Switch = "--interleaved";

    private const int WarmUpRounds = 5;

    public static void Run(string folder, int rounds)
    {
        var pages = BenchmarkSet.ReadScrapinghub(folder).Select(p => (Bytes: SavedPages.Read(p.HtmlPath), p.Url)).ToArray();
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
        var extractor = new ArticleExtractor();
        Console.WriteLine($"{pages.Length} pages from {folder}; {WarmUpRounds} warm-up rounds, then {rounds} rounds; each page parsed alone and extracted in turn");
        Console.WriteLine("round  parse ms/page  extract ms/page  ratio");
        var ratios = new List<double>();
        var (parseTotal, extractTotal) = (0L, 0L);
        var (parseAllocated, extractAllocated) = (0L, 0L);
        for (var round = 1 - WarmUpRounds; round <= rounds; round++)
        {
            var (parseTicks, extractTicks) = (0L, 0L);
            for (var i = 0; i < pages.Length; i++)
            {
                var (bytes, url) = pages[i];
                // Alternate which goes first, so neither always finds the other's leftovers in the caches.
                if ((i + round) % 2 == 0)
                {
                    parseTicks += TimeParse(parser, bytes, ref parseAllocated);
                    extractTicks += TimeExtract(extractor, bytes, url, ref extractAllocated);
                }
                else
                {
                    extractTicks += TimeExtract(extractor, bytes, url, ref extractAllocated);
                    parseTicks += TimeParse(parser, bytes, ref parseAllocated);
                }
            }

            if (round <= 0)
            {
                (parseAllocated, extractAllocated) = (0, 0);
                continue; // warm-up: the JIT compiles hot methods again, optimised, after a few rounds
            }

            parseTotal += parseTicks;
            extractTotal += extractTicks;
            var ratio = (double)extractTicks / parseTicks;
            ratios.Add(ratio);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{round,5}  {Milliseconds(parseTicks) / pages.Length,13:F3}  {Milliseconds(extractTicks) / pages.Length,15:F3}  {ratio,5:F2}"));
        }

        ratios.Sort();
        var measured = (double)rounds * pages.Length;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"parse alone:     {measured / (Milliseconds(parseTotal) / 1000):F0} pages/s, {parseAllocated / measured / 1024 / 1024:F2} MB allocated per page"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"full extraction: {measured / (Milliseconds(extractTotal) / 1000):F0} pages/s, {extractAllocated / measured / 1024 / 1024:F2} MB allocated per page"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio: median {ratios[ratios.Count / 2]:F2}, lowest {ratios[0]:F2}, highest {ratios[^1]:F2} (target: at most 2.00)"));
    }

    private static long TimeParse(HtmlParser parser, byte[] bytes, ref long allocated)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var start = Stopwatch.GetTimestamp();
        using (var document = parser.ParseDocument(Encoding.UTF8.GetString(bytes)))
        {
            GC.KeepAlive(document.All.Length);
        }

        var ticks = Stopwatch.GetTimestamp() - start;
        allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        return ticks;
    }

    private static long TimeExtract(ArticleExtractor extractor, byte[] bytes, Uri url, ref long allocated)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var start = Stopwatch.GetTimestamp();
        GC.KeepAlive(extractor.Extract(new PageInput(bytes, url)));
        var ticks = Stopwatch.GetTimestamp() - start;
        allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        return ticks;
    }

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
