using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Ingest.Evaluation;

/// <summary>Saved HTML pages on disk (<c>.html</c>, <c>.htm</c>, or either gzipped), named by their file names.</summary>
public static partial class SavedPages
{
    private static readonly string[] Extensions = [".html.gz", ".htm.gz", ".html", ".htm"];

    /// <summary>Every saved page among <paramref name="paths"/> (files, or folders searched recursively), in ordinal order.</summary>
    public static IReadOnlyList<string> Find(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Where(IsPage));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new FileNotFoundException($"no file or folder '{path}'", path);
            }
        }

        return [.. files.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>True for a file name a saved page can have.</summary>
    public static bool IsPage(string path)
        => Extensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Reads a list of saved pages with their URLs: one <c>PATH&lt;TAB&gt;URL</c> per line (blank lines and lines
    /// starting with <c>#</c> skipped; a relative path is relative to the list's folder). Returns the pages that can be
    /// read, and one problem per line that cannot, naming the line: no tab, no such file, not an absolute http(s) URL.
    /// </summary>
    public static (IReadOnlyList<(string Path, Uri Url)> Pages, IReadOnlyList<string> Problems) ReadList(string listFile)
    {
        ArgumentNullException.ThrowIfNull(listFile);
        var folder = Path.GetDirectoryName(Path.GetFullPath(listFile)) ?? ".";
        var pages = new List<(string, Uri)>();
        var problems = new List<string>();
        var number = 0;
        foreach (var line in File.ReadLines(listFile))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#'))
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab < 0)
            {
                problems.Add($"{listFile}:{number}: no tab between the path and the URL");
                continue;
            }

            var path = Path.Combine(folder, line[..tab].Trim());
            var text = line[(tab + 1)..].Trim();
            if (!File.Exists(path))
            {
                problems.Add($"{listFile}:{number}: no file '{line[..tab].Trim()}'");
            }
            else if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                problems.Add($"{listFile}:{number}: '{text}' is not an absolute http or https URL");
            }
            else
            {
                pages.Add((path, url));
            }
        }

        return (pages, problems);
    }

    /// <summary>The page's name: its file name without the page extensions ("0001.html.gz" → "0001").</summary>
    public static string NameOf(string path)
    {
        var name = Path.GetFileName(path);
        foreach (var extension in Extensions)
        {
            if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return name[..^extension.Length];
            }
        }

        return Path.GetFileNameWithoutExtension(name);
    }

    /// <summary>
    /// The most bytes a saved page may have, raw or once inflated: the fetcher's default cap on a response
    /// (<c>Ingest:Fetching:MaxResponseBytes</c>, 10 MB), so a page is refused offline exactly where it would be
    /// refused over HTTP, and a small gzip file that inflates to gigabytes costs no more memory than the cap.
    /// </summary>
    public static readonly long MaxBytes = new Ingest.Fetching.FetchOptions().MaxResponseBytes;

    /// <summary>
    /// The page bytes, gunzipped when the file is gzip. Throws <see cref="InvalidDataException"/> naming the file when
    /// it is, or inflates to, more than <paramref name="maxBytes"/> (default <see cref="MaxBytes"/>); inflation streams
    /// and stops at the cap.
    /// </summary>
    public static byte[] Read(string path, long? maxBytes = null)
    {
        var cap = maxBytes ?? MaxBytes;
        using var file = File.OpenRead(path);
        if (file.Length > cap)
        {
            throw new InvalidDataException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{path}: {file.Length:N0} bytes, over the cap of {cap:N0} (Ingest:Fetching:MaxResponseBytes)"));
        }

        var first = new byte[2];
        var gzipped = file.ReadAtLeast(first, 2, throwOnEndOfStream: false) == 2 && first is [0x1F, 0x8B];
        file.Position = 0;
        using var input = gzipped ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (output.Length + read > cap)
            {
                throw new InvalidDataException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{path}: inflates to over {cap:N0} bytes, the cap (Ingest:Fetching:MaxResponseBytes); not read further"));
            }

            output.Write(buffer, 0, read);
        }

        return output.ToArray();
    }

    /// <summary>
    /// The URL a saved page declares for itself (<c>link rel=canonical</c>, else <c>og:url</c>), for pages saved without
    /// their address; <paramref name="fallback"/> otherwise.
    /// </summary>
    public static Uri DeclaredUrl(ReadOnlySpan<byte> page, Uri fallback)
    {
        var head = Encoding.Latin1.GetString(page[..Math.Min(page.Length, 256 * 1024)]);
        foreach (var regex in (Regex[])[CanonicalHrefFirst(), CanonicalRelFirst(), OgUrl()])
        {
            var match = regex.Match(head);
            if (match.Success && Uri.TryCreate(match.Groups["url"].Value.Trim(), UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
            {
                return url;
            }
        }

        return fallback;
    }

    [GeneratedRegex("""<link\b[^>]*?\brel\s*=\s*["']?canonical["']?[^>]*?\bhref\s*=\s*["'](?<url>[^"'>]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CanonicalRelFirst();

    [GeneratedRegex("""<link\b[^>]*?\bhref\s*=\s*["'](?<url>[^"'>]+)["'][^>]*?\brel\s*=\s*["']?canonical\b""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CanonicalHrefFirst();

    [GeneratedRegex("""<meta\b[^>]*?\bproperty\s*=\s*["']og:url["'][^>]*?\bcontent\s*=\s*["'](?<url>[^"'>]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OgUrl();
}
