using System.Globalization;
using System.Text;

namespace Ingest.IntegrationTests;

/// <summary>A site of many small article pages for a loopback server: <c>news/gen-NNN.html</c>, listed at <c>columns/</c>.</summary>
internal static class GeneratedSite
{
    /// <summary>The URL path of page <paramref name="i"/>.</summary>
    public static string PagePath(int i) => string.Create(CultureInfo.InvariantCulture, $"news/gen-{i:D3}.html");

    /// <summary>Writes <paramref name="pages"/> article pages and the listing that links them under <paramref name="root"/>.</summary>
    public static void Write(string root, int pages)
    {
        Directory.CreateDirectory(Path.Combine(root, "news"));
        Directory.CreateDirectory(Path.Combine(root, "columns"));
        var links = new StringBuilder();
        for (var i = 0; i < pages; i++)
        {
            links.Append(CultureInfo.InvariantCulture, $"<li><a class=\"headline\" href=\"/{PagePath(i)}\">Story {i}</a></li>\n");
            File.WriteAllText(Path.Combine(root, PagePath(i)), string.Create(CultureInfo.InvariantCulture, $"""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Story {i}</title></head>
                <body><main><article><h1>Story number {i} about the harbour</h1>
                <p>The first paragraph of story {i} tells readers what happened at the harbour this week and why it matters.</p>
                <p>The second paragraph of story {i} quotes the people who were there and what they said about it afterwards.</p>
                </article></main></body></html>
                """));
        }

        File.WriteAllText(Path.Combine(root, "columns", "index.html"), $"<html><body><main><ul>{links}</ul></main></body></html>");
    }
}
