import { describe, expect, it } from 'vitest';
import { fitProfile, modeChoices, resolutionChoices, sameProfile, sourceChoices } from './profile.js';
import type { Capabilities } from './types.js';

/** SANE's test backend: 1..1200 dpi in steps of 1, grey and colour, glass and feeder, on the glass now. */
const TEST_BACKEND: Capabilities = { resolutions: { kind: 'range', min: 1, max: 1200, step: 1 }, modes: ['gray', 'color'], sources: ['flatbed', 'feeder'], defaults: { resolution: 75, mode: 'gray', source: 'flatbed' } };
const LISTED: Capabilities = { resolutions: { kind: 'list', values: [75, 150, 300, 600] }, modes: ['color', 'lineart'], sources: [], defaults: {} };
const device = { driver: 'sane' as const, id: 'test:0' };

describe('scan profile fitted to a device', () => {
  it('offers a counter a handful of resolutions from a range, and a listed device its own', () => {
    expect(resolutionChoices(TEST_BACKEND)).toEqual([50, 75, 100, 150, 200, 240, 300, 400, 600, 1200]);
    expect(resolutionChoices({ ...TEST_BACKEND, resolutions: { kind: 'range', min: 100, max: 600, step: 100 } })).toEqual([100, 200, 300, 400, 600]);
    expect(resolutionChoices(TEST_BACKEND, 250)).toContain(250); // a saved odd value stays choosable
    expect(resolutionChoices(LISTED)).toEqual([75, 150, 300, 600]);
  });

  it('a device that names no source is a flatbed; one that names no mode may use any', () => {
    expect(sourceChoices(LISTED)).toEqual(['flatbed']);
    expect(modeChoices({ ...LISTED, modes: [] })).toEqual(['color', 'gray', 'lineart']);
  });

  it('keeps the wished settings the device offers, else takes its defaults, else the nearest', () => {
    expect(fitProfile(device, TEST_BACKEND, { resolution: 50, mode: 'gray', source: 'feeder' })).toEqual({ driver: 'sane', device: 'test:0', resolution: 50, mode: 'gray', source: 'feeder' });
    expect(fitProfile(device, TEST_BACKEND, {})).toMatchObject({ resolution: 75, mode: 'gray', source: 'flatbed' });
    expect(fitProfile(device, LISTED, { resolution: 200, mode: 'gray', source: 'duplex' })).toMatchObject({ resolution: 300, mode: 'color', source: 'flatbed' });
  });

  it('compares profiles field by field', () => {
    const p = fitProfile(device, TEST_BACKEND, {});
    expect(sameProfile(p, { ...p })).toBe(true);
    expect(sameProfile(p, { ...p, resolution: 300 })).toBe(false);
    expect(sameProfile(p, null)).toBe(false);
  });
});
