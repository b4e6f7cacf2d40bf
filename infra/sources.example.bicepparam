// Every source option the app knows, as the 'sources' parameter takes it: a worked example, and the file
// infra/bicep.sh builds to check that the parameter's type accepts each of them (the options are those of
// src/Ingest/Sources/SourceOptions.cs; tests/Ingest.Tests/Architecture/InfraSourcesTests.cs checks this file names
// them all). Deploy with it: az deployment sub create -l <region> -f infra/main.bicep -p infra/sources.example.bicepparam
using 'main.bicep'

param environmentName = 'ingest-example'
param location = 'swedencentral'
param contact = 'ops@example.org'
param sources = [
  {
    name: 'asiae-en-columns'
    kind: 'Listing'
    url: 'https://www.asiae.co.kr/en/list/column'
    linkSelector: 'a[href*="/en/article/"]'
    include: '/en/article/'
    exclude: '/en/article/photo/'
    nextPageSelector: 'a.next'
    maxPages: 2
    canonicalRules: [
      {
        pattern: '^https://(?:view|cm)\\.asiae\\.co\\.kr/en/article/(\\d+)$'
        replacement: 'https://www.asiae.co.kr/en/article/$1'
      }
    ]
    refetchAfterHours: 48
    schedule: '0 0 */2 * * *'
    hosts: [
      'www.asiae.co.kr'
      'view.asiae.co.kr'
    ]
    maxItems: 50
  }
  {
    name: 'scmp-sitemap'
    kind: 'Sitemap'
    url: 'https://www.scmp.com/sitemap_news.xml'
  }
]
