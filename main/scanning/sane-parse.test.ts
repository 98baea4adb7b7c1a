import { describe, expect, it } from 'vitest';
import { capabilitiesFrom, mapModes, mapSources, parseAllOptions, parseDeviceList, parseProgressLine, scanimageMessages } from './sane-parse.js';

/** The head of `scanimage -d test:0 -A` (sane-backends 1.2.1, Debian 12), as printed. */
const TEST_BACKEND = `
All options specific to device \`test:0':
  Scan Mode:
    --mode Gray|Color [Gray]
        Selects the scan mode (e.g., lineart, monochrome, or color).
    --depth 1|8|16 [8]
        Number of bits per sample, typical values are 1 for "line-art" and 8
        for multibit scans.
    --hand-scanner[=(yes|no)] [no]
        Simulate a hand-scanner.  Hand-scanners do not know the image height a
        priori.
    --three-pass[=(yes|no)] [inactive]
        Simulate a three-pass scanner. In color mode, three frames are
        transmitted.
    --resolution 1..1200dpi (in steps of 1) [50]
        Sets the resolution of the scanned image.
    --source Flatbed|Automatic Document Feeder [Flatbed]
        If Automatic Document Feeder is selected, the feeder will be 'empty'
        after 10 scans.
  Special Options:
    --test-picture Solid black|Solid white|Color pattern|Grid [Solid black]
        Select the kind of test picture. Available options:
    --read-limit-size 1..65536 (in steps of 1) [inactive]
        The (maximum) amount of data transferred with each call to
    --print-options
        Print a list of all options.
  Geometry:
    -l 0..200mm (in steps of 1) [0]
        Top-left x position of scan area.
    --int <int> [inactive]
        (1/7) Int test option with no unit and no constraint set.
    --red-gamma-table 0..255,... (in steps of 1) [advanced]
        Gamma-correction table for the red band.
`;

describe('scanimage -A', () => {
  it('reads the options of the test backend: choices, ranges, units, current values', () => {
    const o = parseAllOptions(TEST_BACKEND);
    expect(o.get('mode')).toEqual({ name: 'mode', values: ['Gray', 'Color'], range: null, unit: '', current: 'Gray', inactive: false });
    expect(o.get('depth')).toMatchObject({ values: ['1', '8', '16'], current: '8' });
    expect(o.get('resolution')).toEqual({ name: 'resolution', values: null, range: { min: 1, max: 1200, step: 1 }, unit: 'dpi', current: '50', inactive: false });
    expect(o.get('source')).toMatchObject({ values: ['Flatbed', 'Automatic Document Feeder'], current: 'Flatbed' });
    expect(o.get('test-picture')?.values).toEqual(['Solid black', 'Solid white', 'Color pattern', 'Grid']);
    expect(o.get('three-pass')).toMatchObject({ inactive: true });
    expect(o.get('hand-scanner')).toMatchObject({ current: 'no' });
    expect(o.get('l')).toMatchObject({ range: { min: 0, max: 200, step: 1 }, unit: 'mm' });
    expect(o.get('int')).toMatchObject({ values: null, range: null, inactive: true });
    expect(o.get('red-gamma-table')).toMatchObject({ range: { min: 0, max: 255, step: 1 } });
    expect(o.has('print-options')).toBe(true);
    // Description lines are not options, even when they contain words like "--".
    expect([...o.keys()].every((k) => /^[a-z0-9-]+$/.test(k))).toBe(true);
  });

  it('turns them into capabilities with our names and the device names', () => {
    const caps = capabilitiesFrom('test:0', parseAllOptions(TEST_BACKEND));
    expect(caps).toEqual({
      device: 'test:0',
      resolutions: { kind: 'range', min: 1, max: 1200, step: 1 },
      modes: ['gray', 'color'],
      sources: ['flatbed', 'feeder'],
      defaults: { resolution: 50, mode: 'gray', source: 'flatbed' },
      deviceNames: { modes: { color: 'Color', gray: 'Gray' }, sources: { flatbed: 'Flatbed', feeder: 'Automatic Document Feeder' } },
    });
  });

  it('reads a resolution list with its unit on the last value, and the current value of a long mode list', () => {
    const o = parseAllOptions(
      [
        '    --resolution 75|150|300|600|1200dpi [300]',
        '    --mode Black & White|Gray[Error Diffusion]|True Gray|24bit Color[Fast]|24bit Color [24bit Color[Fast]]',
        '    --source FlatBed|Automatic Document Feeder(left aligned)|Automatic Document Feeder(left aligned,Duplex) [FlatBed]',
      ].join('\n'),
    );
    const caps = capabilitiesFrom('brother4:net1;dev0', o);
    expect(caps.resolutions).toEqual({ kind: 'list', values: [75, 150, 300, 600, 1200] });
    expect(caps.deviceNames.modes).toEqual({ color: '24bit Color', gray: 'True Gray', lineart: 'Black & White' });
    expect(caps.modes).toEqual(['lineart', 'gray', 'color']);
    expect(caps.deviceNames.sources).toEqual({ flatbed: 'FlatBed', feeder: 'Automatic Document Feeder(left aligned)', duplex: 'Automatic Document Feeder(left aligned,Duplex)' });
    expect(caps.defaults).toEqual({ resolution: 300, source: 'flatbed' }); // the current mode (Fast) is not the one we map to
  });

  it('maps the words of common backends', () => {
    expect(mapModes(['Lineart', 'Halftone', 'Gray', 'Color'])).toEqual({ color: 'Color', gray: 'Gray', lineart: 'Lineart' });
    expect(mapModes(['Binary', 'Gray', 'Color'])).toEqual({ color: 'Color', gray: 'Gray', lineart: 'Binary' });
    expect(mapModes(['Halftone', 'Color'])).toEqual({ color: 'Color', lineart: 'Halftone' });
    expect(mapSources(['ADF Front', 'ADF Back', 'ADF Duplex'])).toEqual({ duplex: 'ADF Duplex', feeder: 'ADF Front' });
    expect(mapSources(['ADF Back'])).toEqual({});
    expect(mapSources(['Flatbed', 'ADF', 'Duplex'])).toEqual({ flatbed: 'Flatbed', feeder: 'ADF', duplex: 'Duplex' });
    expect(mapSources(['Platen', 'Feeder'])).toEqual({ flatbed: 'Platen', feeder: 'Feeder' });
  });

  it('gives no sources and no modes for a device without those options', () => {
    const caps = capabilitiesFrom('v4l:/dev/video0', parseAllOptions('    --resolution 50..600dpi [100]\n'));
    expect({ modes: caps.modes, sources: caps.sources, res: caps.resolutions }).toEqual({ modes: [], sources: [], res: { kind: 'range', min: 50, max: 600, step: 0 } });
  });
});

describe('scanimage -f and stderr', () => {
  it('lists devices from the tab-separated format, names with colons and spaces kept whole', () => {
    const text = 'test:0\tNoname\tfrontend-tester\tvirtual device\nairscan:e0:Canon TS5300 series\tCanon\tTS5300 series\teSCL network scanner\ntest:0\tNoname\tfrontend-tester\tvirtual device\n\n';
    expect(parseDeviceList(text)).toEqual([
      { id: 'test:0', vendor: 'Noname', model: 'frontend-tester', type: 'virtual device', driver: 'sane' },
      { id: 'airscan:e0:Canon TS5300 series', vendor: 'Canon', model: 'TS5300 series', type: 'eSCL network scanner', driver: 'sane' },
    ]);
    expect(parseDeviceList('')).toEqual([]);
  });

  it('reads page starts and progress, and keeps scanimage’s own messages', () => {
    expect(parseProgressLine('Scanning page 11')).toEqual({ page: 11 });
    expect(parseProgressLine('Progress: 41.2%')).toEqual({ percent: 41.2 });
    expect(parseProgressLine('Scanned page 1. (scanner status = 5)')).toBeNull();
    const stderr = 'Scanning infinity pages, incrementing by 1, numbering from 1\rProgress: 10.0%\rScanning page 11\nscanimage: sane_start: Document feeder out of documents\nBatch terminated, 10 pages scanned\n';
    expect(scanimageMessages(stderr)).toEqual(['sane_start: Document feeder out of documents']);
  });
});
