import { fault } from '../../sources/source-fault.js';
import { type FlagConfig, type FlagConfigShape, flagConfigSchema, flagInputs } from './flag-config.js';
import type { FlagService, FlagServiceKind } from './flag-service.js';

// Placeholder: the Unleash service is being written.
const shape: FlagConfigShape = {
  title: 'Unleash',
  token: 'an admin or personal access token',
  defaultApiUrl: null,
  project: { need: 'default', value: 'default', what: 'the project id' },
  environment: { need: 'required', what: 'the environment name (production)' },
};

export const unleashService: FlagServiceKind<FlagConfig> = {
  kind: 'unleash',
  title: 'Unleash',
  inputs: flagInputs(shape),
  schema: flagConfigSchema(shape),
  create: (config): FlagService => {
    const missing = async () => fault('config', 'Unleash flags are not supported yet');
    return { kind: 'unleash', describe: () => `Unleash flag ${config.flag}`, read: missing, setPercentage: missing, turnOff: missing };
  },
};
