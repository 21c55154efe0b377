// Every role the app's identities hold, each on the narrowest scope that works, and the operator's roles.
// Each assignment is named guid(scope, principalId, roleDefinitionId) so a redeploy finds it again instead of
// adding a duplicate. tests/unit/infra/least-privilege.test.ts lists the roles allowed here, with their scopes.
//
// The app's system-assigned identity:
//   - host storage account (holds only Functions host and Durable state): blob owner, queue and table contributor;
//   - data storage account: per container only, and nothing on the deployment package's container;
//   - Key Vault: per key (wrap/unwrap on the key-encryption key, sign on the signing key: neither can update,
//     disable, expire or delete a key) and read on secrets (the Key Vault references);
//   - Cosmos DB: data contributor on the app's database; ACS: a send-only custom role; Application Insights:
//     Monitoring Metrics Publisher (local auth is off); Durable Task Scheduler: data contributor on the task hub.
// The deployment identity: write the deployment package, in its container only.

param appPrincipalId string
@description('The user-assigned identity the platform uses for the deployment package only.')
param deploymentPrincipalId string
param hostStorageAccountName string
@description('True with the Azure Storage provider: the task hub\'s queues and tables live in the host account.')
param grantDurableQueuesAndTables bool
param dataStorageAccountName string
param deploymentContainerName string
param cosmosAccountName string
param cosmosDatabaseName string
param vaultName string
param packageKekName string
param signingKeyName string
param applicationInsightsName string
@description('True when ACS Email is deployed and the app sends mail through it.')
param grantEmailSender bool
@description('The ACS resource; any non-empty placeholder when grantEmailSender is false.')
param communicationServiceName string
@description('True when the Durable Task Scheduler is the storage provider.')
param grantDurableTaskScheduler bool
@description('The scheduler; any non-empty placeholder when grantDurableTaskScheduler is false.')
param durableTaskSchedulerName string
param durableTaskHubName string
@description('The operator running azd (AZURE_PRINCIPAL_ID): sets secrets, rotates and extends keys. Empty: none.')
param operatorPrincipalId string

var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageBlobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultCryptoServiceEncryptionUser: 'e147488a-f6f5-4113-8e2d-b22465e65bf6'
  keyVaultCryptoOfficer: '14b46e9e-c2b7-41b4-b07b-48a6ebf60603'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  durableTaskDataContributor: '0ad04412-c4d5-4796-b79c-f76d14c8d402'
}
// Cosmos DB Built-in Data Contributor (a Cosmos data-plane role, not an Azure RBAC role).
var cosmosDataContributor = '00000000-0000-0000-0000-000000000002'

resource hostStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: hostStorageAccountName
}

resource documentsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  name: '${dataStorageAccountName}/default/documents'
}

resource packagesContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  name: '${dataStorageAccountName}/default/packages'
}

resource auditCheckpointsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  name: '${dataStorageAccountName}/default/audit-checkpoints'
}

resource transparencyReportsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  name: '${dataStorageAccountName}/default/transparency-reports'
}

resource customerDataContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  name: '${dataStorageAccountName}/default/customer-data'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  name: '${dataStorageAccountName}/default/${deploymentContainerName}'
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = {
  name: cosmosAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: vaultName
}

resource packageKek 'Microsoft.KeyVault/vaults/keys@2023-07-01' existing = {
  parent: vault
  name: packageKekName
}

resource signingKey 'Microsoft.KeyVault/vaults/keys@2023-07-01' existing = {
  parent: vault
  name: signingKeyName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource communicationService 'Microsoft.Communication/communicationServices@2023-04-01' existing = {
  name: communicationServiceName
}

resource durableTaskScheduler 'Microsoft.DurableTask/schedulers@2025-11-01' existing = {
  name: durableTaskSchedulerName
}

resource durableTaskHub 'Microsoft.DurableTask/schedulers/taskHubs@2025-11-01' existing = {
  parent: durableTaskScheduler
  name: durableTaskHubName
}

// Sign with the signing key, and nothing else: Key Vault Crypto User would also allow keys/update (disable it,
// set its expiry) and encrypt/decrypt/wrap/unwrap; the app must not be able to change its own signing key.
resource keySignerRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'lrw-key-vault-key-signer')
  properties: {
    roleName: 'LRW Key Vault key signer (${uniqueString(resourceGroup().id)})'
    description: 'Reads a Key Vault key and signs and verifies with it; cannot update, disable, expire, rotate or delete it.'
    type: 'CustomRole'
    assignableScopes: [resourceGroup().id]
    permissions: [
      {
        actions: []
        notActions: []
        dataActions: [
          'Microsoft.KeyVault/vaults/keys/read'
          'Microsoft.KeyVault/vaults/keys/sign/action'
          'Microsoft.KeyVault/vaults/keys/verify/action'
        ]
        notDataActions: []
      }
    ]
  }
}

// The actions Microsoft documents for sending ACS Email with an Entra ID identity, instead of the built-in
// Communication and Email Service Owner (which can also delete the resource, regenerate its keys and manage domains).
resource emailSenderRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = if (grantEmailSender) {
  name: guid(resourceGroup().id, 'lrw-acs-email-sender')
  properties: {
    roleName: 'LRW ACS email sender (${uniqueString(resourceGroup().id)})'
    description: 'Sends email through Azure Communication Services; nothing else.'
    type: 'CustomRole'
    assignableScopes: [resourceGroup().id]
    permissions: [
      {
        actions: [
          'Microsoft.Communication/CommunicationServices/Read'
          'Microsoft.Communication/CommunicationServices/Write'
          'Microsoft.Communication/EmailServices/write'
        ]
        notActions: []
        dataActions: []
        notDataActions: []
      }
    ]
  }
}

// Role: Storage Blob Data Owner — the Functions host's blobs (AzureWebJobsStorage: leases, keys) and the Durable
// task hub's lease and large-message blobs; the host account holds nothing else.
resource appHostBlobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: hostStorage
  name: guid(hostStorage.id, appPrincipalId, roles.storageBlobDataOwner)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Role: Storage Queue Data Contributor — the Durable task hub's control and work-item queues (Azure Storage provider).
resource appHostQueueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (grantDurableQueuesAndTables) {
  scope: hostStorage
  name: guid(hostStorage.id, appPrincipalId, roles.storageQueueDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Role: Storage Table Data Contributor — the Durable task hub's history and instance tables (Azure Storage provider).
resource appHostTableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (grantDurableQueuesAndTables) {
  scope: hostStorage
  name: guid(hostStorage.id, appPrincipalId, roles.storageTableDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Role: Storage Blob Data Contributor — demand documents (DOCUMENTS_CONTAINER).
resource appDocuments 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: documentsContainer
  name: guid(documentsContainer.id, appPrincipalId, roles.storageBlobDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Role: Storage Blob Data Owner — sealed packages (PACKAGES_CONTAINER): setting a legal hold on a blob version is
// an owner-only data action; this container only.
resource appPackages 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: packagesContainer
  name: guid(packagesContainer.id, appPrincipalId, roles.storageBlobDataOwner)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Role: Storage Blob Data Contributor — signed audit checkpoints (AUDIT_CHECKPOINTS_CONTAINER).
resource appAuditCheckpoints 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: auditCheckpointsContainer
  name: guid(auditCheckpointsContainer.id, appPrincipalId, roles.storageBlobDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Role: Storage Blob Data Contributor — published transparency reports (TRANSPARENCY_REPORTS_CONTAINER).
resource appTransparencyReports 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: transparencyReportsContainer
  name: guid(transparencyReportsContainer.id, appPrincipalId, roles.storageBlobDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Role: Storage Blob Data Reader — customer data collection reads (CUSTOMER_DATA_CONTAINER); it never writes there.
resource appCustomerData 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: customerDataContainer
  name: guid(customerDataContainer.id, appPrincipalId, roles.storageBlobDataReader)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataReader)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Role: Storage Blob Data Contributor — the deployment identity writes and reads the Flex deployment package.
resource deploymentPackage 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: deploymentContainer
  name: guid(deploymentContainer.id, deploymentPrincipalId, roles.storageBlobDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    principalId: deploymentPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Role: Key Vault Crypto Service Encryption User — get, wrapKey and unwrapKey with the package key-encryption key only.
resource appKekWrapper 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: packageKek
  name: guid(packageKek.id, appPrincipalId, roles.keyVaultCryptoServiceEncryptionUser)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultCryptoServiceEncryptionUser)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Role: LRW Key Vault key signer — get, sign and verify with the signing key only.
resource appSigner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: signingKey
  name: guid(signingKey.id, appPrincipalId, keySignerRole.name)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keySignerRole.name)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Role: Key Vault Secrets User — read the secrets behind the app settings' Key Vault references. Vault-wide because
// the operator creates some of them after provisioning (a role cannot be scoped to a secret that does not exist);
// the vault holds only this app's secrets.
resource appSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, appPrincipalId, roles.keyVaultSecretsUser)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Role: Monitoring Metrics Publisher — send telemetry to Application Insights, whose local (key) auth is off.
resource appTelemetryPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: applicationInsights
  name: guid(applicationInsights.id, appPrincipalId, roles.monitoringMetricsPublisher)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Role: LRW ACS email sender — send mail through ACS Email with the managed identity.
resource appEmailSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (grantEmailSender) {
  scope: communicationService
  name: guid(communicationService.id, appPrincipalId, emailSenderRole.name)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', emailSenderRole.name)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Role: Durable Task Data Contributor — run and manage orchestrations in the app's task hub only.
resource appDurableTaskHub 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (grantDurableTaskScheduler) {
  scope: durableTaskHub
  name: guid(durableTaskHub.id, appPrincipalId, roles.durableTaskDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.durableTaskDataContributor)
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

// Role: Key Vault Secrets Officer — the operator sets and rotates the secrets (docs/deploy.md §8).
resource operatorSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId)) {
  scope: vault
  name: guid(vault.id, operatorPrincipalId, roles.keyVaultSecretsOfficer)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
    principalId: operatorPrincipalId
  }
}

// Role: Key Vault Crypto Officer — the operator rotates the key-encryption key and changes its rotation policy and
// version expiry (docs/deploy.md §8); this key only.
resource operatorKekOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId)) {
  scope: packageKek
  name: guid(packageKek.id, operatorPrincipalId, roles.keyVaultCryptoOfficer)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultCryptoOfficer)
    principalId: operatorPrincipalId
  }
}

// Role: Key Vault Crypto Officer — the operator rotates the signing key and publishes its public key (docs/deploy.md §8).
resource operatorSigningKeyOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId)) {
  scope: signingKey
  name: guid(signingKey.id, operatorPrincipalId, roles.keyVaultCryptoOfficer)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultCryptoOfficer)
    principalId: operatorPrincipalId
  }
}
