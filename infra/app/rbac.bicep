// The roles of the app's identity, each at the narrowest scope that works, and nothing else:
//   host account (AzureWebJobsStorage, holds no data)  Storage Blob Data Owner: locks, timer status, deployment package
//                                                       Storage Queue Data Contributor, Storage Table Data Contributor:
//                                                       the host's own queues and diagnostic-events table
//   data containers raw, records                        Storage Blob Data Contributor (read, write, create-if-missing)
//   data queues (+ poison)                              Storage Queue Data Contributor: the trigger reads and deletes
//                                                       (Message Processor), discovery and the host's poison move send
//                                                       (Message Sender), startup creates if missing; Contributor is the
//                                                       one built-in role with all three, scoped to these four queues
//   Application Insights component                      Monitoring Metrics Publisher (Entra ID auth, local auth is off)
// Optionally the deploying developer (principalId) gets read/write on the data, to run the command line against it.
@description('Name of the identity; with the scope and role it makes each assignment name deterministic.')
param identityName string
param identityPrincipalId string
param hostStorageName string
param dataStorageName string
param dataContainerNames string[]
param dataQueueNames string[]
param applicationInsightsName string

@description('Object id of a developer to give data access for local runs; empty for none.')
param developerPrincipalId string = ''

@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param developerPrincipalType string = 'User'

// Built-in role definition ids (the same in every tenant).
var roles = {
  blobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  blobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  queueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  monitoringMetricsPublisher: '3913510d-42f4-4d42-a2a7-5c9bfc5bc8b2'
}

resource hostStorage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: hostStorageName
}

resource dataStorage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: dataStorageName

  resource blobs 'blobServices' existing = {
    name: 'default'
  }

  resource queueService 'queueServices' existing = {
    name: 'default'
  }
}

resource dataContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' existing = [
  for container in dataContainerNames: {
    parent: dataStorage::blobs
    name: container
  }
]

resource dataQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' existing = [
  for queue in dataQueueNames: {
    parent: dataStorage::queueService
    name: queue
  }
]

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource hostBlobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hostStorage.id, identityName, roles.blobDataOwner)
  scope: hostStorage
  properties: {
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.blobDataOwner)
  }
}

resource hostQueueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hostStorage.id, identityName, roles.queueDataContributor)
  scope: hostStorage
  properties: {
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.queueDataContributor)
  }
}

resource hostTableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hostStorage.id, identityName, roles.tableDataContributor)
  scope: hostStorage
  properties: {
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.tableDataContributor)
  }
}

resource containerBlobContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (container, i) in dataContainerNames: {
    name: guid(dataContainers[i].id, identityName, roles.blobDataContributor)
    scope: dataContainers[i]
    properties: {
      principalId: identityPrincipalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.blobDataContributor)
    }
  }
]

resource queueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (queue, i) in dataQueueNames: {
    name: guid(dataQueues[i].id, identityName, roles.queueDataContributor)
    scope: dataQueues[i]
    properties: {
      principalId: identityPrincipalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.queueDataContributor)
    }
  }
]

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, identityName, roles.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}

// The command line creates missing containers and queues at start, so the developer's roles are on the data account.
resource developerBlobContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(developerPrincipalId)) {
  name: guid(dataStorage.id, developerPrincipalId, roles.blobDataContributor)
  scope: dataStorage
  properties: {
    principalId: developerPrincipalId
    principalType: developerPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.blobDataContributor)
  }
}

resource developerQueueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(developerPrincipalId)) {
  name: guid(dataStorage.id, developerPrincipalId, roles.queueDataContributor)
  scope: dataStorage
  properties: {
    principalId: developerPrincipalId
    principalType: developerPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.queueDataContributor)
  }
}
