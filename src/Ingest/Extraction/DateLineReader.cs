using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Ingest.Extraction;

/// <summary>
/// Reads the dates a page shows as text. A date line is a short element holding a date ("July 2, 2025", "By Jane Doe
/// - Mar 27, 2024", "February 4, 2025 - 11 minutes"): the headline's is just before the headline or after it, before
/// the body's first long paragraph; a byline's is beside the byline. What follows an update label ("Updated July 9,
/// 2025") is never read as the published date.
/// </summary>
internal static partial class DateLineReader
{
    /// <summary>
    /// The first date line around the headline, and the first one labelled as the publication ("Published Apr 26,
    /// 2023"), found in one scan: a labelled line is a date line, so the scan for it passes every line the first one
    /// could be.
    /// </summary>
    public static (DateTimeOffset? Any, DateTimeOffset? Labelled, DateTimeOffset? Updated) HeadlineDates(PageElements page, IElement? heading, DateReading reading)
    {
        DateTimeOffset? any = null;
        DateTimeOffset? labelled = null;
        DateTimeOffset? updated = null;

        // Takes the element's date line; true when both are found.
        bool Found(IElement element)
        {
            var (date, isLabelled, update) = ReadDateLine(element, reading, labelledOnly: any is not null);
            any ??= date;
            updated ??= update;
            labelled = isLabelled ? date : null;
            return labelled is not null;
        }

        if (heading is null || heading.Owner?.Body is null)
        {
            return (null, null, null);
        }

        var all = page.InBody;
        var at = all.AsSpan().IndexOf(heading);
        if (at < 0)
        {
            return (null, null, null);
        }

        // Before the headline: only within its own header block (three levels up), nearest first.
        var block = heading.ParentElement?.ParentElement?.ParentElement;
        for (var i = at - 1; i >= 0 && i >= at - 30 && block is not null && block.Contains(all[i]); i--)
        {
            if (Found(all[i]))
            {
                return (any, labelled, updated);
            }
        }

        var paragraphs = 0;
        string? lastLong = null;
        for (var i = at + 1; i < all.Count && i <= at + 150; i++)
        {
            var element = all[i];
            if (heading.Contains(element))
            {
                continue;
            }

            if (Found(element))
            {
                return (any, labelled, updated);
            }

            // A standfirst may come before the date line; a second long paragraph means the body began, and a date
            // from there on belongs to something else. A copy of the standfirst (one for each screen size) is not one.
            if (element.LocalName is "p" or "div" or "section" && !DomTree.HasBlockChild(element) && DomText.Of(element) is { Length: > 150 } text)
            {
                if (text != lastLong && ++paragraphs == 2)
                {
                    return (any, labelled, updated);
                }

                lastLong = text;
            }
        }

        return (any, labelled, updated);
    }

    private static DateTimeOffset? DateLine(IElement element, DateReading reading, bool labelledOnly)
        => ReadDateLine(element, reading, labelledOnly) is var (date, isLabelled, _) && (isLabelled || !labelledOnly) ? date : null;

    // The date of the element as a date line, whether the line is labelled as the publication ("Published …"), and the
    // date after an update label on it ("Updated July 9, 2025"). With labelledOnly, an unlabelled line's date is not read.
    private static (DateTimeOffset? Date, bool Labelled, DateTimeOffset? Updated) ReadDateLine(IElement element, DateReading reading, bool labelledOnly)
    {
        if (DomText.IsCode(element) || DomTree.HasBlockChild(element, exceptBreaks: true) || DomTree.ClosestTag(element, "a") is not null || PageFurniture.InPageFurniture(element))
        {
            return (null, false, null);
        }

        if (DomText.OfAtMost(element, 80) is not { Length: > 0 } text)
        {
            return (null, false, null);
        }

        var update = UpdateLabel().Match(text);
        var before = update.Success ? text[..update.Index] : text;
        var updated = update.Success ? DateValue.ParseVisible(text[update.Index..], reading) : null;
        var labelled = PublishedLabel().IsMatch(before);
        if (labelledOnly && !labelled)
        {
            return (null, false, updated);
        }

        // A time element's datetime is the machine-readable date: it has the clock time and offset the text leaves out,
        // and settles "03/01/2017".
        if (!update.Success && (element.LocalName == "time" ? element : DomTree.Descendants(element).FirstOrDefault(IsTimeWithDatetime)) is { } time
            && DateValue.Parse(time.GetAttribute("datetime")) is { } exact)
        {
            return (exact, labelled, updated);
        }

        return (DateValue.ParseVisible(before, reading), labelled, updated);
    }

    /// <summary>
    /// Last resort before the URL: a line labelled as the publication ("Posted on April 13, 2023") wherever it is, or
    /// the date printed beside the page's first byline ("Written by Jane Doe" and "April 8, 2024" in one block),
    /// wherever that is. Later bylines belong to teasers of other stories.
    /// </summary>
    public static DateTimeOffset? BylineDate(PageElements page, DateReading reading)
    {
        var bylineSeen = false;
        foreach (var element in page.InBody.Where(e => e.LocalName is "p" or "span" or "div" or "small" or "li" or "time"))
        {
            if (DomText.IsCode(element) || TextMeasure.TextLongerThan(element, 400) || DomText.OfAtMost(element, 120) is not { Length: > 0 } text)
            {
                continue;
            }

            if (text.Length <= 80 && DateLine(element, reading, labelledOnly: true) is { } labelled)
            {
                return labelled;
            }

            // A byline may hold a list of names; an author-named class counts on a line of text only (not on a card).
            var leaf = !DomTree.HasBlockChild(element, exceptBreaks: true);
            // The innermost element that starts with the byline is the byline, not a box around it and its date.
            if (!bylineSeen && (BylineStart().IsMatch(text) && !DomTree.HasChild(element, static c => BylineStart().IsMatch(DomText.Of(c))) || leaf && text.Length <= 80 && (IsAuthorBlock(element) || element.ParentElement is { } parent && IsAuthorBlock(parent)))
                && element.ParentElement is { } block && !PageFurniture.InPageFurniture(block))
            {
                bylineSeen = true;
                foreach (var sibling in block.Children)
                {
                    if (!ReferenceEquals(sibling, element) && (DateLine(sibling, reading, labelledOnly: false) ?? sibling.Children.Select(c => DateLine(c, reading, labelledOnly: false)).FirstOrDefault(d => d is not null)) is { } date)
                    {
                        return date;
                    }
                }
            }
        }

        return null;
    }

    private static bool IsAuthorBlock(IElement element)
        => element.GetAttribute("class") is { } names && (names.Contains("author", StringComparison.OrdinalIgnoreCase) || names.Contains("byline", StringComparison.OrdinalIgnoreCase));

    public static bool IsTimeWithDatetime(IElement element) => element.LocalName == "time" && element.HasAttribute("datetime");

    [GeneratedRegex(@"^(?:originally\s+)?(?:published|posted)(?:\s+on)?\s*:?\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PublishedLabel();

    [GeneratedRegex(@"updated|modified|수정|更新", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex UpdateLabel();

    [GeneratedRegex(@"^(?:written\s+|posted\s+)?by\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BylineStart();
}
