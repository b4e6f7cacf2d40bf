using Ingest.Extraction;

namespace Ingest.Tests.Extraction;

public sealed class SiteProfileCheckTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ingest-profile-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void ShippedProfiles_HaveNoProblem()
    {
        var profiles = SiteProfiles.Load(SiteProfiles.DefaultFolder);

        Assert.NotEmpty(profiles);
        Assert.All(profiles, p => Assert.Empty(SiteProfileCheck.ProblemsOf(p)));
    }

    [Fact]
    public void Parse_EveryKindOfMistake_IsNamedWithItsFileAndField()
    {
        var file = Write("""
            {
              "name": "My Site",
              "hosts": ["https://mysite.example/"],
              "title": ["h1.headline", "div[data-x="],
              "published": [{ "selector": ".date", "offset": "9" }],
              "urlRules": [
                { "pattern": "^https://mysite\\.example/(\\d+)", "canonical": "https://mysite.example/a/{id}" },
                { "pattern": "([", "offset": "+09:00" },
                { "pattern": "^https://mysite\\.example/(?<id>\\d+)", "canonical": "/a/{id}" }
              ]
            }
            """);

        var thrown = Assert.Throws<InvalidOperationException>(() => SiteProfiles.Parse(file));

        Assert.StartsWith($"site profile '{file}' is invalid: ", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("name: 'My Site' must be 1-64 lower-case letters, digits or dashes", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("hosts[0]: 'https://mysite.example/' is not a host name", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("title[1]: 'div[data-x=' is not a CSS selector AngleSharp can parse", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("published[0].offset: '9' must be a UTC offset", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("urlRules[0].pattern: has no named group 'id'", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("urlRules[1].pattern: not a regular expression", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("urlRules[2].canonical: '/a/{id}' must be an absolute http(s) URL template with {id}", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownField_NamesItsPath()
    {
        var file = Write("""{ "name": "a", "hosts": ["a.example"], "titel": ["h1"] }""");

        var thrown = Assert.Throws<InvalidOperationException>(() => SiteProfiles.Parse(file));

        Assert.Contains("titel", thrown.Message, StringComparison.Ordinal);
        Assert.Contains(file, thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_GoodProfile_HasNoProblem()
    {
        var file = Write("""
            { "name": "my-site", "hosts": ["mysite.example"], "title": ["h1"], "body": ["article"],
              "published": [{ "selector": "time", "label": "Published", "offset": "-05:00" }],
              "urlRules": [{ "pattern": "^https://mysite\\.example/(?<id>\\d{14})", "canonical": "https://mysite.example/{id}", "publishedFormat": "yyyyMMddHHmmss", "offset": "+00:00" }] }
            """);

        Assert.Equal("my-site", SiteProfiles.Parse(file).Name);
    }

    private string Write(string json)
    {
        var file = Path.Combine(_folder.FullName, "site.json");
        File.WriteAllText(file, json);
        return file;
    }
}
