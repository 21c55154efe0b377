// The Function App on Flex Consumption (Node 22) with a system-assigned managed identity, which the app's code
// and the Functions host use for everything. Every setting the app reads is in `appSettings` below, named exactly
// as in shared/config/app-config.ts; the roles its identity needs are granted in access.bicep.
//
// A second, user-assigned identity is used for one thing only: the platform reading and writing the deployment
// package. The app's own identity has no role on the package's container, so app code using its credential cannot
// replace the code that runs (access.bicep).

param location string
param tags object
param planName string
param appName string
param deploymentIdentityName string
param maximumInstanceCount int
param instanceMemoryMB int
@description('Subnet delegated to Microsoft.App/environments for VNet integration; empty: none (privateNetworking off).')
param appSubnetId string

param hostStorageAccountName string
param blobEndpoint string
param deploymentContainerUrl string
param applicationInsightsConnectionString string
param cosmosEndpoint string
param cosmosDatabaseName string
param durableTaskHub string
@description('Durable Task Scheduler endpoint; empty: the Azure Storage provider of host.json.')
param durableTaskSchedulerEndpoint string
param publicBaseUrl string

param providerLegalNames string
param dataAccessAgreements string
param reviewersPrimary string
param reviewersEscalation string
param staffOidcIssuer string
param staffOidcClientId string
param staffAdmins string
@allowed(['blob', 'collector'])
param customerDataSource string
param customerDataCollectorUrl string
param customerDataCollectorAudience string
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
@allowed(['webhook', 'none'])
param teamsTransport string

param keyVaultUrl string
param packageKekName string
param signingKeyName string
@description('TRANSPARENCY_FIRST_PERIOD (YYYY-H1 or YYYY-H2); empty: the schema default.')
param transparencyFirstPeriod string

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

resource deploymentIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: deploymentIdentityName
  location: location
  tags: tags
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned, UserAssigned'
    userAssignedIdentities: { '${deploymentIdentity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    virtualNetworkSubnetId: empty(appSubnetId) ? null : appSubnetId
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
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: deploymentIdentity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        // Microsoft's advice for Durable Functions on Flex: one always-ready instance for the durable trigger group,
        // so orchestrations and timers do not wait for a cold start.
        alwaysReady: [
          { name: 'durable', instanceCount: 1 }
        ]
      }
      // Node 20 reached end of life on 2026-04-30; Azure Functions follows Node's lifecycle.
      runtime: { name: 'node', version: '22' }
    }
  }
}

// Key Vault references: App Service resolves them with the app's system-assigned identity (Key Vault Secrets User).
// The vault URI carries its trailing slash; the secret URIs carry no version, so a rotated secret is followed.
var secretUri = '${keyVaultUrl}secrets'
var reviewTokenKeyReference = '@Microsoft.KeyVault(SecretUri=${secretUri}/review-token-key)'
var staffSessionKeyReference = '@Microsoft.KeyVault(SecretUri=${secretUri}/staff-session-key)'
var staffOidcClientSecretReference = '@Microsoft.KeyVault(SecretUri=${secretUri}/staff-oidc-client-secret)'
var smtpPasswordReference = mailTransport == 'smtp' && !empty(smtpUser) ? '@Microsoft.KeyVault(SecretUri=${secretUri}/smtp-password)' : ''
var teamsWebhookUrlReference = teamsTransport == 'webhook' ? '@Microsoft.KeyVault(SecretUri=${secretUri}/teams-webhook-url)' : ''

// One entry a line, NAME: value (tests/unit/infra/config-agreement.test.ts reads this block).
// An empty value means "not set" to the app's config parser.
var appSettings = {
  AzureWebJobsStorage__accountName: hostStorageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
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
  CUSTOMER_DATA_SOURCE: customerDataSource
  CUSTOMER_DATA_CONTAINER: 'customer-data'
  CUSTOMER_DATA_COLLECTOR_URL: customerDataCollectorUrl
  CUSTOMER_DATA_COLLECTOR_AUDIENCE: customerDataCollectorAudience
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
  STAFF_OIDC_ISSUER: staffOidcIssuer
  STAFF_OIDC_CLIENT_ID: staffOidcClientId
  STAFF_OIDC_CLIENT_SECRET: staffOidcClientSecretReference
  STAFF_SESSION_KEY: staffSessionKeyReference
  STAFF_ADMINS: staffAdmins
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

// Only with the Durable Task Scheduler: these override host.json's Azure Storage provider (the Functions host reads
// AzureFunctionsJobHost__<path> app settings as host.json values), so one host.json serves both providers.
// Same format as appSettings.
var durableTaskSchedulerSettings = {
  DURABLE_TASK_SCHEDULER_CONNECTION_STRING: 'Endpoint=${durableTaskSchedulerEndpoint};Authentication=ManagedIdentity'
  AzureFunctionsJobHost__extensions__durableTask__storageProvider__type: 'azureManaged'
  AzureFunctionsJobHost__extensions__durableTask__storageProvider__connectionStringName: 'DURABLE_TASK_SCHEDULER_CONNECTION_STRING'
}

resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: empty(durableTaskSchedulerEndpoint) ? appSettings : union(appSettings, durableTaskSchedulerSettings)
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

output name string = site.name
output principalId string = site.identity.principalId
output deploymentPrincipalId string = deploymentIdentity.properties.principalId
output defaultHostName string = site.properties.defaultHostName
