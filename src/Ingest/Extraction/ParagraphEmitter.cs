using System.Text;
using AngleSharp.Dom;

namespace Ingest.Extraction;

/// <summary>
/// Turns a chosen container into paragraphs in reading order: each paragraph-like element is one paragraph, loose text
/// between blocks is one per run, and a paragraph seen before or mostly made of links is left out.
/// </summary>
internal static class ParagraphEmitter
{
    private static readonly HashSet<string> ParagraphTags = new(StringComparer.Ordinal)
    {
        "p", "pre", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd",
    };

    // Emits paragraphs in document order. A work item is a node to visit or a run of loose text already collected.
    public static void Emit(IElement container, List<string> paragraphs, HashSet<string> seen)
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

            var hasBlockChild = DomTree.HasBlockChild(element);
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
}
