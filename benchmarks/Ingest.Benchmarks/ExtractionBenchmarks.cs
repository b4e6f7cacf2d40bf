using System.Text;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using BenchmarkDotNet.Attributes;
using Ingest.Evaluation;
using Ingest.Extraction;

namespace Ingest.Benchmarks;

/// <summary>
/// Full extraction against AngleSharp parsing alone, over the same ScrapingHub pages in the same run. Each operation
/// handles every page once; <see cref="BenchmarkAttribute.OperationsPerInvoke"/> makes the reported mean and allocation
/// per page.
/// </summary>
/// <remarks>
/// Fifteen measured iterations rather than a short run's three, with the median beside the mean: on a shared virtual
/// machine the speed of the whole machine drifts from minute to minute, and three iterations let one slow spell decide a
/// ratio.
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 15)]
public class ExtractionBenchmarks
{
    /// <summary>The benchmark folder (ScrapingHub layout); defaults to ../shared/benchmarks/scrapinghub beside the repository.</summary>
    public const string PagesVariable = "INGEST_BENCH_PAGES";

    private const int Pages = 181;

    private readonly ArticleExtractor _extractor = new();
    private readonly HtmlParser _parser = new(new HtmlParserOptions { IsScripting = false });
    private (byte[] Bytes, Uri Url)[] _pages = [];

    public static string ResolvePages()
    {
        if (Environment.GetEnvironmentVariable(PagesVariable) is { Length: > 0 } given)
        {
            return Path.GetFullPath(given);
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Ingest.sln")))
            {
                return Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "benchmarks", "scrapinghub"));
            }
        }

        throw new DirectoryNotFoundException($"set {PagesVariable} to the ScrapingHub benchmark folder");
    }

    [GlobalSetup]
    public void Setup()
    {
        var folder = Environment.GetEnvironmentVariable(PagesVariable) ?? ResolvePages();
        _pages = [.. BenchmarkSet.ReadScrapinghub(folder).Select(p => (SavedPages.Read(p.HtmlPath), p.Url))];
        if (_pages.Length != Pages)
        {
            throw new InvalidOperationException($"expected {Pages} pages in {folder}, found {_pages.Length}");
        }
    }

    /// <summary>UTF-8 decoding and AngleSharp parsing only: the floor any extractor on AngleSharp pays.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Pages)]
    public int ParseOnly()
    {
        var elements = 0;
        foreach (var (bytes, _) in _pages)
        {
            using var document = _parser.ParseDocument(Encoding.UTF8.GetString(bytes));
            elements += document.All.Length;
        }

        return elements;
    }

    // BenchmarkDotNet measures the methods one after another, in the order written here: the target's two rows come
    // first and next to each other, so that a drift of the machine's speed over the minutes of a run weighs as little
    // as it can on their ratio.

    /// <summary>Everything: charset, parse, JSON-LD and metadata, main content, closing block.</summary>
    [Benchmark(OperationsPerInvoke = Pages)]
    public int FullExtraction()
    {
        var paragraphs = 0;
        foreach (var (bytes, url) in _pages)
        {
            paragraphs += _extractor.Extract(new PageInput(bytes, url)).Article?.Body.Length ?? 0;
        }

        return paragraphs;
    }

    // The stages are measured as a prefix of the extraction on a freshly parsed document, as the extractor runs them
    // (a stage over documents parsed long before reads a cold DOM and looks dearer than it is): a stage's own cost is
    // its row minus DecodeGuardParse.

    /// <summary>The extractor's front end: charset detection and decoding, the nesting guard, the parse.</summary>
    [Benchmark(OperationsPerInvoke = Pages)]
    public int DecodeGuardParse()
    {
        var elements = 0;
        foreach (var (bytes, _) in _pages)
        {
            using var document = ParseAsExtractorDoes(bytes);
            elements += document.All.Length;
        }

        return elements;
    }

    /// <summary>The front end, then JSON-LD and metadata.</summary>
    [Benchmark(OperationsPerInvoke = Pages)]
    public int ParseThenMetadata()
    {
        var found = 0;
        foreach (var (bytes, url) in _pages)
        {
            using var document = ParseAsExtractorDoes(bytes);
            found += MetadataReader.Read(document, url).Found.Title?.Length ?? 0;
        }

        return found;
    }

    /// <summary>The front end, then boilerplate removal, scoring and paragraph emission.</summary>
    [Benchmark(OperationsPerInvoke = Pages)]
    public int ParseThenMainContent()
    {
        var paragraphs = 0;
        foreach (var (bytes, url) in _pages)
        {
            using var document = ParseAsExtractorDoes(bytes);
            paragraphs += MainContentExtractor.Extract(document, url).Paragraphs.Length;
        }

        return paragraphs;
    }

    private IHtmlDocument ParseAsExtractorDoes(byte[] bytes)
        => _parser.ParseDocument(MarkupGuard.LimitDepth(PageDecoder.Decode(bytes, null)));
}
