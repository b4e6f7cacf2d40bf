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
[MemoryDiagnoser]
[ShortRunJob]
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

    /// <summary>Stage: charset detection and decoding, then the nesting guard (a scan of the whole string).</summary>
    [Benchmark(OperationsPerInvoke = Pages)]
    public int DecodeAndGuard()
    {
        var chars = 0;
        foreach (var (bytes, _) in _pages)
        {
            chars += MarkupGuard.LimitDepth(PageDecoder.Decode(bytes, null)).Length;
        }

        return chars;
    }

    private IHtmlDocument[] _parsed = [];

    [GlobalSetup(Target = nameof(MetadataOnly))]
    public void SetupParsed()
    {
        Setup();
        _parsed = [.. _pages.Select(p => _parser.ParseDocument(MarkupGuard.LimitDepth(PageDecoder.Decode(p.Bytes, null))))];
    }

    /// <summary>Stage: JSON-LD and metadata over documents parsed beforehand (it only reads the document).</summary>
    [Benchmark(OperationsPerInvoke = Pages)]
    public int MetadataOnly()
    {
        var found = 0;
        for (var i = 0; i < _parsed.Length; i++)
        {
            found += MetadataReader.Read(_parsed[i], _pages[i].Url).Title?.Length ?? 0;
        }

        return found;
    }

    [IterationSetup(Target = nameof(MainContentOnly))]
    public void ParseForMainContent()
    {
        // Main content extraction changes the document, so every iteration gets freshly parsed ones.
        foreach (var document in _parsed)
        {
            document.Dispose();
        }

        _parsed = [.. _pages.Select(p => _parser.ParseDocument(MarkupGuard.LimitDepth(PageDecoder.Decode(p.Bytes, null))))];
    }

    /// <summary>Stage: boilerplate removal, scoring and paragraph emission over documents parsed beforehand.</summary>
    [Benchmark(OperationsPerInvoke = Pages)]
    public int MainContentOnly()
    {
        var paragraphs = 0;
        for (var i = 0; i < _parsed.Length; i++)
        {
            paragraphs += MainContentExtractor.Extract(_parsed[i], _pages[i].Url).Paragraphs.Length;
        }

        return paragraphs;
    }

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
}
