// Every role the Function App's managed identity holds, and nothing more. Each assignment is named
// guid(scope, principalId, roleDefinitionId) so a redeploy finds it again instead of adding a duplicate.

param appPrincipalId string
param storageAccountName string
param cosmosAccountName string
param cosmosDatabaseName string
param vaultName string
@description('True when ACS Email is deployed and the app sends mail through it.')
param grantEmailSender bool
@description('The ACS resource; any non-empty placeholder when grantEmailSender is false.')
param communicationServiceName string
@description('The operator running azd (AZURE_PRINCIPAL_ID); may set secrets such as the Teams webhook URL. Empty: none.')
param operatorPrincipalId string

var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultCryptoUser: '12338af0-0e69-4776-bea7-57ae8d297424'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  communicationAndEmailServiceOwner: '09976791-48a7-449e-bb21-39d1a415f350'
}
// Cosmos DB Built-in Data Contributor (a Cosmos data-plane role, not an Azure RBAC role).
var cosmosDataContributor = '00000000-0000-0000-0000-000000000002'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = {
  name: cosmosAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: vaultName
}

resource communicationService 'Microsoft.Communication/communicationServices@2023-04-01' existing = {
  name: communicationServiceName
}

// Role: Storage Blob Data Owner — the Functions host (AzureWebJobsStorage, leases), the Flex deployment
// package and the app's blob containers.
resource appBlobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, appPrincipalId, roles.storageBlobDataOwner)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Role: Storage Queue Data Contributor — the Durable task hub's control and work-item queues.
resource appQueueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, appPrincipalId, roles.storageQueueDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Role: Storage Table Data Contributor — the Durable task hub's history and instance tables.
resource appTableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, appPrincipalId, roles.storageTableDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Role: Key Vault Crypto User — get, wrapKey/unwrapKey and sign with the vault's keys (private keys never leave it).
resource appCryptoUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, appPrincipalId, roles.keyVaultCryptoUser)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultCryptoUser)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Role: Key Vault Secrets User — read the secrets behind the app settings' Key Vault references.
resource appSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, appPrincipalId, roles.keyVaultSecretsUser)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Role: Key Vault Secrets Officer — the operator sets and rotates secrets (Teams webhook URL, SMTP password).
resource operatorSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId)) {
  scope: vault
  name: guid(vault.id, operatorPrincipalId, roles.keyVaultSecretsOfficer)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
    principalId: operatorPrincipalId
  }
}

// Role: Communication and Email Service Owner — send mail through ACS Email with the managed identity.
resource appEmailSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (grantEmailSender) {
  scope: communicationService
  name: guid(communicationService.id, appPrincipalId, roles.communicationAndEmailServiceOwner)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.communicationAndEmailServiceOwner)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Role: Cosmos DB Built-in Data Contributor — read and write items in the app's database only (no account keys).
resource appCosmosDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: cosmos
  name: guid(cosmos.id, appPrincipalId, cosmosDataContributor)
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${cosmosDataContributor}'
    principalId: appPrincipalId
    scope: '${cosmos.id}/dbs/${cosmosDatabaseName}'
  }
}
