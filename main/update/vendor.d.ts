// js-yaml and semver ship no types and their @types packages are not installed; these are the few
// functions main/update uses, typed as their documentation states (js-yaml 4, semver 7).
declare module 'js-yaml' {
  export const JSON_SCHEMA: object;
  export function load(text: string, options?: { schema?: object; json?: boolean; filename?: string }): unknown;
}

declare module 'semver' {
  export function valid(version: string): string | null;
  export function gt(a: string, b: string): boolean;
  export function prerelease(version: string): ReadonlyArray<string | number> | null;
}
