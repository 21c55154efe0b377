// Lawful Request Workflow on Azure: `azd up` provisions this and deploys the app (see docs/deploy.md).
// Subscription scope, as in the Azure Developer CLI templates: one resource group per azd environment.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; prefixes the resource group and tags every resource.')
param environmentName string

@minLength(1)
@description('Azure region for every resource (must offer Flex Consumption).')
param location string

@description('Object id of the operator running azd (AZURE_PRINCIPAL_ID); gets Key Vault Secrets Officer. Empty: nobody.')
param principalId string = ''

@secure()
@minLength(44)
@description('base64 of at least 32 random bytes: the HMAC key for review links (made once by the preprovision hook).')
param reviewTokenKey string

@minLength(1)
@description('PROVIDER_LEGAL_NAMES: comma-separated names the provider answers to.')
param providerLegalNames string

@minLength(1)
@description('REVIEWERS_PRIMARY: comma-separated reviewer emails asked first (content needs two distinct ones).')
param reviewersPrimary string

@minLength(1)
@description('REVIEWERS_ESCALATION: comma-separated reviewer emails asked when a deadline passes.')
param reviewersEscalation string

@description('DATA_ACCESS_AGREEMENTS: comma-separated requesterCountry:dataRegion pairs, e.g. US:GB.')
param dataAccessAgreements string = ''

@description('NOTICE_CONTACT_EMAIL printed in customer notices.')
param noticeContactEmail string = ''

@description('NOTICE_CONTACT_URL printed in customer notices (optional).')
param noticeContactUrl string = ''

@description('PUBLIC_BASE_URL when a custom domain fronts the app; empty: the Function App\'s default host name.')
param publicBaseUrl string = ''

@allowed(['acs', 'smtp'])
@description('MAIL_TRANSPORT: acs deploys Azure Communication Services Email; smtp uses your SMTP relay.')
param mailTransport string = 'acs'

@description('MAIL_FROM. With acs and empty: DoNotReply@ the Azure-managed sender domain.')
param mailFrom string = ''

@description('Where ACS Email keeps data at rest (acs only).')
param acsDataLocation string = 'United States'

@description('SMTP_HOST (smtp only).')
param smtpHost string = ''

@description('SMTP_PORT (smtp only); 465 means implicit TLS.')
param smtpPort string = '587'

@description('SMTP_USER (smtp only).')
param smtpUser string = ''

@secure()
@description('SMTP_PASSWORD (smtp only), stored in Key Vault. Empty: no password.')
param smtpPassword string = ''

@allowed(['webhook', 'none'])
@description('TEAMS_TRANSPORT: webhook posts review cards to a Teams Workflows webhook.')
param teamsTransport string = 'none'

@secure()
@description('TEAMS_WEBHOOK_URL, stored in Key Vault. Empty: set the teams-webhook-url secret yourself (docs/deploy.md).')
param teamsWebhookUrl string = ''

@description('Client id of the Entra app registration for reviewer sign-in; empty leaves App Service authentication off.')
param reviewerSignInClientId string = ''

@description('TRANSPARENCY_FIRST_PERIOD: the first half-year reported on (YYYY-H1 or YYYY-H2); empty: the app default.')
param transparencyFirstPeriod string = ''

@description('Flex Consumption scale-out limit.')
param maximumInstanceCount int = 40

@allowed([2048, 4096])
param instanceMemoryMB int = 2048

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var useAcs = mailTransport == 'acs'
var cosmosDatabaseName = 'lawful-requests'
var functionAppName = 'func-${resourceToken}'

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    storageAccountName: 'st${resourceToken}'
    deploymentContainerName: 'app-package-${resourceToken}'
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    accountName: 'cosmos-${resourceToken}'
    databaseName: cosmosDatabaseName
  }
}

module keyVault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    vaultName: 'kv-${resourceToken}'
    packageKekName: 'package-kek'
    signingKeyName: 'package-signing'
    reviewTokenKey: reviewTokenKey
    smtpPassword: smtpPassword
    teamsWebhookUrl: teamsWebhookUrl
  }
}

module communication 'modules/communication.bicep' = if (useAcs) {
  name: 'communication'
  scope: resourceGroup
  params: {
    tags: tags
    communicationServiceName: 'acs-${resourceToken}'
    emailServiceName: 'ecs-${resourceToken}'
    dataLocation: acsDataLocation
  }
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    planName: 'plan-${resourceToken}'
    appName: functionAppName
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    storageAccountName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabaseName: cosmos.outputs.databaseName
    durableTaskHub: 'LawfulRequests'
    publicBaseUrl: publicBaseUrl
    providerLegalNames: providerLegalNames
    dataAccessAgreements: dataAccessAgreements
    reviewersPrimary: reviewersPrimary
    reviewersEscalation: reviewersEscalation
    noticeContactEmail: noticeContactEmail
    noticeContactUrl: noticeContactUrl
    mailTransport: mailTransport
    mailFrom: useAcs && empty(mailFrom) ? communication.outputs.senderAddress : mailFrom
    acsEmailEndpoint: useAcs ? communication.outputs.endpoint : ''
    smtpHost: useAcs ? '' : smtpHost
    smtpPort: smtpPort
    smtpUser: useAcs ? '' : smtpUser
    smtpRequireTls: 'true'
    useSmtpPasswordSecret: !useAcs && !empty(smtpPassword)
    teamsTransport: teamsTransport
    keyVaultUrl: keyVault.outputs.uri
    packageKekName: keyVault.outputs.packageKekName
    signingKeyName: keyVault.outputs.signingKeyName
    transparencyFirstPeriod: transparencyFirstPeriod
    reviewTokenKeySecretUri: keyVault.outputs.reviewTokenKeySecretUri
    smtpPasswordSecretUri: keyVault.outputs.smtpPasswordSecretUri
    teamsWebhookUrlSecretUri: keyVault.outputs.teamsWebhookUrlSecretUri
    reviewerSignInClientId: reviewerSignInClientId
  }
}

module access 'modules/access.bicep' = {
  name: 'access'
  scope: resourceGroup
  params: {
    appPrincipalId: functionApp.outputs.principalId
    storageAccountName: storage.outputs.name
    cosmosAccountName: cosmos.outputs.accountName
    cosmosDatabaseName: cosmos.outputs.databaseName
    vaultName: keyVault.outputs.name
    grantEmailSender: useAcs
    communicationServiceName: useAcs ? communication.outputs.name : 'none'
    operatorPrincipalId: principalId
  }
}

// azd stores these in .azure/<env>/.env; none is a secret.
output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_API_URI string = 'https://${functionApp.outputs.defaultHostName}'
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_URI string = keyVault.outputs.uri
output AZURE_KEY_VAULT_PACKAGE_KEK_NAME string = keyVault.outputs.packageKekName
output AZURE_KEY_VAULT_SIGNING_KEY_NAME string = keyVault.outputs.signingKeyName
output AZURE_COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_ACS_EMAIL_ENDPOINT string = useAcs ? communication.outputs.endpoint : ''
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
