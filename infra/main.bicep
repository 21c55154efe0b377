// Lawful Request Workflow on Azure: `azd up` provisions this and deploys the app (see docs/deploy.md).
// Subscription scope, as in the Azure Developer CLI templates: one resource group per azd environment.
// No parameter is a secret the operator must supply: the keys the app needs are generated into Key Vault by the
// deployment itself, once (modules/secret-seed.bicep), so a first `azd up --no-prompt` needs only the values below.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; prefixes the resource group and tags every resource.')
param environmentName string

@minLength(1)
@description('Azure region for every resource (must offer Flex Consumption).')
param location string

@description('Object id of the operator running azd (AZURE_PRINCIPAL_ID); gets the operator roles of access.bicep. Empty: nobody.')
param principalId string = ''

@minLength(1)
@description('PROVIDER_LEGAL_NAMES: comma-separated names the provider answers to.')
param providerLegalNames string

@minLength(1)
@description('REVIEWERS_PRIMARY: comma-separated reviewer emails asked first; at least two distinct people (content needs two distinct approvals; the app refuses fewer at start).')
param reviewersPrimary string

@minLength(1)
@description('REVIEWERS_ESCALATION: comma-separated reviewer emails asked when a deadline passes.')
param reviewersEscalation string

@minLength(1)
@description('STAFF_OIDC_CLIENT_ID: Application (client) ID of the Entra app registration staff sign in with (docs/deploy.md §5).')
param staffOidcClientId string

@description('STAFF_OIDC_ISSUER; empty: Entra ID of this tenant (https://login.microsoftonline.com/<tenant>/v2.0).')
param staffOidcIssuer string = ''

@description('STAFF_ADMINS: comma-separated emails of staff administrators.')
param staffAdmins string = ''

@description('DATA_ACCESS_AGREEMENTS: comma-separated requesterCountry:dataRegion pairs, e.g. US:GB.')
param dataAccessAgreements string = ''

@description('NOTICE_CONTACT_EMAIL printed in customer notices.')
param noticeContactEmail string = ''

@description('NOTICE_CONTACT_URL printed in customer notices (optional).')
param noticeContactUrl string = ''

@description('PUBLIC_BASE_URL when a custom domain fronts the app; empty: the Function App\'s default host name.')
param publicBaseUrl string = ''

@allowed(['blob', 'collector'])
@description('CUSTOMER_DATA_SOURCE: where collection reads customer data; blob reads the customer-data container.')
param customerDataSource string = 'blob'

@description('CUSTOMER_DATA_COLLECTOR_URL (collector only).')
param customerDataCollectorUrl string = ''

@description('CUSTOMER_DATA_COLLECTOR_AUDIENCE: the Entra audience the app asks a token for (collector only).')
param customerDataCollectorAudience string = ''

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

@description('SMTP_USER (smtp only). The password is a Key Vault secret the operator sets (docs/deploy.md §7).')
param smtpUser string = ''

@allowed(['webhook', 'none'])
@description('TEAMS_TRANSPORT: webhook posts review cards to a Teams Workflows webhook (its URL is a Key Vault secret).')
param teamsTransport string = 'none'

@description('TRANSPARENCY_FIRST_PERIOD: the first half-year reported on (YYYY-H1 or YYYY-H2); empty: the app default.')
param transparencyFirstPeriod string = ''

@allowed(['Standard_ZRS', 'Standard_GZRS', 'Standard_RAGZRS', 'Standard_GRS', 'Standard_RAGRS'])
@description('Redundancy of both storage accounts: zone- or geo-redundant, never a single datacentre (legal records).')
param storageSku string = 'Standard_ZRS'

@allowed(['azureStorage', 'durableTaskScheduler'])
@description('Durable Functions storage provider. Choose before the first demand: orchestrations in flight cannot move.')
param durableStorageProvider string = 'azureStorage'

@allowed(['Consumption', 'Dedicated'])
@description('Durable Task Scheduler SKU (durableTaskScheduler only).')
param durableTaskSchedulerSku string = 'Consumption'

@description('Private networking: Flex VNet integration and private endpoints for Storage, Cosmos DB and Key Vault.')
param privateNetworking bool = false

@description('Flex Consumption scale-out limit.')
param maximumInstanceCount int = 40

@allowed([2048, 4096])
param instanceMemoryMB int = 2048

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var useAcs = mailTransport == 'acs'
var useDurableTaskScheduler = durableStorageProvider == 'durableTaskScheduler'
var cosmosDatabaseName = 'lawful-requests'
var functionAppName = 'func-${resourceToken}'
var durableTaskHub = 'LawfulRequests'
// Secrets the deployment generates once (32 random bytes, base64) and never replaces.
var generatedSecretNames = ['review-token-key', 'staff-session-key']

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

module network 'modules/network.bicep' = if (privateNetworking) {
  name: 'network'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    vnetName: 'vnet-${resourceToken}'
  }
}

module hostStorage 'modules/host-storage.bicep' = {
  name: 'host-storage'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    storageAccountName: 'sth${resourceToken}'
    skuName: storageSku
    privateNetworking: privateNetworking
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    storageAccountName: 'st${resourceToken}'
    skuName: storageSku
    deploymentContainerName: 'app-package-${resourceToken}'
    privateNetworking: privateNetworking
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
    privateNetworking: privateNetworking
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
    privateNetworking: privateNetworking
  }
}

module privateEndpoints 'modules/private-endpoints.bicep' = if (privateNetworking) {
  name: 'private-endpoints'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    vnetId: privateNetworking ? network.outputs.vnetId : ''
    endpointSubnetId: privateNetworking ? network.outputs.endpointSubnetId : ''
    hostStorageId: hostStorage.outputs.id
    dataStorageId: storage.outputs.id
    cosmosAccountId: cosmos.outputs.id
    vaultId: keyVault.outputs.id
  }
}

module secretSeed 'modules/secret-seed.bicep' = {
  name: 'secret-seed'
  scope: resourceGroup
  dependsOn: [privateEndpoints]
  params: {
    location: location
    tags: tags
    vaultName: keyVault.outputs.name
    identityName: 'id-seed-${resourceToken}'
    secretNames: generatedSecretNames
    privateNetworking: privateNetworking
    scriptSubnetId: privateNetworking ? network.outputs.scriptSubnetId : ''
    scriptStorageAccountName: 'stscr${resourceToken}'
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

module durableTaskScheduler 'modules/durable-task-scheduler.bicep' = if (useDurableTaskScheduler) {
  name: 'durable-task-scheduler'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    schedulerName: 'dts-${resourceToken}'
    skuName: durableTaskSchedulerSku
    taskHubName: durableTaskHub
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
    deploymentIdentityName: 'id-deploy-${resourceToken}'
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    appSubnetId: privateNetworking ? network.outputs.appSubnetId : ''
    hostStorageAccountName: hostStorage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabaseName: cosmos.outputs.databaseName
    durableTaskHub: durableTaskHub
    durableTaskSchedulerEndpoint: useDurableTaskScheduler ? durableTaskScheduler.outputs.endpoint : ''
    publicBaseUrl: publicBaseUrl
    providerLegalNames: providerLegalNames
    dataAccessAgreements: dataAccessAgreements
    reviewersPrimary: reviewersPrimary
    reviewersEscalation: reviewersEscalation
    staffOidcIssuer: empty(staffOidcIssuer) ? '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0' : staffOidcIssuer
    staffOidcClientId: staffOidcClientId
    staffAdmins: staffAdmins
    customerDataSource: customerDataSource
    customerDataCollectorUrl: customerDataCollectorUrl
    customerDataCollectorAudience: customerDataCollectorAudience
    noticeContactEmail: noticeContactEmail
    noticeContactUrl: noticeContactUrl
    mailTransport: mailTransport
    mailFrom: useAcs && empty(mailFrom) ? communication.outputs.senderAddress : mailFrom
    acsEmailEndpoint: useAcs ? communication.outputs.endpoint : ''
    smtpHost: useAcs ? '' : smtpHost
    smtpPort: smtpPort
    smtpUser: useAcs ? '' : smtpUser
    smtpRequireTls: 'true'
    teamsTransport: teamsTransport
    keyVaultUrl: keyVault.outputs.uri
    packageKekName: keyVault.outputs.packageKekName
    signingKeyName: keyVault.outputs.signingKeyName
    transparencyFirstPeriod: transparencyFirstPeriod
  }
}

module access 'modules/access.bicep' = {
  name: 'access'
  scope: resourceGroup
  params: {
    appPrincipalId: functionApp.outputs.principalId
    deploymentPrincipalId: functionApp.outputs.deploymentPrincipalId
    hostStorageAccountName: hostStorage.outputs.name
    grantDurableQueuesAndTables: !useDurableTaskScheduler
    dataStorageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    cosmosAccountName: cosmos.outputs.accountName
    cosmosDatabaseName: cosmos.outputs.databaseName
    vaultName: keyVault.outputs.name
    packageKekName: keyVault.outputs.packageKekName
    signingKeyName: keyVault.outputs.signingKeyName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    grantEmailSender: useAcs
    communicationServiceName: useAcs ? communication.outputs.name : 'none'
    grantDurableTaskScheduler: useDurableTaskScheduler
    durableTaskSchedulerName: useDurableTaskScheduler ? durableTaskScheduler.outputs.name : 'none'
    durableTaskHubName: durableTaskHub
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
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_HOST_STORAGE_ACCOUNT_NAME string = hostStorage.outputs.name
output AZURE_ACS_EMAIL_ENDPOINT string = useAcs ? communication.outputs.endpoint : ''
output AZURE_DURABLE_TASK_SCHEDULER_ENDPOINT string = useDurableTaskScheduler ? durableTaskScheduler.outputs.endpoint : ''
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
