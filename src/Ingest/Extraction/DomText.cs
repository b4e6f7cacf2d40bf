using System.Text;
using AngleSharp.Dom;

namespace Ingest.Extraction;

/// <summary>
/// Text of DOM subtrees, walked with an explicit stack so that a page nested 10,000 levels deep cannot overflow the
/// call stack, with whitespace collapsed and block boundaries turned into spaces (AngleSharp's TextContent glues
/// "a&lt;br&gt;b" into "ab").
/// </summary>
internal static class DomText
{
    private static readonly HashSet<string> BlockTags = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
        "tbody", "td", "th", "thead", "tr", "ul",
    };

    /// <summary>True for elements that start a new line when rendered.</summary>
    public static bool IsBlock(IElement element) => BlockTags.Contains(element.LocalName);

    /// <summary>The whitespace-normalised text of <paramref name="root"/>.</summary>
    public static string Of(INode root) => Normalize(Raw(root));

    /// <summary>The text of <paramref name="root"/> and how much of it sits inside links.</summary>
    public static (string Text, int LinkChars) WithLinkChars(IElement root)
    {
        var builder = new StringBuilder();
        var linkChars = 0;
        var stack = new Stack<(INode? Node, bool InLink)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (node, inLink) = stack.Pop();
            switch (node)
            {
                case null:
                    builder.Append(' ');
                    break;
                case IText text:
                    builder.Append(text.Data);
                    if (inLink)
                    {
                        linkChars += CountNonSpace(text.Data);
                    }

                    break;
                case IElement element:
                    if (IsBlock(element) && !ReferenceEquals(element, root))
                    {
                        builder.Append(' ');
                        stack.Push((null, false));
                    }

                    var childInLink = inLink || element.LocalName == "a";
                    for (var child = element.LastChild; child is not null; child = child.PreviousSibling)
                    {
                        stack.Push((child, childInLink));
                    }

                    break;
            }
        }

        return (Normalize(builder.ToString()), linkChars);
    }

    /// <summary>Every element under <paramref name="root"/> in document order, without recursion.</summary>
    public static IEnumerable<IElement> Descendants(IElement root)
    {
        var stack = new Stack<IElement>();
        for (var child = root.LastElementChild; child is not null; child = child.PreviousElementSibling)
        {
            stack.Push(child);
        }

        while (stack.Count > 0)
        {
            var element = stack.Pop();
            yield return element;
            for (var child = element.LastElementChild; child is not null; child = child.PreviousElementSibling)
            {
                stack.Push(child);
            }
        }
    }

    /// <summary>Collapses runs of whitespace (including non-breaking and zero-width spaces) to one space and trims.</summary>
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c is '\u200B' or '\u200C' or '\uFEFF')
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Characters that are not whitespace: the length measure that works for Korean and Chinese too.</summary>
    public static int CountNonSpace(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                count++;
            }
        }

        return count;
    }

    private static string Raw(INode root)
    {
        var builder = new StringBuilder();
        var stack = new Stack<INode?>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is null)
            {
                builder.Append(' ');
                continue;
            }

            if (node is IText text)
            {
                builder.Append(text.Data);
                continue;
            }

            if (node is IElement element && IsBlock(element) && !ReferenceEquals(node, root))
            {
                builder.Append(' ');
                stack.Push(null);
            }

            for (var child = node.LastChild; child is not null; child = child.PreviousSibling)
            {
                stack.Push(child);
            }
        }

        return builder.ToString();
    }
}
