import { fault } from '../../sources/source-fault.js';
import { type FlagConfig, type FlagConfigShape, flagConfigSchema, flagInputs } from './flag-config.js';
import type { FlagService, FlagServiceKind } from './flag-service.js';

// Placeholder: the LaunchDarkly service is being written.
const shape: FlagConfigShape = {
  title: 'LaunchDarkly',
  token: 'an API access token with the Writer role',
  defaultApiUrl: 'https://app.launchdarkly.com',
  project: { need: 'required', what: 'the project key' },
  environment: { need: 'required', what: 'the environment key (production)' },
};

export const launchDarklyService: FlagServiceKind<FlagConfig> = {
  kind: 'launchdarkly',
  title: 'LaunchDarkly',
  inputs: flagInputs(shape),
  schema: flagConfigSchema(shape),
  create: (config): FlagService => {
    const missing = async () => fault('config', 'LaunchDarkly flags are not supported yet');
    return { kind: 'launchdarkly', describe: () => `LaunchDarkly flag ${config.flag}`, read: missing, setPercentage: missing, turnOff: missing };
  },
};
