using System.Text.RegularExpressions;

namespace Ingest.Extraction;

/// <summary>
/// Takes out of the emitted paragraphs the furniture that markup does not name: a "Related articles" heading with the
/// short list of links after it at the end of the body, the label of a table of contents, and photo credit lines ("Photo: Shutterstock",
/// "Getty Images / Name"). The rules look at the shape and position of the lines, not at any site.
/// </summary>
internal static partial class BodyFurniture
{
    // A related-reading list at the end is a heading and a handful of titles; more text after the heading is the
    // article going on ("Related papers" in a list of references, "More from Cornell on gardening:").
    private const int MaxWordsAfterRelatedHeading = 150;

    // A longer list (teasers with a line of summary each) is still one when hardly any of its lines ends a sentence.
    private const int MaxWordsAfterTeaserHeading = 400;
    private const int MaxHeadingWords = 10;
    private const int MaxTitleWords = 15;
    private const int MaxCreditWords = 12;
    private const int MaxMetaLineWords = 8;

    private static readonly HashSet<string> ToggleWords = new(
        ["box", "aufklappen", "zuklappen", "ausklappen", "einklappen", "expand", "collapse", "show", "hide", "more", "less", "toggle"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>The paragraphs without the trailing related-reading block and photo credits.</summary>
    public static List<string> Remove(List<string> paragraphs)
    {
        // A byline or a date line among the first paragraphs is the record's author or date, not the story's text; a
        // paragraph of nothing but toggle words ("Box aufklappen Box zuklappen", "Show more Show less") is a control.
        // A template placeholder left in the text ("$$ARTICLEAD$$") is no paragraph, and a last line that is a name with an
        // e-mail address ("신현주 기자 spicy@hankookilbo.com") is the writer's sign-off.
        var kept = paragraphs.Where((p, i) => !IsPhotoCredit(p) && !ContentsLabel().IsMatch(p) && !IsToggle(p) && !Placeholder().IsMatch(p) && !UiLine().IsMatch(p)
            && !(i < 3 && Words(p, MaxMetaLineWords + 1) <= MaxMetaLineWords && (BylineLine().IsMatch(p) || DateLineStart().IsMatch(p)))
            && !(i == paragraphs.Count - 1 && i > 0 && Words(p, MaxMetaLineWords + 1) <= MaxMetaLineWords && EmailAddress().IsMatch(p))).ToList();
        var wordsAfter = 0;
        var titlesAfter = 0;
        var sentencesAfter = 0;
        var cut = kept.Count;
        for (var i = kept.Count - 1; i > 0; i--)
        {
            // What follows the heading must read as a list of titles (half its lines short), not as more article
            // ("Read More" and a link, then the story goes on); past 150 words, also with under a quarter of its lines
            // ending in a full stop, and not opening with a sentence ("Related resources" / "Here is the full table.").
            var words = Words(kept[i]);
            var after = kept.Count - 1 - i;
            if (words <= MaxHeadingWords && RelatedHeading().IsMatch(kept[i]) && titlesAfter * 2 >= after
                && (wordsAfter <= MaxWordsAfterRelatedHeading || sentencesAfter * 4 < after && !kept[i + 1].TrimEnd().EndsWith('.')))
            {
                cut = i;
            }

            titlesAfter += words <= MaxTitleWords ? 1 : 0;
            sentencesAfter += kept[i].TrimEnd().EndsWith('.') ? 1 : 0;
            wordsAfter += words;
            if (wordsAfter > MaxWordsAfterTeaserHeading)
            {
                break;
            }
        }

        return cut < kept.Count ? kept[..cut] : kept;
    }

    /// <summary>True for a short line that only credits a photo.</summary>
    private static bool IsToggle(string paragraph)
    {
        // Toggle labels are short: longer paragraphs are not split into words to learn that.
        if (paragraph.Length > 80)
        {
            return false;
        }

        var count = 0;
        foreach (var match in Word().EnumerateMatches(paragraph))
        {
            var word = paragraph.AsSpan(match.Index, match.Length);
            if (++count > 8 || !ToggleWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word) && !(word.EndsWith("box", StringComparison.OrdinalIgnoreCase) && word.Length <= 16))
            {
                return false;
            }
        }

        return count >= 2;
    }

    public static bool IsPhotoCredit(string paragraph)
        => Words(paragraph, MaxCreditWords + 1) <= MaxCreditWords && PhotoCredit().IsMatch(paragraph);

    // The words of the text, counted up to the limit given: a paragraph is not word-counted to the end to learn that it
    // is longer than a credit line.
    private static int Words(string text, int limit = int.MaxValue)
    {
        var count = 0;
        foreach (var _ in Word().EnumerateMatches(text))
        {
            if (++count >= limit)
            {
                break;
            }
        }

        return count;
    }

    [GeneratedRegex(@"[\p{L}\p{N}_]+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    // A line of the page's controls and labels, in any of several languages, standing alone as a paragraph: "Sign In or
    // Create an Account", "Article continues below", "Up Next", "To view this video please enable JavaScript…",
    // "Empfohlener redaktioneller Inhalt", "Lesen Sie auch", "Czytaj więcej", "おすすめ情報".
    [GeneratedRegex(
        @"^(?:sign\s+in(?:\s+or\s+create\s+an\s+account)?|log\s+in|article\s+content|article\s+continues\s+(?:below|after\s+(?:this\s+)?advertisement)|advertisement|up\s+next|more\s+about|to\s+view\s+this\s+video\s+please\s+enable\s+javascript\b.*|empfohlener\s+redaktioneller\s+inhalt|auch\s+interessant|lesen\s+sie\s+auch|weitere\s+informationen|anzeige|czytaj\s+(?:więcej|także|też)|おすすめ情報|関連記事)\s*:?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UiLine();

    [GeneratedRegex(@"^(?:\$\$[\w-]+\$\$|\{\{[\w.-]+\}\}|%%[\w-]+%%|\[\[[\w-]+\]\])$", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", RegexOptions.CultureInvariant)]
    private static partial Regex EmailAddress();

    // "By Jane Doe", "Von Nina Magoley", "Par Jean Dupont": a byline line of its own.
    [GeneratedRegex(@"^(?i:by|von|par|por|door|av|af)\s+\p{Lu}[\p{L}.'-]*(?:\s+(?:\p{Lu}[\p{L}.'-]*|van|von|de|der|da|di|la|le))*\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex BylineLine();

    // "Stand: 22.04.2024, 06:00 Uhr", "Updated: 3 May 2024", "Published 10:00am": a date line of its own.
    [GeneratedRegex(@"^(?:stand|updated|last updated|published|veröffentlicht|aktualisiert|publié|mis à jour|publicado|actualizado|aggiornato)\s*(?:am|on|le|el)?\s*:?\s*\d", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DateLineStart();

    // "Related articles", "Recommended Reading", "You may also like ...", "Read next", "Further reading", "Recent articles",
    // "Popular this week", and the same in Portuguese, Spanish, German, French and Italian.
    [GeneratedRegex(
        @"^(?:related(?:\s+(?:articles?|posts?|stories|reads?|content|reading|links|news|products|publications|resources))?|recommended(?:\s+(?:reading|articles?|posts?|stories|for you))|you\s+(?:might|may)\s+(?:also\s+)?(?:like|enjoy|be\s+interested)|(?:more|other)\s+(?:articles|posts|stories|reads)|read\s+(?:more|next|also)|also\s+read|what\s+to\s+read|further\s+reading|keep\s+reading|recent\s+(?:articles|posts|stories|news)|(?:most\s+)?popular\s+(?:this\s+week|today|now|articles|posts|stories)|latest\s+(?:articles|posts|stories)|você\s+pode\s+gostar|te\s+puede\s+interesar|das\s+könnte\s+sie\s+auch\s+interessieren|weitere\s+artikel|mehr\s+zum\s+thema|(?:à\s+)?lire\s+aussi|vous\s+aimerez\s+aussi|leggi\s+anche|potrebbe\s+interessarti)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RelatedHeading();

    // The label of a table of contents whose links were dropped: "Table of Contents [Hide] [Show]", "On this page",
    // "Jump to:", "In this article:".
    [GeneratedRegex(
        @"^(?:table\s+of\s+contents|contents|on\s+this\s+page|jump\s+to|in\s+this\s+(?:article|post|guide|story))\s*:?\s*(?:\[?(?:hide|show|toggle)\]?\s*){0,2}$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ContentsLabel();

    // "Photo: Shutterstock", "Image credit: © …", "Credit: Apple", "Getty Images / Name", "… | Photo by Name",
    // "Courtesy of the brand", "Show Caption".
    [GeneratedRegex(
        @"^(?:(?:photo|image|picture)s?(?:\s+credits?)?\s*[:|]|credits?\s*:\s*\S|courtesy\s+of\b|show\s+caption$|hide\s+caption$|getty\s+images\s*/)|[|/]\s*(?:photo|image)\s+(?:by|courtesy)\b|(?:getty\s+images|shutterstock|istock(?:photo)?(?:\.com)?)\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PhotoCredit();
}
