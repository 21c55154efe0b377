// Durable Task Scheduler (main.bicep `durableStorageProvider: 'durableTaskScheduler'`), Microsoft's recommended
// Durable Functions storage provider for new apps: a scheduler and the app's task hub. The app reaches it with its
// managed identity (Durable Task Data Contributor on the task hub, access.bicep).

param location string
param tags object
param schedulerName string
@allowed(['Consumption', 'Dedicated'])
param skuName string
@description('The task hub; the same name as DURABLE_TASK_HUB, which host.json reads as the hub name.')
param taskHubName string

resource scheduler 'Microsoft.DurableTask/schedulers@2025-11-01' = {
  name: schedulerName
  location: location
  tags: tags
  properties: {
    sku: skuName == 'Dedicated' ? { name: 'Dedicated', capacity: 1 } : { name: 'Consumption' }
    // An empty list denies every caller; access is decided by Entra ID roles, not by address.
    ipAllowlist: ['0.0.0.0/0']
  }
}

resource taskHub 'Microsoft.DurableTask/schedulers/taskHubs@2025-11-01' = {
  parent: scheduler
  name: taskHubName
}

output name string = scheduler.name
output endpoint string = scheduler.properties.endpoint
output taskHubName string = taskHub.name
