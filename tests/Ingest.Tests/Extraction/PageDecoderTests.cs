using System.Text;
using Ingest.Extraction;

namespace Ingest.Tests.Extraction;

public sealed class PageDecoderTests
{
    private const string Korean = "북한은 국제사회에서 오랫동안 고립된 국가로 여겨져 왔다.";

    static PageDecoderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static byte[] EucKr(string text) => Encoding.GetEncoding("euc-kr").GetBytes(text);

    [Fact]
    public void Decode_EucKrWithCharsetInHeader_ReturnsKoreanText()
    {
        var bytes = EucKr($"<html><body><p>{Korean}</p></body></html>");

        var text = PageDecoder.Decode(bytes, "text/html; charset=EUC-KR");

        Assert.Contains(Korean, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_EucKrWithMetaCharsetOnly_ReturnsKoreanText()
    {
        var bytes = EucKr($"<html><head><meta charset=\"euc-kr\"></head><body><p>{Korean}</p></body></html>");

        var text = PageDecoder.Decode(bytes, "text/html");

        Assert.Contains(Korean, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_EucKrWithHttpEquivMeta_ReturnsKoreanText()
    {
        var bytes = EucKr($"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ks_c_5601-1987\"></head><body><p>{Korean}</p></body></html>");

        var text = PageDecoder.Decode(bytes, null);

        Assert.Contains(Korean, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_EucKrWithoutAnyDeclaration_DetectsKoreanText()
    {
        var bytes = EucKr($"<html><body><p>{Korean}</p></body></html>");

        var text = PageDecoder.Decode(bytes, null);

        Assert.Contains(Korean, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_HeaderDisagreesWithMeta_HeaderWins()
    {
        var bytes = EucKr($"<html><head><meta charset=\"utf-8\"></head><body><p>{Korean}</p></body></html>");

        var text = PageDecoder.Decode(bytes, "text/html; charset=euc-kr");

        Assert.Contains(Korean, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Utf8BomWithWrongHeader_BomWins()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes($"<p>{Korean}</p>")).ToArray();

        var text = PageDecoder.Decode(bytes, "text/html; charset=iso-8859-1");

        Assert.Equal($"<p>{Korean}</p>", text);
    }

    [Fact]
    public void Decode_UnknownCharsetLabel_FallsBackToUtf8()
    {
        var bytes = Encoding.UTF8.GetBytes($"<p>{Korean}</p>");

        var text = PageDecoder.Decode(bytes, "text/html; charset=no-such-charset");

        Assert.Equal($"<p>{Korean}</p>", text);
    }

    // A longer passage of real Korean prose, so a detector has enough text to be sure of itself.
    private const string KoreanParagraph =
        "북한은 국제사회에서 오랫동안 고립된 국가로 여겨져 왔다. 그러나 최근 베이징에서 열린 열병식에 김정은 국무위원장이 참석하면서 "
        + "외교적 위상이 크게 달라졌다는 평가가 나온다. 전문가들은 중국과 러시아가 북한을 사실상 핵보유국으로 대우하기 시작했다고 분석한다. "
        + "한국 정부는 이러한 변화가 한반도 정세에 미칠 영향을 면밀히 살펴보고 있다고 밝혔다.";

    [Fact]
    public void Decode_EucKrBytesDeclaredUtf8InHeader_DetectsKoreanText()
    {
        var bytes = EucKr($"<html><body><p>{KoreanParagraph}</p></body></html>");

        var text = PageDecoder.Decode(bytes, "text/html; charset=utf-8");

        Assert.Contains(KoreanParagraph, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_EucKrBytesDeclaredWindows1252InMeta_DetectsKoreanText()
    {
        var bytes = EucKr($"<html><head><meta charset=\"windows-1252\"></head><body><p>{KoreanParagraph}</p></body></html>");

        var text = PageDecoder.Decode(bytes, null);

        Assert.Contains(KoreanParagraph, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Utf8BytesDeclaredEucKr_ReadsUtf8()
    {
        var bytes = Encoding.UTF8.GetBytes($"<html><head><meta charset=\"euc-kr\"></head><body><p>{KoreanParagraph}</p></body></html>");

        var text = PageDecoder.Decode(bytes, null);

        Assert.Contains(KoreanParagraph, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Utf8BytesDeclaredLatin1InHeader_ReadsUtf8()
    {
        var bytes = Encoding.UTF8.GetBytes("<html><body><p>Café déjà vu — naïve résumé</p></body></html>");

        var text = PageDecoder.Decode(bytes, "text/html; charset=iso-8859-1");

        Assert.Contains("Café déjà vu — naïve résumé", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_TrueWindows1252Declared_KeepsDeclaration()
    {
        var bytes = Encoding.GetEncoding(1252).GetBytes("<html><body><p>Le café de la gare sert un thé très apprécié, dit-on.</p></body></html>");

        var text = PageDecoder.Decode(bytes, "text/html; charset=windows-1252");

        Assert.Contains("Le café de la gare sert un thé très apprécié", text, StringComparison.Ordinal);
    }

    [Fact]
    public void LooksBinary_PngHeader_ReturnsTrue()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52];

        Assert.True(PageDecoder.LooksBinary(png));
    }
}
