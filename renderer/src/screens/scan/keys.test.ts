import { describe, expect, it } from 'vitest';
import { panelAction } from './keys.js';

const key = (k: string, code: string, mods: { ctrl?: boolean; shift?: boolean; alt?: boolean } = {}) => ({ key: k, code, ctrlKey: mods.ctrl ?? false, shiftKey: mods.shift ?? false, altKey: mods.alt ?? false, metaKey: false });

describe('scan panel keys', () => {
  it('letters by their physical key (the same with a Chinese IME)', () => {
    expect(panelAction(key('s', 'KeyS'), false)).toEqual({ type: 'scan' });
    expect(panelAction(key('Process', 'KeyN'), false)).toEqual({ type: 'next' });
    expect(panelAction(key('i', 'KeyI'), false)).toEqual({ type: 'import' });
    expect(panelAction(key('c', 'KeyC'), false)).toEqual({ type: 'camera' });
    expect(panelAction(key('R', 'KeyR', { shift: true }), true)).toEqual({ type: 'rotate', by: 270 });
    expect(panelAction(key('x', 'KeyX'), true)).toEqual({ type: 'exclude' });
  });

  it('arrows move the choice, Ctrl+arrows move the page, digits assign', () => {
    expect(panelAction(key('ArrowRight', 'ArrowRight'), true)).toEqual({ type: 'cursor', delta: 1, extend: false, rows: false });
    expect(panelAction(key('ArrowUp', 'ArrowUp', { shift: true }), true)).toEqual({ type: 'cursor', delta: -1, extend: true, rows: true });
    expect(panelAction(key('ArrowLeft', 'ArrowLeft', { ctrl: true }), true)).toEqual({ type: 'move', delta: -1 });
    expect(panelAction(key('3', 'Digit3'), true)).toEqual({ type: 'assign', number: 3 });
    expect(panelAction(key('0', 'Numpad0'), true)).toEqual({ type: 'assign', number: 0 });
  });

  it('leaves alone what belongs to others: Alt (the app), Ctrl+Enter (the intake), Enter and Space on a button', () => {
    expect(panelAction(key('1', 'Digit1', { alt: true }), true)).toBeNull();
    expect(panelAction(key('Enter', 'Enter', { ctrl: true }), true)).toBeNull();
    expect(panelAction(key('Enter', 'Enter'), false)).toBeNull();
    expect(panelAction(key(' ', 'Space'), false)).toBeNull();
    expect(panelAction(key('s', 'KeyS', { ctrl: true }), false)).toBeNull();
    expect(panelAction(key('Enter', 'Enter'), true)).toEqual({ type: 'preview' });
  });
});
