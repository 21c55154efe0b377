// The Functions host's storage account (AzureWebJobsStorage): host leases and keys, and with the Azure Storage
// provider the Durable task hub's queues, tables and lease blobs. It holds no app data and no deployment package,
// so the app's account-wide roles on it (access.bicep) reach nothing else. Shared keys are off.

param location string
param tags object
param storageAccountName string
@description('Zone- or geo-redundant SKU (main.bicep allows no locally redundant one).')
param skuName string
@description('True: no public endpoint; the app reaches it through private endpoints (private-endpoints.bicep).')
param privateNetworking bool

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

output name string = storage.name
output id string = storage.id
