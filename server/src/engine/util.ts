import { Lookup, viaText } from './model';

/** " (from parameter 'x')" when a value came through a parameter or variable, for messages (policy: model/provenance.ts). */
export function via(l: Lookup): string {
  return viaText(l);
}

/** Compares "1.30" style versions. */
export function versionAtLeast(version: string, min: string): boolean {
  // Rules ask this per container with the same few versions: remember the answers.
  const key = `${version}\u0000${min}`;
  let answer = VERSION_ANSWERS.get(key);
  if (answer === undefined) {
    const [a1, a2] = version.split('.').map((x) => Number(x) || 0);
    const [b1, b2] = min.split('.').map((x) => Number(x) || 0);
    answer = a1 > b1 || (a1 === b1 && a2 >= b2);
    if (VERSION_ANSWERS.size < 1000) VERSION_ANSWERS.set(key, answer);
  }
  return answer;
}
const VERSION_ANSWERS = new Map<string, boolean>();

/** Compares ARM API versions "2023-06-01" (a "-preview" suffix is ignored). */
export function apiVersionAtLeast(apiVersion: string | undefined, min: string): boolean | undefined {
  if (!apiVersion || !/^\d{4}-\d{2}-\d{2}/.test(apiVersion)) return undefined;
  return apiVersion.slice(0, 10) >= min;
}

/**
 * " API version X does not have <setting>: raise apiVersion to at least Y." for findings whose ARM fix is withheld
 * because the resource's apiVersion predates the property (AzureResource.fixWithinApiVersion); '' otherwise.
 */
export function apiVersionNote(apiVersion: string | undefined, needed: string | undefined, setting: string): string {
  return needed && apiVersion ? ` API version ${apiVersion} does not have ${setting}: raise apiVersion to at least ${needed}.` : '';
}
