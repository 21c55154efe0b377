// The app's data account: its blob containers, the customer data container and the Flex deployment package.
// Shared keys are off, and every role on this account is granted per container (access.bicep): the app's identity
// reaches its own containers only, reads customer data without writing it, and cannot touch the deployment package.

param location string
param tags object
param storageAccountName string
@description('Zone- or geo-redundant SKU (main.bicep allows no locally redundant one).')
param skuName string
param deploymentContainerName string
@description('True: no public endpoint; the app reaches it through a private endpoint (private-endpoints.bicep).')
param privateNetworking bool

// The app's blob containers. `packages` keeps every version immutable once a policy is set on it (the app sets a legal
// hold per package); `audit-checkpoints` is under the container-level policy below; `customer-data` is CUSTOMER_DATA_CONTAINER,
// what collection reads with CUSTOMER_DATA_SOURCE=blob (the app may only read it).
var blobContainers = [
  { name: 'documents', versionImmutability: false }
  { name: 'packages', versionImmutability: true }
  { name: 'audit-checkpoints', versionImmutability: false }
  { name: 'transparency-reports', versionImmutability: false }
  { name: 'customer-data', versionImmutability: false }
]

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: skuName }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: privateNetworking ? 'Deny' : 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    // Version-level immutability on `packages` needs versioning on the account.
    isVersioningEnabled: true
    deleteRetentionPolicy: { enabled: true, days: 30 }
    containerDeleteRetentionPolicy: { enabled: true, days: 30 }
  }
}

resource appContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for container in blobContainers: {
    parent: blobService
    name: container.name
    properties: {
      publicAccess: 'None'
      immutableStorageWithVersioning: { enabled: container.versionImmutability }
    }
  }
]

resource auditCheckpointsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  parent: blobService
  name: 'audit-checkpoints'
}

// Every signed daily checkpoint is kept unchangeable and undeletable for seven years: the app creates each one once
// (If-None-Match: *) and never replaces or deletes it, so a time-based policy costs it nothing (R12). Container-level,
// not version-level: that can be set only when a container is created, and existing deployments already have this one.
// Left unlocked so an operator can still tear a deployment down (docs/deploy.md); locking it is the operator's choice.
resource auditCheckpointsRetention 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2023-05-01' = {
  parent: auditCheckpointsContainer
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: 2555
    allowProtectedAppendWrites: false
  }
  dependsOn: [appContainers]
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: { publicAccess: 'None' }
}

output name string = storage.name
output id string = storage.id
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output deploymentContainerName string = deploymentContainer.name
output deploymentContainerUrl string = '${storage.properties.primaryEndpoints.blob}${deploymentContainer.name}'
