using AngleSharp.Dom;

namespace Ingest.Extraction;

/// <summary>
/// Cleans a chosen container conditionally (readability's step of that name): drops the blocks inside it that look
/// like galleries, link lists, forms or bylines rather than prose, and keeps what was dropped so it can be put back.
/// </summary>
internal static class ConditionalCleaner
{
    // Inside the chosen article, blocks that look like galleries, link lists or forms rather than prose are dropped
    // (readability's "clean conditionally"), innermost first so a good outer block is judged without them.
    // Returns what was removed, in the order removed, each with where it was (its parent and the node after it).
    public static List<(IElement Element, INode Parent, INode? Next)> CleanConditionally(IElement container)
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
        var weight = (ContentScorer.PositiveName().IsMatch(names) ? 25 : 0) - (ContentScorer.NegativeName().IsMatch(names) ? 25 : 0);
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
            || (!isList && length < ContentScorer.MinParagraphChars && (images == 0 || images > 2) && paragraphs == 0 && !headed)
            || (weight < 25 && density > 0.2 && length > 0)
            || (weight >= 25 && density > 0.5);
    }

    private static bool IsTextDiv(IElement element)
        => element.LocalName is "div" && !DomTree.HasBlockChild(element) && TextMeasure.LooseLengthAndMarks(element, string.Empty).Length > 0;

    // "entry-meta", "cs-entry__author", "single-content-author", "articleBylineContainer": one name that says the block
    // is the byline, meta or author box of the article. The article word in it makes the name positive too, which
    // cancelled the negative one; the part named after the article word is what the block is. "Widget" is not a part
    // but the page builder's word for any box ("textwidget", "articleWidgetHTML" hold the article's paragraphs).
    private static bool NamesAPartOfTheArticle(string name)
    {
        var positive = ContentScorer.PositiveName().Match(name);
        if (!positive.Success)
        {
            return false;
        }

        for (var negative = ContentScorer.NegativeName().Match(name, positive.Index + positive.Length); negative.Success; negative = negative.NextMatch())
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

        var sentences = DomTree.Descendants(element).Count(p => p.LocalName == "p" && TextMeasure.NonSpaceLength(p) >= 80 && ContentScorer.SentenceEnd().IsMatch(DomText.Of(p)));
        return sentences >= 2;
    }
}
