import { flagsmithService } from './flagsmith.js';
import type { FlagServiceKind } from './flag-service.js';
import { launchDarklyService } from './launchdarkly.js';
import { postHogService } from './posthog.js';
import { unleashService } from './unleash.js';

/** The only place flag services are listed: adding one is its file plus one line here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each service checks its own config type
export const FLAG_SERVICES: Record<string, FlagServiceKind<any>> = {
  [flagsmithService.kind]: flagsmithService,
  [postHogService.kind]: postHogService,
  [unleashService.kind]: unleashService,
  [launchDarklyService.kind]: launchDarklyService,
};

export const FLAG_SERVICE_KINDS: readonly string[] = Object.keys(FLAG_SERVICES);
