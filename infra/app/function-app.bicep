// The Flex Consumption plan and the function app: .NET 10 isolated worker, running as the user-assigned identity,
// every storage and telemetry connection identity-based (no key or connection secret in any setting).
param name string
param planName string
param location string
param tags object

param identityId string
param identityClientId string

param hostBlobServiceUri string
param hostQueueServiceUri string
param hostTableServiceUri string
param deploymentContainerUri string

param dataBlobServiceUri string
param dataQueueServiceUri string

param applicationInsightsConnectionString string

@description('Settings of the pipeline itself (schedule, user agent, sources), merged over the connection settings.')
param ingestSettings object

@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  // azd finds the app to deploy the 'ingest' service (azure.yaml) to by this tag.
  tags: union(tags, { 'azd-service-name': 'ingest' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUri
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  // Flex Consumption sets the worker runtime and host version itself (functionAppConfig.runtime); it refuses
  // FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION as app settings, so neither is here.
  resource settings 'config' = {
    name: 'appsettings'
    properties: union(ingestSettings, {
      // The host's storage, as the Functions host reads an identity-based connection.
      AzureWebJobsStorage__blobServiceUri: hostBlobServiceUri
      AzureWebJobsStorage__queueServiceUri: hostQueueServiceUri
      AzureWebJobsStorage__tableServiceUri: hostTableServiceUri
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identityClientId
      // The data: the queue triggers bind to it (Connection = "IngestStorage") and the app's own clients read the
      // same settings (src/Ingest/Storage/StorageClients.cs).
      IngestStorage__blobServiceUri: dataBlobServiceUri
      IngestStorage__queueServiceUri: dataQueueServiceUri
      IngestStorage__credential: 'managedidentity'
      IngestStorage__clientId: identityClientId
      // Telemetry with Entra ID auth: local auth is off on the component.
      APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    })
  }
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
