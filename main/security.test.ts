import { describe, expect, it } from 'vitest';
import { isPermissionAllowed } from './security.js';

const APP = 'app://onewindow';

describe('window permissions (Electron; tested as a plain function since the binary cannot run here)', () => {
  it('allows the camera for the app itself, video only', () => {
    expect(isPermissionAllowed('media', `${APP}/index.html`, APP, { mediaTypes: ['video'] })).toBe(true);
    expect(isPermissionAllowed('media', APP, APP, { mediaType: 'video' })).toBe(true);
  });

  it('refuses the microphone, other origins, other permissions and requests that name no media', () => {
    expect(isPermissionAllowed('media', `${APP}/index.html`, APP, { mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(isPermissionAllowed('media', `${APP}/index.html`, APP, { mediaType: 'audio' })).toBe(false);
    expect(isPermissionAllowed('media', 'https://evil.example/', APP, { mediaTypes: ['video'] })).toBe(false);
    expect(isPermissionAllowed('media', 'app://onewindow.evil/', APP, { mediaTypes: ['video'] })).toBe(false);
    expect(isPermissionAllowed('notifications', `${APP}/index.html`, APP)).toBe(false);
    expect(isPermissionAllowed('media', `${APP}/index.html`, APP)).toBe(false);
  });
});
