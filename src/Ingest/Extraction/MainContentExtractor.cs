using System.Collections.Immutable;
using AngleSharp.Dom;

namespace Ingest.Extraction;

/// <summary>The body found in the markup: paragraphs in reading order and the article's images.</summary>
internal sealed record MainContent(ImmutableArray<string> Paragraphs, ImmutableArray<ArticleImage> Images)
{
    /// <summary>Non-space characters over all paragraphs.</summary>
    public int Length => Paragraphs.Sum(DomText.CountNonSpace);
}

/// <summary>
/// Finds the main text of a page, readability-style: boilerplate and photo blocks out, candidates scored
/// (<see cref="ContentScorer"/>), the best container and its peers chosen (<see cref="ContainerSelector"/>), each
/// cleaned conditionally (<see cref="ConditionalCleaner"/>) and turned into paragraphs
/// (<see cref="ParagraphEmitter"/>). The DOM is changed in place.
/// </summary>
internal static class MainContentExtractor
{
    /// <summary>
    /// Extracts the main content of <paramref name="document"/>; <paramref name="heading"/> is the page's main h1, if
    /// known.
    /// </summary>
    public static MainContent Extract(IDocument document, Uri pageUrl, IElement? heading = null)
    {
        var body = document.Body;
        if (body is null)
        {
            return new MainContent([], []);
        }

        RemoveLaterStories(body, heading);
        BoilerplateRemover.Clean(body);
        var imageBlocks = PhotoBlocks.TakeImageBlocks(body, pageUrl);
        var scores = ContentScorer.Score(body);
        var containers = ContainerSelector.SelectContainers(body, scores);
        var paragraphs = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var container in containers)
        {
            // When cleaning would leave under a quarter of the chosen text, the "boilerplate" was the article
            // (a page builder's one-paragraph widgets): the block is emitted as it was, by putting back what cleaning
            // took out for the time of the emission (rarely needed, so cheaper than copying every block beforehand).
            var before = TextMeasure.NonSpaceLength(container);
            var removed = ConditionalCleaner.CleanConditionally(container);
            if (TextMeasure.NonSpaceLength(container) * 4 >= before)
            {
                ParagraphEmitter.Emit(container, paragraphs, seen);
                continue;
            }

            for (var i = removed.Count - 1; i >= 0; i--)
            {
                removed[i].Parent.InsertBefore(removed[i].Element, removed[i].Next);
            }

            ParagraphEmitter.Emit(container, paragraphs, seen);
            foreach (var (element, _, _) in removed)
            {
                element.Remove();
            }
        }

        var images = imageBlocks
            .Where(block => containers.Any(c => ReferenceEquals(c, block.Parent) || c.Contains(block.Parent)))
            .SelectMany(block => block.Images)
            .Concat(containers.SelectMany(c => DomTree.Descendants(c).Where(e => e.LocalName == "img")).Select(img => PhotoBlocks.ImageOf(img, pageUrl, null)).OfType<ArticleImage>())
            .DistinctBy(image => image.Url)
            .ToImmutableArray();
        return new MainContent([.. BodyFurniture.Remove(paragraphs)], images);
    }

    // A story that follows the page's own: an <article> after the main headline, not holding it, that opens with a
    // headline of its own (no prose or other heading before its h1, and not the main headline again) over 500
    // characters of its own (pages that load the next article as the reader scrolls). Its paragraphs would otherwise
    // join the body's.
    private static void RemoveLaterStories(IElement body, IElement? heading)
    {
        if (heading is null)
        {
            return;
        }

        foreach (var article in DomTree.Descendants(body).Where(e => e.LocalName == "article").ToList())
        {
            if (article.Contains(heading) || heading.Contains(article) || (heading.CompareDocumentPosition(article) & DocumentPositions.Following) == 0
                || article.Parent is null)
            {
                continue;
            }

            var ownHeadline = DomTree.Descendants(article).FirstOrDefault(e => e.LocalName == "h1");
            if (ownHeadline is null || TextMeasure.NonSpaceLength(article) < 500 || SameWords(DomText.Of(ownHeadline), DomText.Of(heading)))
            {
                continue;
            }

            var proseBefore = DomTree.Descendants(article).TakeWhile(e => !ReferenceEquals(e, ownHeadline))
                .Any(e => e.LocalName is "h2" or "h3" or "h4" or "h5" or "h6" || e.LocalName == "p" && TextMeasure.NonSpaceLength(e) >= 80);
            if (!proseBefore)
            {
                article.Remove();
            }
        }
    }

    // Whether two headlines share half their words: the same story told twice (a copy for another screen size).
    private static bool SameWords(string a, string b)
    {
        var words = a.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var other = b.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.ToLowerInvariant()).ToList();
        return words.Count == 0 || other.Count == 0 || other.Count(words.Contains) * 2 >= Math.Min(words.Count, other.Count);
    }
}
