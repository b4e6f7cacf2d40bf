using System.Collections.Frozen;
using System.Text;
using AngleSharp.Css.Dom;
using AngleSharp.Css.Parser;
using AngleSharp.Dom;

namespace Ingest.Extraction;

/// <summary>
/// Text of DOM subtrees, walked with an explicit stack so that a page nested 10,000 levels deep cannot overflow the
/// call stack, with whitespace collapsed and block boundaries turned into spaces (AngleSharp's TextContent glues
/// "a&lt;br&gt;b" into "ab").
/// </summary>
/// <remarks>
/// Extraction asks for the text of the same subtrees many times, so the walks here cost no more than they must:
/// whitespace is collapsed while the text is gathered (one string per call, built in a reused buffer), lengths are
/// counted without building the text, and children are reached by index (AngleSharp finds a node's previous sibling
/// by scanning its parent's children, which made a walk over an element with thousands of children quadratic).
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

    private static readonly CssSelectorParser SelectorParser = new();

    /// <summary>
    /// A CSS selector parsed once, for a query run on every page. Given a string, AngleSharp looks the selector up again
    /// on every call, in a cache behind a lock (or parses it again when it has fallen out of the cache).
    /// </summary>
    public static ISelector Selector(string text)
        => SelectorParser.ParseSelector(text) ?? throw new ArgumentException($"not a CSS selector: {text}", nameof(text));

    /// <summary>
    /// The element itself or its nearest ancestor with one of the tag names <paramref name="tags"/> (lower case):
    /// <c>Closest("nav, aside")</c> without a selector.
    /// </summary>
    public static IElement? ClosestTag(IElement? element, params ReadOnlySpan<string> tags)
    {
        for (var current = element; current is not null; current = current.ParentElement)
        {
            if (tags.Contains(current.LocalName))
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>The elements under <paramref name="root"/> (not the root) that pass <paramref name="test"/>, in document order.</summary>
    public static List<IElement> Matching(INode root, Func<IElement, bool> test)
    {
        var found = new List<IElement>();
        var stack = new Stack<IElement>(64);
        PushChildElements(stack, root);
        while (stack.Count > 0)
        {
            var element = stack.Pop();
            if (test(element))
            {
                found.Add(element);
            }

            PushChildElements(stack, element);
        }

        return found;
    }

    /// <summary>
    /// Removes the elements under <paramref name="root"/> for which <paramref name="remove"/> says so, asked in document
    /// order; what is inside a removed element is not asked about.
    /// </summary>
    public static void Prune(IElement root, Func<IElement, bool> remove)
    {
        var stack = new Stack<IElement>(64);
        PushChildElements(stack, root);
        while (stack.Count > 0)
        {
            var element = stack.Pop();
            if (remove(element))
            {
                element.Remove();
                continue;
            }

            PushChildElements(stack, element);
        }
    }

    /// <summary>Whether an element under <paramref name="root"/> (not the root) has the tag name <paramref name="tag"/>.</summary>
    public static bool HasDescendant(IElement root, string tag)
    {
        foreach (var element in Descendants(root))
        {
            if (element.LocalName == tag)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for elements that start a new line when rendered.</summary>
    public static bool IsBlock(IElement element) => BlockTags.Contains(element.LocalName);

    // Where ClassList splits the class attribute into names (HTML's ASCII whitespace).
    private const string ClassSeparators = " \t\n\r\f";

    /// <summary>
    /// True when one of the element's class names, upper-cased (invariant culture), is in <paramref name="upperNames"/>
    /// (an ordinal set of names in capitals). The attribute is read in place: <c>ClassList</c> builds a token list for
    /// every element it is asked about.
    /// </summary>
    public static bool HasClass(IElement element, FrozenSet<string> upperNames)
    {
        var classes = element.GetAttribute("class");
        if (string.IsNullOrEmpty(classes))
        {
            return false;
        }

        if (!Ascii.IsValid(classes))
        {
            return element.ClassList.Any(name => upperNames.Contains(name.ToUpperInvariant()));
        }

        // ASCII upper-casing is what the invariant culture does to ASCII.
        var lookup = upperNames.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> upper = stackalloc char[128];
        var span = classes.AsSpan();
        foreach (var range in span.SplitAny(ClassSeparators))
        {
            var token = span[range];
            if (token.IsEmpty)
            {
                continue;
            }

            if (token.Length > upper.Length)
            {
                if (upperNames.Contains(token.ToString().ToUpperInvariant()))
                {
                    return true;
                }

                continue;
            }

            Ascii.ToUpper(token, upper, out var written);
            if (lookup.Contains(upper[..written]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether one of the element's class names matches <paramref name="pattern"/>, the names split where
    /// <c>ClassList</c> splits them but without building a token list for every element asked about.
    /// </summary>
    public static bool AnyClass(IElement element, System.Text.RegularExpressions.Regex pattern)
    {
        if (element.GetAttribute("class") is not { Length: > 0 } classes)
        {
            return false;
        }

        var span = classes.AsSpan();
        foreach (var range in span.SplitAny(ClassSeparators))
        {
            if (!span[range].IsEmpty && pattern.IsMatch(span[range]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <see cref="Of"/> when that text is at most <paramref name="maxLength"/> characters long, else null. A subtree with
    /// more visible characters than that is turned down on a count, without its text being built: the tests for a
    /// short line (a date line, a byline, a caption) look at many long paragraphs.
    /// </summary>
    public static string? OfAtMost(INode root, int maxLength)
        => NonSpaceLength(root) <= maxLength && Of(root) is { } text && text.Length <= maxLength ? text : null;

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

    /// <summary>How many characters of the text under <paramref name="root"/> are one of <paramref name="characters"/>.</summary>
    public static int CountChars(INode root, string characters) => LengthAndMarks(root, characters).Marks;

    /// <summary>
    /// <see cref="NonSpaceLength"/> of <paramref name="root"/>, and how many of its characters are one of
    /// <paramref name="marks"/>, in one walk and without building the text.
    /// </summary>
    public static (int Length, int Marks) LengthAndMarks(INode root, string marks)
    {
        var (length, count) = (0, 0);
        var stack = new Stack<INode>(32);
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is IText text)
            {
                length += CountVisible(text.Data);
                count += CountOf(text.Data, marks);
                continue;
            }

            var children = node.ChildNodes;
            for (var i = children.Length - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }

        return (length, count);
    }

    /// <summary>
    /// <see cref="LengthAndMarks"/> of the text directly inside the element: its text nodes and inline children, not
    /// its block children.
    /// </summary>
    public static (int Length, int Marks) LooseLengthAndMarks(IElement element, string marks)
    {
        var (length, count) = (0, 0);
        foreach (var child in element.ChildNodes)
        {
            if (child is IText text)
            {
                length += CountVisible(text.Data);
                count += CountOf(text.Data, marks);
            }
            else if (child is IElement inline && !IsBlock(inline))
            {
                var (inlineLength, inlineMarks) = LengthAndMarks(inline, marks);
                length += inlineLength;
                count += inlineMarks;
            }
        }

        return (length, count);
    }

    private static int CountOf(string text, string characters)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (characters.Contains(c, StringComparison.Ordinal))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// Whether the raw text under <paramref name="root"/> (what <c>TextContent</c> would build) is longer than
    /// <paramref name="limit"/> characters, counted without building it.
    /// </summary>
    public static bool TextLongerThan(INode root, int limit)
    {
        var length = 0;
        var stack = new Stack<INode>(32);
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is IText text)
            {
                length += text.Data.Length;
                if (length > limit)
                {
                    return true;
                }

                continue;
            }

            var children = node.ChildNodes;
            for (var i = children.Length - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }

        return false;
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
    /// <c>CountNonSpace(Of(root))</c> without building the text: the non-whitespace characters of its text nodes
    /// (zero-width spaces count as whitespace, as <see cref="Normalize"/> drops them).
    /// </summary>
    public static int NonSpaceLength(INode root) => Measure(root).Length;

    /// <summary>
    /// <c>CountNonSpace(WithLinkChars(root).Text)</c> and <c>WithLinkChars(root).LinkChars</c> without building the text.
    /// </summary>
    public static (int Length, int LinkChars) Measure(INode root)
    {
        var stack = t_linkNodes ?? new Stack<(INode Node, bool InLink)>();
        t_linkNodes = null;
        int length = 0, linkChars = 0;
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (node, inLink) = stack.Pop();
            if (node is IText text)
            {
                length += CountVisible(text.Data);
                if (inLink)
                {
                    linkChars += CountNonSpace(text.Data);
                }

                continue;
            }

            var childInLink = inLink || (node is IElement element && element.LocalName == "a");
            var children = node.ChildNodes;
            for (var i = children.Length - 1; i >= 0; i--)
            {
                stack.Push((children[i], childInLink));
            }
        }

        t_linkNodes = stack;
        return (length, linkChars);
    }

    /// <summary>
    /// <see cref="Measure"/> of each of <paramref name="wanted"/> under <paramref name="root"/> (or the root itself), in
    /// one walk of the root's subtree instead of one walk per element: the elements scored for the body are nested
    /// (a paragraph's parent, grandparent and so on), so measuring them one by one walked the same text again and again.
    /// </summary>
    public static Dictionary<IElement, (int Length, int LinkChars)> MeasureEach(IElement root, IReadOnlySet<IElement> wanted)
    {
        var measured = new Dictionary<IElement, (int Length, int LinkChars)>(wanted.Count);
        // A frame per open element: what its finished children add up to so far. Text in a link counts towards the
        // link's whole subtree, which is all link; elsewhere link characters add up from the children.
        var frames = new Stack<(IElement Element, int Next, int Length, int NonSpace, int LinkChars)>();
        frames.Push((root, 0, 0, 0, 0));
        while (frames.Count > 0)
        {
            var (element, next, length, nonSpace, linkChars) = frames.Pop();
            var children = element.ChildNodes;
            var descended = false;
            for (; next < children.Length; next++)
            {
                var child = children[next];
                if (child is IText text)
                {
                    length += CountVisible(text.Data);
                    nonSpace += CountNonSpace(text.Data);
                }
                else if (child is IElement childElement)
                {
                    frames.Push((element, next + 1, length, nonSpace, linkChars));
                    frames.Push((childElement, 0, 0, 0, 0));
                    descended = true;
                    break;
                }
            }

            if (descended)
            {
                continue;
            }

            if (element.LocalName == "a")
            {
                linkChars = nonSpace;
            }

            if (wanted.Contains(element))
            {
                measured[element] = (length, linkChars);
            }

            if (frames.Count > 0)
            {
                var parent = frames.Pop();
                frames.Push((parent.Element, parent.Next, parent.Length + length, parent.NonSpace + nonSpace, parent.LinkChars + linkChars));
            }
        }

        return measured;
    }

    /// <summary>Whether <paramref name="child"/> is the only element among its parent's children.</summary>
    public static bool IsOnlyChild(IElement child)
    {
        if (child.ParentElement is not { } parent)
        {
            return false;
        }

        var elements = 0;
        var children = parent.ChildNodes;
        for (var i = 0; i < children.Length; i++)
        {
            if (children[i] is IElement && ++elements > 1)
            {
                return false;
            }
        }

        return elements == 1;
    }

    /// <summary>
    /// Whether a footer is the page's: neither inside an article or the main column (HTML's footer of a section: its
    /// author and date) nor around an article.
    /// </summary>
    public static bool IsPageFooter(IElement footer) => ClosestTag(footer.ParentElement, "article", "main") is null && !HasDescendant(footer, "article");

    /// <summary>Whether the element is in navigation, a side column or the page's footer.</summary>
    public static bool InPageFurniture(IElement element)
        => ClosestTag(element, "nav", "aside") is not null || ClosestTag(element, "footer") is { } footer && IsPageFooter(footer);

    /// <summary>Every element under <paramref name="root"/> in document order, without recursion.</summary>
    public static IEnumerable<IElement> Descendants(IElement root)
    {
        var stack = new Stack<IElement>(32);
        PushChildElements(stack, root);
        while (stack.Count > 0)
        {
            var element = stack.Pop();
            yield return element;
            PushChildElements(stack, element);
        }
    }

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

    // Non-whitespace characters that Normalize keeps.
    private static int CountVisible(string text)
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
            stack.Push(children[i]);
        }
    }

    private static void PushChildElements(Stack<IElement> stack, INode element)
    {
        var children = element.ChildNodes;
        for (var i = children.Length - 1; i >= 0; i--)
        {
            if (children[i] is IElement child)
            {
                stack.Push(child);
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
