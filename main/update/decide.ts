import { gt, prerelease } from 'semver';
import { installerFor, type ManifestFile, type PackageKind, type UpdateManifest } from './manifest.js';

/**
 * Whether this machine takes the release a manifest describes. electron-updater makes the same
 * decision again when it downloads (main/electron/updates.ts gives it these functions), so there is
 * one rule, tested here without Electron.
 */
export type UpdateDecision =
  | { take: true; version: string; file: ManifestFile }
  | { take: false; why: 'not_newer' | 'prerelease' | 'staged_out' | 'no_installer' };

export interface DecisionInput {
  current: string;
  manifest: UpdateManifest;
  /** This installation's rollout id (staging-id.ts). */
  stagingId: string;
  kind: PackageKind;
}

export function decideUpdate({ current, manifest, stagingId, kind }: DecisionInput): UpdateDecision {
  if (!gt(manifest.version, current)) return { take: false, why: 'not_newer' };
  // A stable installation never moves to a pre-release (electron-updater's allowPrerelease default).
  if (prerelease(manifest.version) && !prerelease(current)) return { take: false, why: 'prerelease' };
  if (!inRollout(stagingId, manifest.stagingPercentage)) return { take: false, why: 'staged_out' };
  const file = installerFor(manifest, kind);
  if (!file) return { take: false, why: 'no_installer' };
  return { take: true, version: manifest.version, file };
}

/**
 * Where an installation stands in a staged rollout, in [0, 1]: bytes 12–15 of its UUID as an
 * unsigned number over 0xffffffff, exactly electron-updater's AppUpdater.isStagingMatch, so an
 * installation in the first 10 % stays in as the percentage grows.
 */
export function rolloutPosition(stagingId: string): number {
  const hex = stagingId.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error('a staging id is a UUID');
  return Number.parseInt(hex.slice(24, 32), 16) / 0xffffffff;
}

/** No percentage: everyone. Otherwise those whose position is below it. */
export function inRollout(stagingId: string, stagingPercentage: number | undefined): boolean {
  if (stagingPercentage === undefined) return true;
  return rolloutPosition(stagingId) < stagingPercentage / 100;
}
