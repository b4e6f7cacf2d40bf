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
    /// <summary>Extracts the main content of <paramref name="document"/>.</summary>
    public static MainContent Extract(IDocument document, Uri pageUrl)
    {
        var body = document.Body;
        if (body is null)
        {
            return new MainContent([], []);
        }

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
}
