using Ingest.Extraction;
using Ingest.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Ingest.Tests.Extraction;

public sealed class ExtractorRegistrationTests
{
    [Fact]
    public async Task TheHostsExtractor_UsesTheShippedSiteProfiles()
    {
        // The extractor the hosts resolve must be the one with the profiles beside the library, not one built with an
        // empty list because the container can always make an empty IEnumerable<SiteProfile>.
        await using var services = Services.Build();
        var page = """
            <html><head><title>x</title></head><body>
            <div class="area_title"><h1>The headline the profile reads</h1></div>
            <div id="txt_area"><p>The first paragraph of the column, long enough to be read as the body of this page by anyone.</p>
            <p>The second paragraph of the column, also long enough to be read as part of the body of the page.</p></div>
            </body></html>
            """u8.ToArray();

        var outcome = services.GetRequiredService<ArticleExtractor>().Extract(new PageInput(page, new Uri("https://www.asiae.co.kr/en/article/2025091015302212345")));

        Assert.Equal("asiae", outcome.Profile);
    }
}
