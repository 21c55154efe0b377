// Private endpoints and their private DNS zones for every data service the app uses (privateNetworking only):
// the host storage account (blob, queue, table), the data storage account (blob), Cosmos DB and Key Vault.

param location string
param tags object
param vnetId string
param endpointSubnetId string
param hostStorageId string
param dataStorageId string
param cosmosAccountId string
param vaultId string

var storageSuffix = environment().suffixes.storage
var endpoints = [
  { name: 'pe-host-blob', target: hostStorageId, group: 'blob', zone: 'privatelink.blob.${storageSuffix}' }
  { name: 'pe-host-queue', target: hostStorageId, group: 'queue', zone: 'privatelink.queue.${storageSuffix}' }
  { name: 'pe-host-table', target: hostStorageId, group: 'table', zone: 'privatelink.table.${storageSuffix}' }
  { name: 'pe-data-blob', target: dataStorageId, group: 'blob', zone: 'privatelink.blob.${storageSuffix}' }
  { name: 'pe-cosmos', target: cosmosAccountId, group: 'Sql', zone: 'privatelink.documents.azure.com' }
  { name: 'pe-vault', target: vaultId, group: 'vault', zone: 'privatelink.vaultcore.azure.net' }
]
var zones = [
  'privatelink.blob.${storageSuffix}'
  'privatelink.queue.${storageSuffix}'
  'privatelink.table.${storageSuffix}'
  'privatelink.documents.azure.com'
  'privatelink.vaultcore.azure.net'
]

resource dnsZones 'Microsoft.Network/privateDnsZones@2024-06-01' = [
  for zone in zones: {
    name: zone
    location: 'global'
    tags: tags
  }
]

resource zoneLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for (zone, i) in zones: {
    parent: dnsZones[i]
    name: 'vnet-link'
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: { id: vnetId }
    }
  }
]

resource privateEndpoints 'Microsoft.Network/privateEndpoints@2024-05-01' = [
  for endpoint in endpoints: {
    name: endpoint.name
    location: location
    tags: tags
    properties: {
      subnet: { id: endpointSubnetId }
      privateLinkServiceConnections: [
        {
          name: endpoint.name
          properties: {
            privateLinkServiceId: endpoint.target
            groupIds: [endpoint.group]
          }
        }
      ]
    }
  }
]

resource zoneGroups 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = [
  for (endpoint, i) in endpoints: {
    parent: privateEndpoints[i]
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [
        {
          name: replace(endpoint.zone, '.', '-')
          properties: { privateDnsZoneId: resourceId('Microsoft.Network/privateDnsZones', endpoint.zone) }
        }
      ]
    }
    dependsOn: [dnsZones]
  }
]
