// Private networking (main.bicep `privateNetworking`, off by default): one virtual network with a subnet the
// Flex Consumption app integrates with, a subnet for private endpoints, and a subnet the secret-seeding
// deployment script runs in (so it reaches the vault without a public endpoint).

param location string
param tags object
param vnetName string

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: vnetName
  location: location
  tags: tags
  properties: {
    addressSpace: { addressPrefixes: ['10.40.0.0/16'] }
    subnets: [
      {
        name: 'snet-app'
        properties: {
          addressPrefix: '10.40.1.0/24'
          // Flex Consumption VNet integration needs a subnet delegated to Microsoft.App/environments.
          delegations: [{ name: 'flex', properties: { serviceName: 'Microsoft.App/environments' } }]
        }
      }
      {
        name: 'snet-private-endpoints'
        properties: {
          addressPrefix: '10.40.2.0/24'
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
      {
        name: 'snet-deployment-scripts'
        properties: {
          addressPrefix: '10.40.3.0/24'
          // Deployment scripts run in Azure Container Instances and keep their files in a storage account
          // reached through this service endpoint.
          serviceEndpoints: [{ service: 'Microsoft.Storage' }]
          delegations: [{ name: 'aci', properties: { serviceName: 'Microsoft.ContainerInstance/containerGroups' } }]
        }
      }
    ]
  }
}

output vnetId string = vnet.id
output appSubnetId string = '${vnet.id}/subnets/snet-app'
output endpointSubnetId string = '${vnet.id}/subnets/snet-private-endpoints'
output scriptSubnetId string = '${vnet.id}/subnets/snet-deployment-scripts'
