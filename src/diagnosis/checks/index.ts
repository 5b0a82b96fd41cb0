import type { Check } from '../check.ts';
import { configError } from './config-error.ts';
import { containerCreating } from './container-creating.ts';
import { crashLoop } from './crash-loop.ts';
import { eventsAgedOut } from './events-aged-out.ts';
import { evicted } from './evicted.ts';
import { imagePull } from './image-pull.ts';
import { initContainers } from './init-containers.ts';
import { oomKilledCheck } from './oom-killed.ts';
import { podSecurity } from './pod-security.ts';
import { preempted } from './preempted.ts';
import { probes } from './probes.ts';
import { scheduling } from './scheduling.ts';

/** The checks every diagnosis runs, most decisive first. */
export const defaultChecks = [
  imagePull,
  crashLoop,
  oomKilledCheck,
  initContainers,
  configError,
  evicted,
  preempted,
  scheduling,
  containerCreating,
  probes,
  podSecurity,
] as const satisfies readonly Check[];

/** Runs after the others, and only when they found nothing: it explains an absence. */
export const fallbackChecks = [eventsAgedOut] as const satisfies readonly Check[];

export const allCheckNames: readonly string[] = [...defaultChecks, ...fallbackChecks].map((c) => c.name);
