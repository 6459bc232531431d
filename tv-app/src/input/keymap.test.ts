import { describe, expect, it } from 'vitest';
import { blitsKeymap, remoteKeyOfEvent } from './keymap.ts';

describe('remote key map', () => {
  it('maps the keyboard, as the bridge contract says', () => {
    expect(remoteKeyOfEvent({ key: 'Enter', keyCode: 13 })).toBe('ok');
    expect(remoteKeyOfEvent({ key: 'Backspace', keyCode: 8 })).toBe('back');
    expect(remoteKeyOfEvent({ key: '7', keyCode: 55 })).toBe('7');
    expect(remoteKeyOfEvent({ key: 'F3', keyCode: 114 })).toBe('yellow');
  });

  it('maps set-top box key codes when the browser gives no usable key', () => {
    expect(remoteKeyOfEvent({ key: 'Unidentified', keyCode: 403 })).toBe('red');
    expect(remoteKeyOfEvent({ key: 'Unidentified', keyCode: 10009 })).toBe('back');
    expect(remoteKeyOfEvent({ key: 'Unidentified', keyCode: 100 })).toBe('4');
    expect(remoteKeyOfEvent({ key: 'Unidentified', keyCode: 65 })).toBeUndefined();
  });

  it('gives Blits the remote key names for keys and key codes', () => {
    expect(blitsKeymap.ColorF1Green).toBe('green');
    expect(blitsKeymap[13]).toBe('ok');
    expect(blitsKeymap[406]).toBe('blue');
  });
});
