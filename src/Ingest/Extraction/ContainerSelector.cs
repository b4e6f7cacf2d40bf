using System.Text;
using AngleSharp.Dom;

namespace Ingest.Extraction;

/// <summary>
/// Chooses the body's containers from the scored candidates: the best one, grown to the ancestor it shares with
/// blocks of the same kind or place (an article split into sections), together with siblings that score nearly as
/// well and sentence-ending paragraphs beside it.
/// </summary>
internal static class ContainerSelector
{
    /// <summary>The containers of the body, in document order: the best one and the siblings that go with it.</summary>
    public static List<IElement> SelectContainers(IElement body, Dictionary<IElement, double> scores)
    {
        if (scores.Count == 0)
        {
            return [body];
        }

        // A candidate holding a better one, or held by it, is that block again (a wrapper scores as its only child),
        // not another candidate.
        var ranked = new List<KeyValuePair<IElement, double>>();
        foreach (var pair in scores.OrderByDescending(pair => pair.Value))
        {
            if (!ranked.Any(kept => kept.Key.Contains(pair.Key) || pair.Key.Contains(kept.Key)))
            {
                ranked.Add(pair);
                if (ranked.Count == 5)
                {
                    break;
                }
            }
        }

        // The page's footer (a <footer> outside any article) is not the article while a block outside it scores.
        if (PageFurniture.InPageFooter(ranked[0].Key) && ranked.FindIndex(pair => !PageFurniture.InPageFooter(pair.Key) && pair.Value >= 10) is var outside and > 0)
        {
            ranked.Insert(0, ranked[outside]);
            ranked.RemoveAt(outside + 1);
        }

        var (top, topScore) = ranked[0];

        // An article split into several blocks ("StoryBodyCompanionColumn" sections): when two of the next-best
        // distinct candidates, each nearly as good, share an ancestor with the best one, that ancestor is the article.
        var alternatives = ranked.Skip(1).Where(pair => pair.Value >= topScore * 0.75).Select(pair => pair.Key).ToList();
        if (alternatives.Count >= 2)
        {
            for (var ancestor = top.ParentElement; ancestor is not null && ancestor.LocalName is not ("body" or "html"); ancestor = ancestor.ParentElement)
            {
                if (alternatives.Count(alternative => ancestor.Contains(alternative)) >= 2)
                {
                    top = ancestor;
                    topScore = scores.GetValueOrDefault(ancestor, topScore);
                    break;
                }
            }
        }

        // The same block class repeated in separate wrappers ("Prose" per section of a long read): the article is
        // their common ancestor; what sits between them is cleaned conditionally later.
        // Without a class of its own, the block is known by its place: a block at the same depth of the same named
        // wrappers (each section of a long read in its own "section > module > column" chain) is another section.
        var shape = Shape(top);
        if (!string.IsNullOrWhiteSpace(top.ClassName) || shape is not null)
        {
            var twins = scores
                .Where(pair => !ReferenceEquals(pair.Key, top) && pair.Value >= Math.Max(10, topScore * 0.2)
                    && (string.IsNullOrWhiteSpace(top.ClassName) ? Shape(pair.Key) == shape : SameKind(pair.Key, top)))
                .Select(pair => pair.Key)
                .ToList();
            var common = top;
            foreach (var twin in twins)
            {
                while (common is not null && !common.Contains(twin))
                {
                    common = common.ParentElement;
                }
            }

            if (twins.Count > 0 && common is not null && common.LocalName is not ("body" or "html"))
            {
                top = common;
                topScore = scores.GetValueOrDefault(common, topScore);
            }
        }

        // Climb while the parent scores higher: the paragraphs were split over several children of one article. An
        // ancestor that scores nearly as well while holding half as much text again has paragraphs of its own around the best
        // block: the block is a box inside the article (a fact box of quotes), not the article.
        var lastScore = topScore;
        var topLength = TextMeasure.NonSpaceLength(top);
        for (var parent = top.ParentElement; parent is not null && parent.LocalName != "html"; parent = parent.ParentElement)
        {
            if (!scores.TryGetValue(parent, out var parentScore) || parentScore < lastScore / 3)
            {
                break;
            }

            if (parentScore > topScore || parentScore >= topScore * 0.9 && TextMeasure.NonSpaceLength(parent) * 2 >= topLength * 3)
            {
                top = parent;
                topScore = Math.Max(topScore, parentScore);
                topLength = TextMeasure.NonSpaceLength(top);
            }

            lastScore = parentScore;
        }

        // A wrapper around the best block and nothing else adds no evidence: the block's siblings are the wrapper's
        // (page builders put each section in its own wrapper, so the sections are siblings one level up).
        while (top.ParentElement is { } wrapper && wrapper.LocalName is not ("body" or "html") && wrapper.Children.Length == 1)
        {
            top = wrapper;
            topScore = Math.Max(topScore, scores.GetValueOrDefault(wrapper));
        }

        if (top.ParentElement is not { } container || top.LocalName == "body")
        {
            return [top];
        }

        var threshold = Math.Max(10, topScore * 0.2);
        var selected = new List<IElement>();
        foreach (var sibling in container.Children)
        {
            if (ReferenceEquals(sibling, top))
            {
                selected.Add(sibling);
                continue;
            }

            var bonus = !string.IsNullOrEmpty(top.ClassName) && sibling.ClassName == top.ClassName ? topScore * 0.2 : 0;
            if (scores.TryGetValue(sibling, out var siblingScore) && siblingScore + bonus >= threshold)
            {
                selected.Add(sibling);
            }
            else if (sibling.LocalName == "p")
            {
                var text = DomText.Of(sibling);
                var density = ContentScorer.LinkDensity(sibling);
                var length = DomText.CountNonSpace(text);
                if ((length > 80 && density < 0.25) || (length > 0 && density == 0 && ContentScorer.SentenceEnd().IsMatch(text)))
                {
                    selected.Add(sibling);
                }
            }
        }

        return selected;
    }

    // A block of the same class as the best one, or of its classes less one (a state modifier such as "is-bound" or
    // "w-dyn-bind-empty" on one of them), placed apart from it.
    private static bool SameKind(IElement twin, IElement top) =>
        twin.ClassName == top.ClassName
        || (twin.ClassList.Length > 0 && twin.ClassList.Length >= top.ClassList.Length - 1 && twin.ClassList.All(top.ClassList.Contains)
            && !twin.Contains(top) && !top.Contains(twin));

    // The tags and classes of a block and its three nearest ancestors; null when none of them has a class to tell the
    // chain from any other run of bare divs.
    private static string? Shape(IElement element)
    {
        var builder = new StringBuilder();
        var named = false;
        var ancestor = element;
        for (var i = 0; i < 4 && ancestor is not null; i++, ancestor = ancestor.ParentElement)
        {
            var name = DomText.Normalize(ancestor.ClassName ?? string.Empty);
            named |= name.Length > 0;
            builder.Append(ancestor.LocalName).Append('.').Append(name).Append('>');
        }

        return named ? builder.ToString() : null;
    }
}
