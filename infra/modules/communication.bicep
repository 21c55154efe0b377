// Azure Communication Services Email with an Azure-managed sender domain (DoNotReply@<id>.azurecomm.net).
// Deployed only for MAIL_TRANSPORT=acs; docs/deploy.md tells how to use your own domain instead.

param tags object
param communicationServiceName string
param emailServiceName string
@description('Where ACS keeps its data at rest, e.g. United States, Europe, UK.')
param dataLocation string

resource emailService 'Microsoft.Communication/emailServices@2023-04-01' = {
  name: emailServiceName
  location: 'global'
  tags: tags
  properties: { dataLocation: dataLocation }
}

resource managedDomain 'Microsoft.Communication/emailServices/domains@2023-04-01' = {
  parent: emailService
  name: 'AzureManagedDomain'
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'AzureManaged'
    // No engagement tracking: links in review mails must reach the app unchanged.
    userEngagementTracking: 'Disabled'
  }
}

resource communicationService 'Microsoft.Communication/communicationServices@2023-04-01' = {
  name: communicationServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    linkedDomains: [managedDomain.id]
  }
}

output name string = communicationService.name
output endpoint string = 'https://${communicationService.properties.hostName}/'
output senderAddress string = 'DoNotReply@${managedDomain.properties.mailFromSenderDomain}'
