// Ingest on Azure: `azd up` provisions this and deploys src/Ingest.Functions (see azure.yaml, docs/deploy.md).
// One resource group with: a user-assigned identity, a data storage account (containers raw/records, the pipeline's
// queues and their poison queues), a separate host storage account (AzureWebJobsStorage and the deployment package),
// workspace-based Application Insights with local auth off, and a Flex Consumption function app on .NET 10 isolated.
// No storage keys and no telemetry keys anywhere: every connection is the app's identity.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; names the resource group and seeds the unique resource names.')
param environmentName string

@minLength(1)
@description('Region for every resource. It must offer Flex Consumption.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Resource group to create or use; default rg-<environmentName>.')
param resourceGroupName string = ''

@description('Discovery schedule: six-field CRON, UTC (IngestSchedule).')
param ingestSchedule string = '0 */30 * * * *'

@description('Product token of the User-Agent of every fetch (Ingest:Fetching:UserAgent), e.g. IngestBot/0.3; robots.txt rules are matched against its name.')
param userAgent string = 'IngestBot/0.3'

@minLength(3)
@description('How site owners reach whoever runs the crawler: an email address or URL (Ingest:Fetching:Contact, sent in the User-Agent). Required.')
param contact string

@description('Sources to discover (Ingest:Sources). Empty: the ones packaged with the app (src/Ingest/ingest.sources.json).')
param sources sourceType[] = []

@minValue(1)
@maxValue(1000)
@description('Most instances Flex Consumption may scale out to. Kept low: every instance fetches from the same few sites.')
param maximumInstanceCount int = 10

@allowed([
  512
  2048
  4096
])
@description('Memory of one instance in MB.')
param instanceMemoryMB int = 2048

@description('Object id of the developer running azd (azd sets it), given data access to run the command line against Azure; empty for none.')
param principalId string = ''

@description('A URL rewrite applied after the generic canonicalisation (Ingest:Sources:N:CanonicalRules:M).')
type canonicalRuleType = {
  @description('Regular expression matched against the whole canonical URL.')
  pattern: string
  @description('The replacement, with $1 / \${name} group references.')
  replacement: string
}

@description('One source, as Ingest:Sources:N in the app settings: every option of SourceOptions (src/Ingest/Sources/SourceOptions.cs), the same names; tests/Ingest.Tests/Architecture/InfraSourcesTests.cs keeps the two in step.')
type sourceType = {
  @description('Short name: lower-case letters, digits and dashes.')
  name: string
  kind: 'Feed' | 'Listing' | 'Sitemap'
  @description('The feed, listing page or sitemap URL.')
  url: string
  @description('CSS selector of article links on a listing page; default a[href].')
  linkSelector: string?
  @description('Regular expression a discovered URL must match.')
  include: string?
  @description('Regular expression a discovered URL must not match.')
  exclude: string?
  @description('On a listing page, the CSS selector of the link to the next page.')
  nextPageSelector: string?
  @description('Listing pages (or child sitemaps) read per discovery, at most; default 1.')
  maxPages: int?
  @description('URL rewrites, first match wins.')
  canonicalRules: canonicalRuleType[]?
  @description('A known article is fetched again (conditionally) when its last check is older than this; 0: never; default 24.')
  refetchAfterHours: int?
  @description('Six-field CRON (UTC) saying when this source is due; default: at every discovery run.')
  schedule: string?
  @description('Hosts whose pages belong to this source; default the host of url.')
  hosts: string[]?
  @description('At most this many articles per discovery; default 100.')
  maxItems: int?
}

var token = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var functionAppName = 'func-ingest-${token}'
var identityName = 'id-ingest-${token}'
var dataStorageName = 'stdata${token}'
var hostStorageName = 'sthost${token}'
var applicationInsightsName = 'appi-ingest-${token}'

// The names the code uses: ArticleStore's containers, QueueNames and the Functions host's '-poison' queues.
var dataContainerNames = [
  'raw'
  'records'
]
var dataQueueNames = [
  'ingest-requests'
  'ingest-requests-poison'
  'reparse-requests'
  'reparse-requests-poison'
]
var deploymentContainerName = 'app-package-${take(token, 8)}'

// Ingest:Sources:N:Field as app settings; optional fields only when given, so the options' defaults apply. Lists
// become Field__M (and CanonicalRules__M__Pattern / __Replacement), as .NET configuration reads them.
var sourceSettings = reduce(range(0, length(sources)), {}, (settings, i) => union(
  settings,
  {
    'Ingest__Sources__${i}__Name': sources[i].name
    'Ingest__Sources__${i}__Kind': sources[i].kind
    'Ingest__Sources__${i}__Url': sources[i].url
  },
  sources[i].?linkSelector == null ? {} : { 'Ingest__Sources__${i}__LinkSelector': sources[i].linkSelector! },
  sources[i].?include == null ? {} : { 'Ingest__Sources__${i}__Include': sources[i].include! },
  sources[i].?exclude == null ? {} : { 'Ingest__Sources__${i}__Exclude': sources[i].exclude! },
  sources[i].?nextPageSelector == null ? {} : { 'Ingest__Sources__${i}__NextPageSelector': sources[i].nextPageSelector! },
  sources[i].?maxPages == null ? {} : { 'Ingest__Sources__${i}__MaxPages': string(sources[i].maxPages!) },
  sources[i].?refetchAfterHours == null ? {} : { 'Ingest__Sources__${i}__RefetchAfterHours': string(sources[i].refetchAfterHours!) },
  sources[i].?schedule == null ? {} : { 'Ingest__Sources__${i}__Schedule': sources[i].schedule! },
  sources[i].?maxItems == null ? {} : { 'Ingest__Sources__${i}__MaxItems': string(sources[i].maxItems!) },
  reduce(range(0, length(sources[i].?hosts ?? [])), {}, (hosts, j) => union(hosts, {
    'Ingest__Sources__${i}__Hosts__${j}': sources[i].hosts![j]
  })),
  reduce(range(0, length(sources[i].?canonicalRules ?? [])), {}, (rules, j) => union(rules, {
    'Ingest__Sources__${i}__CanonicalRules__${j}__Pattern': sources[i].canonicalRules![j].pattern
    'Ingest__Sources__${i}__CanonicalRules__${j}__Replacement': sources[i].canonicalRules![j].replacement
  }))
))

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: empty(resourceGroupName) ? 'rg-${environmentName}' : resourceGroupName
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module dataStorage 'app/data-storage.bicep' = {
  name: 'data-storage'
  scope: rg
  params: {
    name: dataStorageName
    location: location
    tags: tags
    containerNames: dataContainerNames
    queueNames: dataQueueNames
  }
}

module hostStorage 'app/host-storage.bicep' = {
  name: 'host-storage'
  scope: rg
  params: {
    name: hostStorageName
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-ingest-${token}'
    applicationInsightsName: applicationInsightsName
    location: location
    tags: tags
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  // Names are known up front (what-if can predict the assignments); the modules must exist first.
  dependsOn: [
    dataStorage
    hostStorage
    monitoring
  ]
  params: {
    identityName: identityName
    identityPrincipalId: identity.outputs.principalId
    hostStorageName: hostStorageName
    dataStorageName: dataStorageName
    dataContainerNames: dataContainerNames
    dataQueueNames: dataQueueNames
    applicationInsightsName: applicationInsightsName
    developerPrincipalId: principalId
  }
}

module functionApp 'app/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  // The host reads its storage at start: the roles come first.
  dependsOn: [
    rbac
  ]
  params: {
    name: functionAppName
    planName: 'plan-ingest-${token}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    hostBlobServiceUri: hostStorage.outputs.blobServiceUri
    hostQueueServiceUri: hostStorage.outputs.queueServiceUri
    hostTableServiceUri: hostStorage.outputs.tableServiceUri
    deploymentContainerUri: hostStorage.outputs.deploymentContainerUri
    dataBlobServiceUri: dataStorage.outputs.blobServiceUri
    dataQueueServiceUri: dataStorage.outputs.queueServiceUri
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    ingestSettings: union(sourceSettings, {
      IngestSchedule: ingestSchedule
      Ingest__Fetching__UserAgent: userAgent
      Ingest__Fetching__Contact: contact
    })
  }
}

// azd stores outputs in the environment (.azure/<env>/.env); the command line can use the INGESTSTORAGE_* ones.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output INGESTSTORAGE_BLOBSERVICEURI string = dataStorage.outputs.blobServiceUri
output INGESTSTORAGE_QUEUESERVICEURI string = dataStorage.outputs.queueServiceUri
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
