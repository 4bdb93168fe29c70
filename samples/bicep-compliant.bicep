// A subscription deployment: the Defender for Containers plan, a resource group, and the AKS landing zone in it
// (a local module: its resources are analysed with the values this file passes).
targetScope = 'subscription'

param location string = 'westeurope'

resource containersPricing 'Microsoft.Security/pricings@2024-01-01' = {
  name: 'Containers'
  properties: {
    pricingTier: 'Standard'
    extensions: [
      {
        name: 'ContainerRegistriesVulnerabilityAssessments'
        isEnabled: 'True'
      }
      {
        name: 'AgentlessDiscoveryForKubernetes'
        isEnabled: 'True'
      }
      {
        name: 'ContainerSensor'
        isEnabled: 'True'
      }
    ]
  }
}

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-aks'
  location: location
}

module landingZone './bicep-modules/landing-zone.bicep' = {
  name: 'aks-landing-zone'
  scope: rg
  params: {
    location: location
  }
}
