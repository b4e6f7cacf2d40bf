using System.Collections.Frozen;
using System.Text;
using AngleSharp.Dom;

namespace Ingest.Extraction;

/// <summary>
/// Text of DOM subtrees, walked with an explicit stack so that a page nested 10,000 levels deep cannot overflow the
/// call stack, with whitespace collapsed and block boundaries turned into spaces (AngleSharp's TextContent glues
/// "a&lt;br&gt;b" into "ab").
/// </summary>
/// <remarks>
/// Extraction asks for the text of the same subtrees many times, so the walks here cost no more than they must:
/// whitespace is collapsed while the text is gathered (one string per call, built in a reused buffer) and children
/// are reached by index. Lengths counted without building the text are <see cref="TextMeasure"/>'s; walks over
/// elements are <see cref="DomTree"/>'s.
/// </remarks>
internal static class DomText
{
    private static readonly FrozenSet<string> BlockTags = FrozenSet.Create(
        StringComparer.Ordinal,
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
        "tbody", "td", "th", "thead", "tr", "ul");

    // One buffer and one stack per thread, taken while a walk runs (a nested walk gets fresh ones).
    [ThreadStatic]
    private static StringBuilder? t_builder;

    [ThreadStatic]
    private static Stack<INode?>? t_nodes;

    [ThreadStatic]
    private static Stack<(INode Node, bool InLink)>? t_linkNodes;

    private const int MaxCachedBuilder = 64 * 1024;

    /// <summary>True for elements that start a new line when rendered.</summary>
    public static bool IsBlock(IElement element) => BlockTags.Contains(element.LocalName);

    /// <summary>Whether <paramref name="element"/> holds code, not text (a script, a stylesheet, a template).</summary>
    public static bool IsCode(IElement element) => element.LocalName is "script" or "style" or "template";

    /// <summary>
    /// <see cref="Of"/> when that text is at most <paramref name="maxLength"/> characters long, else null. A subtree with
    /// more visible characters than that is turned down on a count, without its text being built: the tests for a
    /// short line (a date line, a byline, a caption) look at many long paragraphs.
    /// </summary>
    public static string? OfAtMost(INode root, int maxLength)
        => TextMeasure.NonSpaceLength(root) <= maxLength && Of(root) is { } text && text.Length <= maxLength ? text : null;

    /// <summary>The whitespace-normalised text of <paramref name="root"/>.</summary>
    public static string Of(INode root)
    {
        var builder = TakeBuilder();
        var stack = t_nodes ?? new Stack<INode?>();
        t_nodes = null;
        var pendingSpace = false;
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is null)
            {
                pendingSpace = builder.Length > 0; // the end of a block
                continue;
            }

            if (node is IText text)
            {
                AppendCollapsed(builder, text.Data, ref pendingSpace);
                continue;
            }

            if (node is IElement element && IsBlock(element) && !ReferenceEquals(node, root))
            {
                pendingSpace = builder.Length > 0;
                stack.Push(null);
            }

            PushChildren(stack, node);
        }

        t_nodes = stack;
        return Release(builder);
    }

    /// <summary>The text of <paramref name="root"/> and how much of it sits inside links.</summary>
    public static (string Text, int LinkChars) WithLinkChars(IElement root)
    {
        var builder = TakeBuilder();
        var stack = t_linkNodes ?? new Stack<(INode Node, bool InLink)>();
        t_linkNodes = null;
        var pendingSpace = false;
        var linkChars = 0;
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (node, inLink) = stack.Pop();
            switch (node)
            {
                case null:
                    pendingSpace = builder.Length > 0; // the end of a block
                    break;
                case IText text:
                    AppendCollapsed(builder, text.Data, ref pendingSpace);
                    if (inLink)
                    {
                        linkChars += CountNonSpace(text.Data);
                    }

                    break;
                case IElement element:
                    if (IsBlock(element) && !ReferenceEquals(element, root))
                    {
                        pendingSpace = builder.Length > 0;
                        stack.Push((null!, false));
                    }

                    var childInLink = inLink || element.LocalName == "a";
                    var children = element.ChildNodes;
                    for (var i = children.Length - 1; i >= 0; i--)
                    {
                        stack.Push((children[i], childInLink));
                    }

                    break;
            }
        }

        t_linkNodes = stack;
        return (Release(builder), linkChars);
    }

    /// <summary>
    /// The letters and digits of <paramref name="text"/> in lower case: two texts that differ only in spacing,
    /// punctuation or case compare equal so ("Ahrtal-Flut: Zwei" and "Ahrtal-Flut Zwei").
    /// </summary>
    public static string Compact(string text) => new([.. text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);

    /// <summary>Collapses runs of whitespace (including non-breaking and zero-width spaces) to one space and trims.</summary>
    public static string Normalize(string text)
    {
        if (IsNormalized(text))
        {
            return text;
        }

        var builder = TakeBuilder();
        var pendingSpace = false;
        AppendCollapsed(builder, text, ref pendingSpace);
        return Release(builder);
    }

    /// <summary>Characters that are not whitespace: the length measure that works for Korean and Chinese too.</summary>
    public static int CountNonSpace(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (c is > ' ' and < '\u007F' || !char.IsWhiteSpace(c))
            {
                count++;
            }
        }

        return count;
    }

    // Printable ASCII first: most text is, and char.IsWhiteSpace is a table lookup plus branches.
    private static bool IsSpace(char c)
        => c is not (> ' ' and < '\u007F') && (char.IsWhiteSpace(c) || c is '\u200B' or '\u200C' or '\uFEFF');

    /// <summary>Non-whitespace characters that <see cref="Normalize"/> keeps (zero-width spaces are whitespace to it).</summary>
    public static int CountVisible(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (!IsSpace(c))
            {
                count++;
            }
        }

        return count;
    }

    // Already what Normalize would make of it: no space at either end, no space but ' ', never two in a row.
    private static bool IsNormalized(string text)
    {
        if (text.Length == 0)
        {
            return true;
        }

        if (IsSpace(text[0]) || IsSpace(text[^1]))
        {
            return false;
        }

        for (var i = 1; i < text.Length - 1; i++)
        {
            var c = text[i];
            if (IsSpace(c) && (c != ' ' || text[i + 1] == ' '))
            {
                return false;
            }
        }

        return true;
    }

    // The Normalize state machine over one more piece of text: a run of whitespace becomes one pending space, written
    // only when more text follows, never at the start.
    private static void AppendCollapsed(StringBuilder builder, string text, ref bool pendingSpace)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (IsSpace(text[i]))
            {
                pendingSpace = builder.Length > 0;
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && !IsSpace(text[i]))
            {
                i++;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(text, start, i - start);
        }
    }

    private static void PushChildren(Stack<INode?> stack, INode node)
    {
        var children = node.ChildNodes;
        for (var i = children.Length - 1; i >= 0; i--)
        {
            // A script's or a stylesheet's source is no text the reader sees (a date line read from a script's state).
            if (children[i] is not IElement element || !IsCode(element))
            {
                stack.Push(children[i]);
            }
        }
    }

    private static StringBuilder TakeBuilder()
    {
        var builder = t_builder ?? new StringBuilder(256);
        t_builder = null;
        return builder;
    }

    private static string Release(StringBuilder builder)
    {
        var text = builder.ToString();
        if (builder.Capacity <= MaxCachedBuilder)
        {
            builder.Clear();
            t_builder = builder;
        }

        return text;
    }
}
