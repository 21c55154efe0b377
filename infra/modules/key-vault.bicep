// Key Vault (RBAC, soft delete, purge protection): the package key-encryption key, the signing key for
// manifests and audit checkpoints, and the app's secrets. Nobody gets access here; see access.bicep.
//
// Keep the two key resources exactly as they are. Key Vault creates a key's first version from this template and
// afterwards ignores it: a changed size, operation list, expiry or rotation policy here is silently not applied to
// the existing key. Rotation and expiry are operator commands (docs/deploy.md §8), granted in access.bicep.
//
// The secrets are not template resources: review-token-key and staff-session-key are generated once by
// secret-seed.bicep; smtp-password, teams-webhook-url and staff-oidc-client-secret are set by the operator.

param location string
param tags object
param vaultName string
param packageKekName string
param signingKeyName string
@description('True: no public endpoint; the app reaches it through a private endpoint (private-endpoints.bicep).')
param privateNetworking bool

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // Purge protection cannot be turned off again: a deleted key stays recoverable for the retention period.
    enablePurgeProtection: true
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: privateNetworking ? 'Deny' : 'Allow'
    }
  }
}

// Wraps each package's data key. Rotated yearly; versions get no expiry date because every wrapped key names
// its exact key version and must stay openable (the Key Vault client refuses expired versions even for unwrap).
resource packageKek 'Microsoft.KeyVault/vaults/keys@2023-07-01' = {
  parent: vault
  name: packageKekName
  properties: {
    kty: 'RSA'
    keySize: 3072
    keyOps: ['wrapKey', 'unwrapKey']
    attributes: { enabled: true, exportable: false }
    rotationPolicy: {
      lifetimeActions: [
        {
          trigger: { timeAfterCreate: 'P365D' }
          action: { type: 'rotate' }
        }
      ]
    }
  }
}

// Signs package manifests and the daily audit checkpoints (PS256). Rotated by hand (docs/deploy.md), because
// offline verifiers pin its public key.
resource signingKey 'Microsoft.KeyVault/vaults/keys@2023-07-01' = {
  parent: vault
  name: signingKeyName
  properties: {
    kty: 'RSA'
    keySize: 3072
    keyOps: ['sign', 'verify']
    attributes: { enabled: true, exportable: false }
  }
}

output name string = vault.name
output id string = vault.id
output uri string = vault.properties.vaultUri
output packageKekName string = packageKek.name
output signingKeyName string = signingKey.name
