using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Ingest.Records;

namespace Ingest.Extraction;

/// <summary>The body found in the markup: paragraphs in reading order and the article's images.</summary>
internal sealed record MainContent(ImmutableArray<string> Paragraphs, ImmutableArray<ArticleImage> Images)
{
    /// <summary>Non-space characters over all paragraphs.</summary>
    public int Length => Paragraphs.Sum(DomText.CountNonSpace);
}

/// <summary>
/// Finds the main text of a page, readability-style: every paragraph gives its ancestors a score from its length in
/// characters (not words, so Korean and Chinese score like English) and its commas; the best container, discounted by
/// its link density, wins together with siblings that score nearly as well. The DOM is changed in place.
/// </summary>
internal static partial class MainContentExtractor
{
    private const int MinParagraphChars = 25;

    // How far a paragraph's score climbs through single-child wrappers, whatever their number.
    private const int MaxAncestorSteps = 16;

    private static readonly HashSet<string> ParagraphTags = new(StringComparer.Ordinal)
    {
        "p", "pre", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd",
    };

    /// <summary>Extracts the main content of <paramref name="document"/>.</summary>
    public static MainContent Extract(IDocument document, Uri pageUrl)
    {
        var body = document.Body;
        if (body is null)
        {
            return new MainContent([], []);
        }

        BoilerplateRemover.Clean(body);
        var imageBlocks = TakeImageBlocks(body, pageUrl);
        var scores = Score(body);
        var containers = SelectContainers(body, scores);
        var paragraphs = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var container in containers)
        {
            // When cleaning would leave under a quarter of the chosen text, the "boilerplate" was the article
            // (a page builder's one-paragraph widgets): the block is emitted as it was, by putting back what cleaning
            // took out for the time of the emission (rarely needed, so cheaper than copying every block beforehand).
            var before = TextMeasure.NonSpaceLength(container);
            var removed = CleanConditionally(container);
            if (TextMeasure.NonSpaceLength(container) * 4 >= before)
            {
                Emit(container, paragraphs, seen);
                continue;
            }

            for (var i = removed.Count - 1; i >= 0; i--)
            {
                removed[i].Parent.InsertBefore(removed[i].Element, removed[i].Next);
            }

            Emit(container, paragraphs, seen);
            foreach (var (element, _, _) in removed)
            {
                element.Remove();
            }
        }

        var images = imageBlocks
            .Where(block => containers.Any(c => ReferenceEquals(c, block.Parent) || c.Contains(block.Parent)))
            .SelectMany(block => block.Images)
            .Concat(containers.SelectMany(c => DomTree.Descendants(c).Where(e => e.LocalName == "img")).Select(img => ImageOf(img, pageUrl, null)).OfType<ArticleImage>())
            .DistinctBy(image => image.Url)
            .ToImmutableArray();
        return new MainContent([.. BodyFurniture.Remove(paragraphs)], images);
    }

    private sealed record ImageBlock(IElement Parent, ImmutableArray<ArticleImage> Images);

    // Photos and their captions: fields of the record, not body text. Taken out before scoring.
    private static List<ImageBlock> TakeImageBlocks(IElement body, Uri pageUrl)
    {
        var blocks = new List<ImageBlock>();
        // A block inside a photo block that was taken out goes with it (its images are not the article's).
        DomTree.Prune(body, element =>
        {
            var isFigure = element.LocalName == "figure";
            if (element.ParentElement is not { } parent || (!isFigure && !(element.GetAttribute("class") is { } classes && PhotoClass().IsMatch(classes))))
            {
                return false;
            }

            var imgs = DomTree.Descendants(element).Where(e => e.LocalName == "img").ToList();
            if (imgs.Count == 0 && !isFigure)
            {
                return false;
            }

            // A container that holds text as well as a photo is not a photo block.
            if (DomText.OfAtMost(element, 400) is not { } text)
            {
                return false;
            }

            var caption = DomTree.Descendants(element).FirstOrDefault(e => e.LocalName == "figcaption") is { } figcaption ? DomText.Of(figcaption) : text;

            var images = imgs.Select(img => ImageOf(img, pageUrl, caption.Length > 0 ? caption : null)).OfType<ArticleImage>().ToImmutableArray();
            blocks.Add(new ImageBlock(parent, images));
            return true;
        });

        return blocks;
    }

    private static ArticleImage? ImageOf(IElement img, Uri pageUrl, string? caption)
    {
        var src = img.GetAttribute("data-src") ?? img.GetAttribute("data-original") ?? img.GetAttribute("data-lazy-src") ?? img.GetAttribute("src");
        var url = PageLinks.Absolute(pageUrl, src);
        return url is null ? null : new ArticleImage(url, caption ?? NullIfEmpty(img.GetAttribute("alt")));
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : DomText.Normalize(text);

    private static Dictionary<IElement, double> Score(IElement body)
    {
        var scores = new Dictionary<IElement, double>();
        foreach (var (element, length, marks) in ScoringUnits(body))
        {
            if (length < MinParagraphChars)
            {
                continue;
            }

            var score = 1 + Math.Min(marks, MaxCommas) + Math.Min(length / 100, 3);
            // A wrapper whose only child is the previous ancestor adds no structure (page builders nest each paragraph
            // in a section, container, column and widget): it scores at the same level as its child, so the paragraphs
            // still reach the element that gathers them.
            var ancestor = element;
            for (var (level, steps) = (0, 0); level < 5 && steps < MaxAncestorSteps && ancestor is not null && ancestor.LocalName != "html"; steps++)
            {
                if (!scores.TryGetValue(ancestor, out var current))
                {
                    current = InitialScore(ancestor);
                }

                var divider = level switch
                {
                    0 => 1,
                    1 => 2,
                    _ => level * 3,
                };
                scores[ancestor] = current + (score / divider);
                var child = ancestor;
                ancestor = ancestor.ParentElement;
                if (ancestor is null || !DomTree.IsOnlyChild(child))
                {
                    level++;
                }
            }
        }

        var measured = TextMeasure.MeasureEach(body, scores.Keys.ToHashSet());
        foreach (var element in scores.Keys.ToList())
        {
            // A block inside a link is all link (a teaser card whose whole face is the link).
            var (length, linkChars) = measured[element];
            scores[element] *= DomTree.ClosestTag(element.ParentElement, "a") is null ? 1 - LinkDensity(length, linkChars) : 0;
        }

        return scores;
    }

    // The elements that hold paragraph text: p, pre, td, and divs that hold only inline content; for a div that mixes
    // text with blocks, the div itself stands for its loose text.
    // A unit scores by its text's non-space characters and clause marks, which are counted, not built. (A loose text
    // shorter than a paragraph in non-space characters is too short whatever its spaces, so it is not a unit.)
    private static IEnumerable<(IElement Element, int Length, int Marks)> ScoringUnits(IElement body)
    {
        foreach (var element in DomTree.Descendants(body))
        {
            switch (element.LocalName)
            {
                case "p" or "pre" or "td" or "blockquote":
                    var (length, marks) = TextMeasure.LengthAndMarks(element, ClauseMarks);
                    yield return (element.ParentElement ?? element, length, marks);
                    break;
                case "div" or "section" or "article" or "center" or "main":
                    var (looseLength, looseMarks) = TextMeasure.LooseLengthAndMarks(element, ClauseMarks);
                    if (looseLength >= MinParagraphChars)
                    {
                        // A div of nothing but text is a paragraph: it scores its parent, as a p would.
                        var isParagraph = !element.Children.Any(DomText.IsBlock);
                        yield return (isParagraph ? element.ParentElement ?? element : element, looseLength, looseMarks);
                    }

                    break;
            }
        }
    }

    // Commas and full stops, Latin and CJK, count towards a paragraph's score up to a limit.
    private const string ClauseMarks = ",，、。.";
    private const int MaxCommas = 30;

    private static double InitialScore(IElement element)
    {
        var score = element.LocalName switch
        {
            "div" or "article" or "main" or "section" => 5,
            "pre" or "td" or "blockquote" => 3,
            "address" or "ol" or "ul" or "dl" or "dd" or "dt" or "li" or "form" => -3,
            "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "th" => -5,
            _ => 0,
        };
        var names = $"{element.GetAttribute("class")} {element.GetAttribute("id")} {element.GetAttribute("itemprop")}";
        if (PositiveName().IsMatch(names))
        {
            score += 25;
        }

        if (NegativeName().IsMatch(names))
        {
            score -= 25;
        }

        return score;
    }

    private static double LinkDensity(IElement element)
    {
        var (length, linkChars) = TextMeasure.Measure(element);
        return LinkDensity(length, linkChars);
    }

    private static double LinkDensity(int length, int linkChars) => length == 0 ? 0 : Math.Min(1, (double)linkChars / length);

    private static List<IElement> SelectContainers(IElement body, Dictionary<IElement, double> scores)
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
        if (InPageFooter(ranked[0].Key) && ranked.FindIndex(pair => !InPageFooter(pair.Key) && pair.Value >= 10) is var outside and > 0)
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

        // Climb while the parent scores higher: the paragraphs were split over several children of one article.
        var lastScore = topScore;
        for (var parent = top.ParentElement; parent is not null && parent.LocalName != "html"; parent = parent.ParentElement)
        {
            if (!scores.TryGetValue(parent, out var parentScore) || parentScore < lastScore / 3)
            {
                break;
            }

            if (parentScore > topScore)
            {
                top = parent;
                topScore = parentScore;
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
                var density = LinkDensity(sibling);
                var length = DomText.CountNonSpace(text);
                if ((length > 80 && density < 0.25) || (length > 0 && density == 0 && SentenceEnd().IsMatch(text)))
                {
                    selected.Add(sibling);
                }
            }
        }

        return selected;
    }

    // Inside a <footer> that is the page's, not an article's (neither inside nor around an article).
    private static bool InPageFooter(IElement element) => DomTree.ClosestTag(element, "footer") is { } footer && PageFurniture.IsPageFooter(footer);

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

    // Inside the chosen article, blocks that look like galleries, link lists or forms rather than prose are dropped
    // (readability's "clean conditionally"), innermost first so a good outer block is judged without them.
    // Returns what was removed, in the order removed, each with where it was (its parent and the node after it).
    private static List<(IElement Element, INode Parent, INode? Next)> CleanConditionally(IElement container)
    {
        var removed = new List<(IElement Element, INode Parent, INode? Next)>();
        var containerLength = TextMeasure.NonSpaceLength(container);
        foreach (var element in DomTree.Descendants(container).Reverse().ToList())
        {
            if (element.LocalName is not ("div" or "section" or "ul" or "ol" or "table" or "dl" or "form" or "aside" or "figure"))
            {
                continue;
            }

            // A wrapper holding most of the chosen text is the article itself, whatever its class says
            // ("elementor-widget-container").
            var (length, linkChars) = TextMeasure.Measure(element);
            if (length * 2 < containerLength && ShouldDrop(element, length, linkChars) && element.Parent is { } parent)
            {
                removed.Add((element, parent, element.NextSibling));
                element.Remove();
            }
        }

        return removed;
    }

    private static bool ShouldDrop(IElement element, int length, int linkChars)
    {
        var names = $"{element.GetAttribute("class")} {element.GetAttribute("id")}";
        var weight = (PositiveName().IsMatch(names) ? 25 : 0) - (NegativeName().IsMatch(names) ? 25 : 0);
        var furniture = weight < 0 || names.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(NamesAPartOfTheArticle);
        if (furniture && length < 1000 && !IsProse(element, length, linkChars))
        {
            return true;
        }

        var commas = TextMeasure.CountChars(element, ",，、");
        if (commas >= 10)
        {
            return false;
        }

        // Text in bare divs counts as paragraphs too (readability turns such divs into p before this step).
        var paragraphs = IsTextDiv(element) ? 1 : 0;
        var (images, items, inputs, headed) = (0, -100, 0, false);
        foreach (var inner in DomTree.Descendants(element))
        {
            switch (inner.LocalName)
            {
                case "p":
                    paragraphs++;
                    break;
                case "div" when IsTextDiv(inner):
                    paragraphs++;
                    break;
                case "img":
                    images++;
                    break;
                case "li":
                    items++;
                    break;
                case "input":
                    inputs++;
                    break;
                case "h2" or "h3" or "h4" or "h5" or "h6" or "blockquote" or "pre":
                    headed = true;
                    break;
            }
        }

        var density = length == 0 ? 0 : (double)linkChars / length;
        var isList = element.LocalName is "ul" or "ol";
        return (images > 1 && (double)paragraphs / images < 0.5)
            || (!isList && items > paragraphs)
            || inputs > paragraphs / 3
            || (!isList && length < MinParagraphChars && (images == 0 || images > 2) && paragraphs == 0 && !headed)
            || (weight < 25 && density > 0.2 && length > 0)
            || (weight >= 25 && density > 0.5);
    }

    private static bool IsTextDiv(IElement element)
        => element.LocalName is "div" && !element.Children.Any(DomText.IsBlock) && TextMeasure.LooseLengthAndMarks(element, string.Empty).Length > 0;

    // "entry-meta", "cs-entry__author", "single-content-author", "articleBylineContainer": one name that says the block
    // is the byline, meta or author box of the article. The article word in it makes the name positive too, which
    // cancelled the negative one; the part named after the article word is what the block is. "Widget" is not a part
    // but the page builder's word for any box ("textwidget", "articleWidgetHTML" hold the article's paragraphs).
    private static bool NamesAPartOfTheArticle(string name)
    {
        var positive = PositiveName().Match(name);
        if (!positive.Success)
        {
            return false;
        }

        for (var negative = NegativeName().Match(name, positive.Index + positive.Length); negative.Success; negative = negative.NextMatch())
        {
            if (!negative.Value.Equals("widget", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    // Two or more sentence-ending paragraphs with hardly a link: prose, whatever the block's class calls it ("widget").
    private static bool IsProse(IElement element, int length, int linkChars)
    {
        if (length < 200 || linkChars * 10 > length)
        {
            return false;
        }

        var sentences = DomTree.Descendants(element).Count(p => p.LocalName == "p" && TextMeasure.NonSpaceLength(p) >= 80 && SentenceEnd().IsMatch(DomText.Of(p)));
        return sentences >= 2;
    }

    // Emits paragraphs in document order. A work item is a node to visit or a run of loose text already collected.
    private static void Emit(IElement container, List<string> paragraphs, HashSet<string> seen)
    {
        var stack = new Stack<object>();
        stack.Push(container);
        while (stack.Count > 0)
        {
            var item = stack.Pop();
            if (item is string run)
            {
                Add(run, 0, paragraphs, seen);
                continue;
            }

            var element = (IElement)item;
            if (element.LocalName is "h1" or "figcaption" or "img")
            {
                continue;
            }

            var hasBlockChild = element.Children.Any(DomText.IsBlock);
            if (ParagraphTags.Contains(element.LocalName) && !(element.LocalName == "li" && hasBlockChild)
                || (element.LocalName is "blockquote" or "td" or "div" or "section" or "span" && !hasBlockChild))
            {
                var (text, linkChars) = DomText.WithLinkChars(element);
                Add(text, linkChars, paragraphs, seen);
                continue;
            }

            // Mixed content: loose text between block children becomes its own paragraphs, in order.
            var items = new List<object>();
            var pending = new StringBuilder();
            foreach (var child in element.ChildNodes)
            {
                if (child is IText text)
                {
                    pending.Append(text.Data);
                }
                else if (child is IElement childElement)
                {
                    if (DomText.IsBlock(childElement))
                    {
                        Flush(pending, items);
                        if (childElement.LocalName != "br")
                        {
                            items.Add(childElement);
                        }
                    }
                    else
                    {
                        pending.Append(' ').Append(DomText.Of(childElement)).Append(' ');
                    }
                }
            }

            Flush(pending, items);
            for (var i = items.Count - 1; i >= 0; i--)
            {
                stack.Push(items[i]);
            }
        }
    }

    private static void Flush(StringBuilder pending, List<object> items)
    {
        var text = DomText.Normalize(pending.ToString());
        if (text.Length > 0)
        {
            items.Add(text);
        }

        pending.Clear();
    }

    private static void Add(string text, int linkChars, List<string> paragraphs, HashSet<string> seen)
    {
        text = DomText.Normalize(text);
        var length = DomText.CountNonSpace(text);
        if (length == 0 || (linkChars > 0 && linkChars > length / 2) || !seen.Add(text))
        {
            return;
        }

        paragraphs.Add(text);
    }

    [GeneratedRegex(@"(?:^|[\s_-])(?:photo|image|img|figure|picture|gallery|media-?image)\w*(?:$|[\s_-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PhotoClass();

    [GeneratedRegex(@"article|body|content|entry|hentry|main|page|post|text|blog|story|txt_area", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PositiveName();

    [GeneratedRegex(@"hidden|^hid$|hid$|hid\s|^hid\s|banner|combx|comment|com-|contact|foot|footer|footnote|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|byline|author|dateline|writtenby", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NegativeName();

    [GeneratedRegex(@"[.!?。！？다]\s*[""'”’)]?$", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();
}
