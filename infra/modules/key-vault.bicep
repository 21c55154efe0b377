// Key Vault (RBAC, soft delete, purge protection): the package key-encryption key, the signing key for
// manifests and audit checkpoints, and the app's secrets. Nobody gets access here; see access.bicep.

param location string
param tags object
param vaultName string
param packageKekName string
param signingKeyName string

@secure()
param reviewTokenKey string
@secure()
param smtpPassword string
@secure()
param teamsWebhookUrl string

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
    publicNetworkAccess: 'Enabled'
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

resource reviewTokenKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'review-token-key'
  properties: {
    value: reviewTokenKey
    contentType: 'base64 HMAC key for review links'
  }
}

resource smtpPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(smtpPassword)) {
  parent: vault
  name: 'smtp-password'
  properties: { value: smtpPassword }
}

resource teamsWebhookUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(teamsWebhookUrl)) {
  parent: vault
  name: 'teams-webhook-url'
  properties: { value: teamsWebhookUrl }
}

output name string = vault.name
output id string = vault.id
output uri string = vault.properties.vaultUri
output packageKekName string = packageKek.name
output signingKeyName string = signingKey.name
// Unversioned secret URIs: a Key Vault reference to them follows the latest version after a rotation.
output reviewTokenKeySecretUri string = '${vault.properties.vaultUri}secrets/review-token-key'
output smtpPasswordSecretUri string = '${vault.properties.vaultUri}secrets/smtp-password'
output teamsWebhookUrlSecretUri string = '${vault.properties.vaultUri}secrets/teams-webhook-url'
