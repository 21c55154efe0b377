// Generates the app's own keys (review-token-key, staff-session-key: 32 random bytes, base64) into Key Vault, once.
//
// Why a deployment script: the key must exist before the app starts, no operator should have to supply it, it must
// never sit in plain text in the azd environment file, and it must never change on a later `azd provision`, from
// this machine or any other (a new review-token-key voids every review link already mailed). Bicep cannot ask
// whether a secret exists, and a secret resource in the template would write a new version on every deployment.
// So on every provision this script asks the vault itself, and creates a secret only when the vault has none of
// that name; the decision rests on the vault, not on any file on the operator's machine.
//
// The script's identity holds a custom role that can list secret names and set secrets but never read a value.
// An existing secret is left untouched; a soft-deleted one makes the script fail with Key Vault's message, so it is
// recovered by the operator (az keyvault secret recover) rather than silently replaced.

param location string
param tags object
param vaultName string
param identityName string
@description('Names of the secrets to create when absent.')
param secretNames array
@description('True: the vault has no public endpoint, so the script runs inside the virtual network.')
param privateNetworking bool
@description('The delegated subnet the script runs in (privateNetworking only).')
param scriptSubnetId string
@description('Storage account for the script\'s files when it runs inside the virtual network (privateNetworking only).')
param scriptStorageAccountName string
@description('Changes on every deployment, so the script runs on every provision (it changes nothing when all secrets exist).')
param runTag string = utcNow()

var roles = {
  storageFileDataPrivilegedContributor: '69566ab7-960f-475b-8e7c-b3118f30c6bd'
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: vaultName
}

resource seeder 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
  tags: tags
}

// Create-only access to secrets: list names (readMetadata) and set a secret; no getSecret, no delete, no purge.
resource secretSeederRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'lrw-key-vault-secret-seeder')
  properties: {
    roleName: 'LRW Key Vault secret seeder (${uniqueString(resourceGroup().id)})'
    description: 'Lists secret names and creates secrets in the Lawful Request Workflow vault; cannot read secret values.'
    type: 'CustomRole'
    assignableScopes: [resourceGroup().id]
    permissions: [
      {
        actions: []
        notActions: []
        dataActions: [
          'Microsoft.KeyVault/vaults/secrets/readMetadata/action'
          'Microsoft.KeyVault/vaults/secrets/setSecret/action'
        ]
        notDataActions: []
      }
    ]
  }
}

// Role: LRW Key Vault secret seeder — the script's identity creates the generated secrets when absent.
resource seederSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, seeder.id, secretSeederRole.name)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretSeederRole.name)
    principalId: seeder.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Only with private networking: the script's own small storage account, reachable from its subnet only.
// Deployment scripts keep their files on an Azure Files share, which is why this one account allows shared keys;
// it holds the script and its log, never a secret value.
resource scriptStorage 'Microsoft.Storage/storageAccounts@2023-05-01' = if (privateNetworking) {
  name: scriptStorageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowBlobPublicAccess: false
    allowSharedKeyAccess: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Deny'
      virtualNetworkRules: privateNetworking ? [{ id: scriptSubnetId, action: 'Allow' }] : []
    }
  }
}

// Role: Storage File Data Privileged Contributor — the script's identity mounts its file share (privateNetworking only).
resource seederFiles 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (privateNetworking) {
  scope: scriptStorage
  name: guid(scriptStorage.id, seeder.id, roles.storageFileDataPrivilegedContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageFileDataPrivilegedContributor)
    principalId: seeder.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource seedSecrets 'Microsoft.Resources/deploymentScripts@2023-08-01' = {
  name: 'seed-secrets'
  location: location
  tags: tags
  kind: 'AzureCLI'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${seeder.id}': {} }
  }
  properties: {
    azCliVersion: '2.67.0'
    forceUpdateTag: runTag
    timeout: 'PT30M'
    retentionInterval: 'PT1H'
    cleanupPreference: 'Always'
    environmentVariables: [
      { name: 'VAULT_NAME', value: vault.name }
      { name: 'SECRET_NAMES', value: join(secretNames, ' ') }
    ]
    scriptContent: loadTextContent('../scripts/seed-secrets.sh')
    containerSettings: privateNetworking ? { subnetIds: [{ id: scriptSubnetId }] } : null
    storageAccountSettings: privateNetworking ? { storageAccountName: scriptStorageAccountName } : null
  }
  dependsOn: [seederSecrets, seederFiles]
}
