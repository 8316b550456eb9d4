import { fault } from '../../sources/source-fault.js';
import { type FlagConfig, type FlagConfigShape, flagConfigSchema, flagInputs } from './flag-config.js';
import type { FlagService, FlagServiceKind } from './flag-service.js';

// Placeholder: the PostHog service is being written.
const shape: FlagConfigShape = {
  title: 'PostHog',
  token: 'a personal API key with feature_flag:write',
  defaultApiUrl: 'https://us.posthog.com',
  project: { need: 'required', what: 'the project id (Project Settings)' },
  environment: { need: 'none' },
};

export const postHogService: FlagServiceKind<FlagConfig> = {
  kind: 'posthog',
  title: 'PostHog',
  inputs: flagInputs(shape),
  schema: flagConfigSchema(shape),
  create: (config): FlagService => {
    const missing = async () => fault('config', 'PostHog flags are not supported yet');
    return { kind: 'posthog', describe: () => `PostHog flag ${config.flag}`, read: missing, setPercentage: missing, turnOff: missing };
  },
};
