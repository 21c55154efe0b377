// The Function App on Flex Consumption (Node 20) with a system-assigned managed identity. Every setting the
// app reads is in `appSettings` below, named exactly as in shared/config/app-config.ts; the roles its
// identity needs are granted in access.bicep.

param location string
param tags object
param planName string
param appName string
param maximumInstanceCount int
param instanceMemoryMB int

param storageAccountName string
param blobEndpoint string
param deploymentContainerUrl string
param applicationInsightsConnectionString string
param cosmosEndpoint string
param cosmosDatabaseName string
param durableTaskHub string
param publicBaseUrl string

param providerLegalNames string
param dataAccessAgreements string
param reviewersPrimary string
param reviewersEscalation string
param noticeContactEmail string
param noticeContactUrl string

@allowed(['acs', 'smtp'])
param mailTransport string
param mailFrom string
param acsEmailEndpoint string
param smtpHost string
param smtpPort string
param smtpUser string
param smtpRequireTls string
@description('True when the vault holds an smtp-password secret for the app to reference.')
param useSmtpPasswordSecret bool
@allowed(['webhook', 'none'])
param teamsTransport string

param keyVaultUrl string
param packageKekName string
param signingKeyName string
@description('TRANSPARENCY_FIRST_PERIOD (YYYY-H1 or YYYY-H2); empty: the schema default.')
param transparencyFirstPeriod string

param reviewTokenKeySecretUri string
param smtpPasswordSecretUri string
param teamsWebhookUrlSecretUri string

@description('Client id of the Entra app registration reviewers sign in with; empty leaves App Service authentication off.')
param reviewerSignInClientId string

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: { name: 'node', version: '20' }
    }
  }
}

// A Key Vault reference: App Service resolves it with the app's identity (Key Vault Secrets User).
var reviewTokenKeyReference = '@Microsoft.KeyVault(SecretUri=${reviewTokenKeySecretUri})'
var smtpPasswordReference = useSmtpPasswordSecret ? '@Microsoft.KeyVault(SecretUri=${smtpPasswordSecretUri})' : ''
var teamsWebhookUrlReference = teamsTransport == 'webhook' ? '@Microsoft.KeyVault(SecretUri=${teamsWebhookUrlSecretUri})' : ''

// One entry a line, NAME: value (tests/unit/infra/config-agreement.test.ts reads this block).
// An empty value means "not set" to the app's config parser.
var appSettings = {
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  DURABLE_TASK_HUB: durableTaskHub
  COSMOS_ENDPOINT: cosmosEndpoint
  COSMOS_DATABASE: cosmosDatabaseName
  PROVISION_LOCAL_RESOURCES: 'false'
  BLOB_SERVICE_URL: blobEndpoint
  DOCUMENTS_CONTAINER: 'documents'
  PACKAGES_CONTAINER: 'packages'
  PACKAGE_IMMUTABILITY: 'legal_hold'
  PACKAGE_LINK_TTL_MINUTES: '15'
  CUSTOMER_VAULTS: 'keyvault'
  AUDIT_CHECKPOINTS_CONTAINER: 'audit-checkpoints'
  TRANSPARENCY_REPORTS_CONTAINER: 'transparency-reports'
  TRANSPARENCY_FIRST_PERIOD: transparencyFirstPeriod
  KEY_PROVIDER: 'keyvault'
  KEY_VAULT_URL: keyVaultUrl
  KEY_ENCRYPTION_KEY_NAME: packageKekName
  SIGNING_KEY_NAME: signingKeyName
  PROVIDER_LEGAL_NAMES: providerLegalNames
  DATA_ACCESS_AGREEMENTS: dataAccessAgreements
  REVIEW_TOKEN_KEY: reviewTokenKeyReference
  REVIEWERS_PRIMARY: reviewersPrimary
  REVIEWERS_ESCALATION: reviewersEscalation
  MAIL_TRANSPORT: mailTransport
  MAIL_FROM: mailFrom
  ACS_EMAIL_ENDPOINT: acsEmailEndpoint
  SMTP_HOST: smtpHost
  SMTP_PORT: smtpPort
  SMTP_SECURE: smtpPort == '465' ? 'true' : 'false'
  SMTP_REQUIRE_TLS: smtpRequireTls
  SMTP_USER: smtpUser
  SMTP_PASSWORD: smtpPasswordReference
  TEAMS_TRANSPORT: teamsTransport
  TEAMS_WEBHOOK_URL: teamsWebhookUrlReference
  NOTICE_CONTACT_EMAIL: noticeContactEmail
  NOTICE_CONTACT_URL: noticeContactUrl
  PUBLIC_BASE_URL: empty(publicBaseUrl) ? 'https://${site.properties.defaultHostName}' : publicBaseUrl
}

resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: appSettings
}

// Publishing with user names and passwords stays off: azd deploys with the operator's Entra sign-in.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: { allow: false }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: { allow: false }
}

// Reviewers sign in with Entra ID before the review pages. Every other route keeps its own scheme
// (requester credentials, function keys, public reports), so it is excluded from sign-in; a route not
// listed here fails closed behind sign-in.
var signInExcludedPaths = [
  '/api/demands'
  '/api/demands/*'
  '/api/manage/*'
  '/api/audit/*'
  '/api/reports/*'
  '/api/health'
  '/api/openapi.json'
  '/api/package-signing-key'
  '/runtime/*'
  '/admin/*'
]

resource reviewerSignIn 'Microsoft.Web/sites/config@2024-04-01' = if (!empty(reviewerSignInClientId)) {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: { enabled: true }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'RedirectToLoginPage'
      redirectToProvider: 'azureactivedirectory'
      excludedPaths: signInExcludedPaths
    }
    httpSettings: { requireHttps: true }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: reviewerSignInClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [reviewerSignInClientId, 'api://${reviewerSignInClientId}']
        }
      }
    }
    login: {
      tokenStore: { enabled: false }
    }
  }
}

output name string = site.name
output principalId string = site.identity.principalId
output defaultHostName string = site.properties.defaultHostName
