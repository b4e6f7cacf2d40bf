// The data: raw pages and article records (blob containers) and the pipeline's queues. No keys (shared key access
// off), no anonymous blobs, TLS 1.2. The names are the ones the code uses (ArticleStore, QueueNames).
param name string
param location string
param tags object

@description('Blob containers the pipeline writes: raw pages and records.')
param containerNames string[]

@description('Queues the triggers listen on, and the poison queues the Functions host moves failed messages to.')
param queueNames string[]

resource account 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
    publicNetworkAccess: 'Enabled'
  }

  resource blobs 'blobServices' = {
    name: 'default'
    properties: {
      // Records are written once per revision; a deleted blob can be brought back for a week.
      deleteRetentionPolicy: {
        enabled: true
        days: 7
      }
    }

    resource containers 'containers' = [
      for container in containerNames: {
        name: container
        properties: {
          publicAccess: 'None'
        }
      }
    ]
  }

  resource queueService 'queueServices' = {
    name: 'default'

    resource queues 'queues' = [
      for queue in queueNames: {
        name: queue
      }
    ]
  }
}

output name string = account.name
output blobServiceUri string = account.properties.primaryEndpoints.blob
output queueServiceUri string = account.properties.primaryEndpoints.queue
