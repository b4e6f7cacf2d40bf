// The Functions host's own storage (AzureWebJobsStorage): singleton and timer locks, timer schedule status,
// diagnostic events, and the Flex Consumption deployment package. A separate account from the data so that the
// account-wide roles the host needs (Blob Data Owner) never reach the raw pages and records.
param name string
param location string
param tags object

@description('Blob container Flex Consumption deploys the app package to.')
param deploymentContainerName string

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

    resource deployment 'containers' = {
      name: deploymentContainerName
      properties: {
        publicAccess: 'None'
      }
    }
  }
}

output name string = account.name
output blobServiceUri string = account.properties.primaryEndpoints.blob
output queueServiceUri string = account.properties.primaryEndpoints.queue
output tableServiceUri string = account.properties.primaryEndpoints.table
output deploymentContainerUri string = '${account.properties.primaryEndpoints.blob}${deploymentContainerName}'
