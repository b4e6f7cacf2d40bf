using System.Text;
using System.Text.RegularExpressions;
using UtfUnknown;

namespace Ingest.Extraction;

/// <summary>
/// Turns response bytes into text. Order of evidence: a byte-order mark (it describes the bytes themselves, so it beats
/// any label, as the HTML standard says), the Content-Type header, a <c>meta</c> declaration near the top, then
/// detection. A declaration is checked against the bytes, because servers and templates lie: bytes that are not valid
/// in a declared multi-byte encoding, or that are valid multi-byte UTF-8 under a single-byte label, or that a detector
/// confidently reads as a multi-byte encoding under a single-byte label, are decoded as detected. Without a usable
/// declaration: UTF-8 if the bytes are valid UTF-8, else what UTF.Unknown detects with confidence, else EUC-KR if the
/// bytes decode cleanly as such (older pages of the Korean target sites), else windows-1252.
/// </summary>
internal static partial class PageDecoder
{
    // The HTML standard's prescan looks at the first 1024 bytes; real pages put long comments or scripts first.
    private const int PrescanBytes = 4096;

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);
    private static readonly Encoding EucKr;
    private static readonly Encoding StrictEucKr;

#pragma warning disable CA1810 // The provider must be registered before the code-page encodings below are looked up.
    static PageDecoder()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        EucKr = Encoding.GetEncoding(51949);
        StrictEucKr = Encoding.GetEncoding(51949, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }
#pragma warning restore CA1810

    /// <summary>Decodes <paramref name="bytes"/>; never throws for any input.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string? contentType)
    {
        var encoding = DetectEncoding(bytes, contentType, out var bomLength);
        return encoding.GetString(bytes[bomLength..]);
    }

    /// <summary>Picks the encoding of <paramref name="bytes"/>; <paramref name="bomLength"/> is the BOM to skip.</summary>
    public static Encoding DetectEncoding(ReadOnlySpan<byte> bytes, string? contentType, out int bomLength)
    {
        var fromBom = FromBom(bytes, out bomLength);
        if (fromBom is not null)
        {
            return fromBom;
        }

        var declared = FromLabel(CharsetOf(contentType)) ?? FromLabel(MetaCharset(bytes));
        if (declared is not null && Trusted(declared, bytes))
        {
            return declared;
        }

        if (IsValid(bytes, StrictUtf8))
        {
            return Utf8;
        }

        if (Detect(bytes) is { } detected)
        {
            return detected;
        }

        return IsValid(bytes, StrictEucKr) ? EucKr : Encoding.GetEncoding(1252);
    }

    // Detection reads this much: enough text for a confident verdict, bounded cost on a big page.
    private const int DetectionBytes = 64 * 1024;
    private const float DetectionConfidence = 0.8f;

    private static bool Trusted(Encoding declared, ReadOnlySpan<byte> bytes)
    {
        if (declared.CodePage == 65001)
        {
            return IsValid(bytes, StrictUtf8);
        }

        if (!declared.IsSingleByte)
        {
            return IsValid(bytes, Strict(declared));
        }

        // A single-byte label fits any bytes, so only other evidence can show it lies: non-ASCII bytes that form valid
        // UTF-8, or a confident detection of a multi-byte encoding.
        if (!bytes.ContainsAnyExceptInRange((byte)0, (byte)0x7F))
        {
            return true;
        }

        if (IsValid(bytes, StrictUtf8))
        {
            return false;
        }

        return Detect(bytes) is not { IsSingleByte: false };
    }

    private static Encoding? Detect(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..Math.Min(bytes.Length, DetectionBytes)].ToArray();
        var best = CharsetDetector.DetectFromBytes(sample).Detected;
        if (best?.Encoding is not { } encoding || best.Confidence < DetectionConfidence)
        {
            return null;
        }

        // The detector names the narrower legacy sets; decode with the supersets browsers use.
        var superset = FromLabel(best.EncodingName) ?? encoding;
        return superset.CodePage == 65001 || superset.IsSingleByte || IsValid(bytes, Strict(superset)) ? superset : null;
    }

    private static Encoding Strict(Encoding encoding)
        => Encoding.GetEncoding(encoding.CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    /// <summary>True when the bytes look like a binary file rather than text (NULs or many control bytes early on).</summary>
    public static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, 1024)];
        if (head.Length >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)))
        {
            return false; // UTF-16 text has NULs by nature.
        }

        var control = 0;
        foreach (var b in head)
        {
            if (b == 0)
            {
                return true;
            }

            if (b < 0x09 || (b > 0x0D && b < 0x20))
            {
                control++;
            }
        }

        return control > head.Length / 20;
    }

    /// <summary>The <c>charset</c> parameter of a Content-Type value, if any.</summary>
    public static string? CharsetOf(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return null;
        }

        var match = CharsetParameter().Match(contentType);
        return match.Success ? match.Groups[1].Value : null;
    }

    private static Encoding? FromBom(ReadOnlySpan<byte> bytes, out int length)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            length = 3;
            return Utf8;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            length = 2;
            return Encoding.Unicode;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            length = 2;
            return Encoding.BigEndianUnicode;
        }

        length = 0;
        return null;
    }

    private static Encoding? FromLabel(string? label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return null;
        }

        label = label.Trim().Trim('"', '\'').ToUpperInvariant();

        // Labels the web uses for supersets: decode with the superset, as browsers do.
        label = label switch
        {
            "KS_C_5601-1987" or "KSC5601" or "KS_C_5601" or "EUC_KR" or "X-WINDOWS-949" or "CP949" or "WINDOWS-949" => "EUC-KR",
            "ISO-8859-1" or "LATIN1" or "US-ASCII" or "ASCII" => "WINDOWS-1252",
            "GB2312" or "GBK" => "GB18030",
            "UTF8" => "UTF-8",
            _ => label,
        };

        try
        {
            var encoding = Encoding.GetEncoding(label);

            // A page that calls itself UTF-16 in a meta tag cannot be, or the tag could not have been read as ASCII.
            return encoding is UnicodeEncoding ? Utf8 : encoding.CodePage == 65001 ? Utf8 : encoding;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string? MetaCharset(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, PrescanBytes)]);
        var match = MetaCharsetDeclaration().Match(head);
        return match.Success ? match.Groups[1].Value : null;
    }

    private static bool IsValid(ReadOnlySpan<byte> bytes, Encoding strict)
    {
        try
        {
            _ = strict.GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    [GeneratedRegex("""charset\s*=\s*["']?([A-Za-z0-9_.:\-]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CharsetParameter();

    // Both <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x">.
    [GeneratedRegex("""<meta\b[^>]*?charset\s*=\s*["']?([A-Za-z0-9_.:\-]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaCharsetDeclaration();
}
