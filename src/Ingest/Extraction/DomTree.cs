using AngleSharp.Css.Dom;
using AngleSharp.Css.Parser;
using AngleSharp.Dom;

namespace Ingest.Extraction;

/// <summary>
/// Walks over the element tree: descendants, ancestors, matches and removals, with an explicit stack so that a page
/// nested 10,000 levels deep cannot overflow the call stack, and children reached by index (AngleSharp finds a node's
/// previous sibling by scanning its parent's children, which made a walk over an element with thousands of children
/// quadratic).
/// </summary>
internal static class DomTree
{
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

    /// <summary>
    /// Whether an element among <paramref name="parent"/>'s children passes <paramref name="test"/>. AngleSharp's
    /// <c>Children</c> builds a collection on every call; the per-element tests of the metadata scans ask this of most
    /// elements of a page, so it reads the child nodes in place.
    /// </summary>
    public static bool HasChild(IElement parent, Func<IElement, bool> test)
    {
        var children = parent.ChildNodes;
        for (var i = 0; i < children.Length; i++)
        {
            if (children[i] is IElement child && test(child))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether one of <paramref name="parent"/>'s children is a block element (<see cref="DomText.IsBlock"/>), a line break not counted when <paramref name="exceptBreaks"/>.</summary>
    public static bool HasBlockChild(IElement parent, bool exceptBreaks = false)
    {
        var children = parent.ChildNodes;
        for (var i = 0; i < children.Length; i++)
        {
            if (children[i] is IElement child && DomText.IsBlock(child) && !(exceptBreaks && child.LocalName == "br"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The number of <paramref name="parent"/>'s child elements, counted up to <paramref name="atMost"/> (more are not looked at).</summary>
    public static int ChildElementCount(IElement parent, int atMost = int.MaxValue)
    {
        var count = 0;
        var children = parent.ChildNodes;
        for (var i = 0; i < children.Length && count < atMost; i++)
        {
            if (children[i] is IElement)
            {
                count++;
            }
        }

        return count;
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
}
