using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Ingest.Extraction;

/// <summary>
/// Scores the candidate containers of the body, readability-style: every paragraph gives its ancestors a score from
/// its length in characters (not words, so Korean and Chinese score like English) and its commas, and each score is
/// discounted by the container's link density. The class and id words that raise or lower a score are here too, for
/// the cleaning that uses them again.
/// </summary>
internal static partial class ContentScorer
{
    // Shorter text is no paragraph: it gives no score, and a block with less has no prose to keep.
    public const int MinParagraphChars = 25;

    // How far a paragraph's score climbs through single-child wrappers, whatever their number.
    private const int MaxAncestorSteps = 16;

    /// <summary>The score of every element that holds or gathers paragraphs under <paramref name="body"/>.</summary>
    public static Dictionary<IElement, double> Score(IElement body)
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
                        var isParagraph = !DomTree.HasBlockChild(element);
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

    /// <summary>The share of the element's visible characters that sit inside links, from 0 to 1.</summary>
    public static double LinkDensity(IElement element)
    {
        var (length, linkChars) = TextMeasure.Measure(element);
        return LinkDensity(length, linkChars);
    }

    private static double LinkDensity(int length, int linkChars) => length == 0 ? 0 : Math.Min(1, (double)linkChars / length);

    // Class, id and itemprop words of a block that holds the article, and of one that is furniture around it.
    [GeneratedRegex(@"article|body|content|entry|hentry|main|page|post|text|blog|story|txt_area", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex PositiveName();

    [GeneratedRegex(@"hidden|^hid$|hid$|hid\s|^hid\s|banner|combx|comment|com-|contact|foot|footer|footnote|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|byline|author|dateline|writtenby", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex NegativeName();

    // The end of a sentence, closing quote or bracket allowed: a paragraph of prose ends so, a link or a label does not.
    [GeneratedRegex(@"[.!?。！？다]\s*[""'”’)]?$", RegexOptions.CultureInvariant)]
    public static partial Regex SentenceEnd();
}
