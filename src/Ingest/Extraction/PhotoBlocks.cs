using System.Collections.Immutable;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Ingest.Extraction;

/// <summary>
/// Photos and their captions in the body: taken out before scoring, because they are the record's images, not body
/// text, and kept with the block that held them so only the chosen article's images are kept.
/// </summary>
internal static partial class PhotoBlocks
{
    /// <summary>The images of one photo block, and the element that held the block.</summary>
    public sealed record ImageBlock(IElement Parent, ImmutableArray<ArticleImage> Images);

    // Photos and their captions: fields of the record, not body text. Taken out before scoring.
    public static List<ImageBlock> TakeImageBlocks(IElement body, Uri pageUrl)
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

    /// <summary>The image of an img element (lazy-loading attributes first), with its caption or alt text.</summary>
    public static ArticleImage? ImageOf(IElement img, Uri pageUrl, string? caption)
    {
        var src = img.GetAttribute("data-src") ?? img.GetAttribute("data-original") ?? img.GetAttribute("data-lazy-src") ?? img.GetAttribute("src");
        var url = PageLinks.Absolute(pageUrl, src);
        return url is null ? null : new ArticleImage(url, caption ?? NullIfEmpty(img.GetAttribute("alt")));
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : DomText.Normalize(text);

    [GeneratedRegex(@"(?:^|[\s_-])(?:photo|image|img|figure|picture|gallery|media-?image)\w*(?:$|[\s_-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PhotoClass();
}
