// The hosts this page may connect to besides its own origin: a model hub or mirror, a vector
// database. The page's connect-src is set from them when it starts (core/csp.ts); allowing one more
// is the user's choice, saved here, and takes a reload, after which the step that needed it runs.
import { allows, connectPolicy, hostOrigin, HUB_ORIGINS, parseAllowedHosts } from '../core/csp';
import type { ModelSource } from '../core/models';
import type { SnapshotLab } from '../core/snapshot/codec';
import type { Connection } from '../core/vectorDb/database';
import { useOrreryStore } from './store';

const HOSTS_KEY = 'orrery.allowedHosts';
const AFTER_RELOAD_KEY = 'orrery.afterReload';

/** The step to take once the page has reloaded with a new host allowed. */
export type AfterReload = { kind: 'connect-db'; connection: Connection } | { kind: 'model'; source: ModelSource } | { kind: 'lab'; lab: SnapshotLab };

function stored(): string[] {
  try {
    return parseAllowedHosts(localStorage.getItem(HOSTS_KEY));
  } catch {
    return [];
  }
}

/** The hosts the page's policy was set with when it started. */
let inForce: string[] = [];
/** What must be written before the page reloads (the workspace's saves: persist.ts sets it). */
let beforeReload: () => Promise<void> = () => Promise.resolve();

export function setBeforeReload(wait: () => Promise<void>): void {
  beforeReload = wait;
}

/** The hosts a model comes from: its mirror, or the Hub and its file hosts (none for the built-in model). */
export function modelOrigins(source: ModelSource): string[] {
  if (source.model.builtIn) return [];
  return source.remoteHost ? [hostOrigin(source.remoteHost)] : HUB_ORIGINS;
}

/** Sets connect-src for this page and every worker it starts; before anything connects. */
export function installConnectPolicy(): void {
  inForce = stored();
  const meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = connectPolicy(inForce);
  document.head.prepend(meta);
}

export const allowedHosts = (): readonly string[] => inForce;

/** The origins (of those given) that this page may not connect to yet. */
export function notYetAllowed(origins: string[]): string[] {
  return origins.filter((origin) => !allows(inForce, origin));
}

/** Says which hosts a step needs, and offers to allow them: saved, then the page reloads and the step runs. */
export function askToAllow(origins: string[], purpose: string, then?: AfterReload): void {
  const list = origins.join(' and ');
  useOrreryStore
    .getState()
    .notify(
      'error',
      `To ${purpose}, this page must connect to ${list}. Orrery's Content-Security-Policy lets it reach only its own origin and the hosts you allow. Allowing a host reloads the page (the workspace is kept) and then carries on.`,
      { label: `Allow ${origins[0]}${origins.length > 1 ? ' and its file hosts' : ''}`, run: () => void allowAndReload(origins, then) },
    );
}

/** `then`: the step to take after the reload, unless the page's address takes it anyway (a #url= link). */
async function allowAndReload(origins: string[], then?: AfterReload): Promise<void> {
  try {
    localStorage.setItem(HOSTS_KEY, JSON.stringify([...new Set([...stored(), ...origins])]));
    if (then) sessionStorage.setItem(AFTER_RELOAD_KEY, JSON.stringify(then));
  } catch (error) {
    useOrreryStore.getState().notify('error', `The allowed hosts could not be saved in this browser (${(error as Error).message}).`);
    return;
  }
  await beforeReload();
  location.reload();
}

/** Forgets every allowed host; the page reloads so that its policy is back to its own origin only. */
export async function forgetAllowedHosts(): Promise<void> {
  try {
    localStorage.removeItem(HOSTS_KEY);
  } catch {
    // storage refused: nothing was saved either
  }
  await beforeReload();
  location.reload();
}

/** The step a reload was for, once (null when none, or when what was saved is not one). */
export function takeAfterReload(): AfterReload | null {
  let value: unknown;
  try {
    value = JSON.parse(sessionStorage.getItem(AFTER_RELOAD_KEY) ?? 'null');
    sessionStorage.removeItem(AFTER_RELOAD_KEY);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const step = value as Partial<AfterReload> & Record<string, unknown>;
  if (step.kind === 'connect-db' && typeof step.connection === 'object' && step.connection !== null && typeof (step.connection as Connection).url === 'string')
    return step as AfterReload;
  if (step.kind === 'model' && typeof step.source === 'object' && step.source !== null && typeof (step.source as ModelSource).model?.id === 'string')
    return step as AfterReload;
  if (step.kind === 'lab' && typeof step.lab === 'object' && step.lab !== null && typeof (step.lab as SnapshotLab).recipe?.model === 'string')
    return step as AfterReload;
  return null;
}
