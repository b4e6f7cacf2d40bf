// The one identity the function app runs as. User-assigned so that its client id is known before the app exists:
// the app settings name it (AzureWebJobsStorage__clientId, IngestStorage__clientId, the Application Insights
// authentication string) and the role assignments can be made before the app starts.
param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
