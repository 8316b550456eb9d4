import { fault } from '../../sources/source-fault.js';
import { type FlagConfig, type FlagConfigShape, flagConfigSchema, flagInputs } from './flag-config.js';
import type { FlagService, FlagServiceKind } from './flag-service.js';

// Placeholder: the Flagsmith service is being written.
const shape: FlagConfigShape = {
  title: 'Flagsmith',
  token: 'an Admin API key (Organisation Settings → API Keys)',
  defaultApiUrl: 'https://api.flagsmith.com/api/v1',
  project: { need: 'none' },
  environment: { need: 'required', what: "the environment's API key (Environment Settings → Keys)" },
};

export const flagsmithService: FlagServiceKind<FlagConfig> = {
  kind: 'flagsmith',
  title: 'Flagsmith',
  inputs: flagInputs(shape),
  schema: flagConfigSchema(shape),
  create: (config): FlagService => {
    const missing = async () => fault('config', 'Flagsmith flags are not supported yet');
    return { kind: 'flagsmith', describe: () => `Flagsmith flag ${config.flag}`, read: missing, setPercentage: missing, turnOff: missing };
  },
};
