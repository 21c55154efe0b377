// Cosmos DB for NoSQL, serverless, Entra ID only (no account keys). The containers and partition keys
// match shared/adapters/cosmos/cosmos-containers.ts (tests/unit/infra/config-agreement.test.ts checks).

param location string
param tags object
param accountName string
param databaseName string
@description('True: no public endpoint; the app reaches it through a private endpoint (private-endpoints.bicep).')
param privateNetworking bool

var cosmosContainers = [
  { id: 'requesters', partitionKey: '/id' }
  { id: 'demands', partitionKey: '/id' }
  { id: 'tenants', partitionKey: '/id' }
  { id: 'accounts', partitionKey: '/id' }
  { id: 'usedReviewTokens', partitionKey: '/id' }
  { id: 'audit', partitionKey: '/demandId' }
  { id: 'transparency', partitionKey: '/id' }
  { id: 'effects', partitionKey: '/id' }
]

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: accountName
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      { locationName: location, failoverPriority: 0, isZoneRedundant: false }
    ]
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    capabilities: [
      { name: 'EnableServerless' }
    ]
    disableLocalAuth: true
    // Only Bicep (the control plane) creates databases and containers; the app's data-plane role cannot.
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: { id: databaseName }
  }
}

resource containers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [
  for container in cosmosContainers: {
    parent: database
    name: container.id
    properties: {
      resource: {
        id: container.id
        partitionKey: { paths: [container.partitionKey], kind: 'Hash', version: 2 }
      }
    }
  }
]

output accountName string = account.name
output id string = account.id
output endpoint string = account.properties.documentEndpoint
output databaseName string = database.name
