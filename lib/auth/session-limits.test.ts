import { describe, expect, it } from 'vitest';
import { sessionAlive } from './session-limits';

const limits = { idleSeconds: 30 * 60, maxSeconds: 8 * 3600 };
const now = 1_800_000_000;

describe('sessionAlive', () => {
  it('keeps an active session within both limits', () => {
    expect(sessionAlive({ authTime: now - 3600, lastSeen: now - 60 }, limits, now)).toBe(true);
  });

  it('ends a session idle for more than the idle limit', () => {
    expect(sessionAlive({ authTime: now - 3600, lastSeen: now - 31 * 60 }, limits, now)).toBe(false);
  });

  it('ends a session older than the absolute limit however active it is', () => {
    expect(sessionAlive({ authTime: now - 8 * 3600 - 1, lastSeen: now - 5 }, limits, now)).toBe(false);
  });

  it('refuses tokens without times or from the future', () => {
    expect(sessionAlive({}, limits, now)).toBe(false);
    expect(sessionAlive({ authTime: String(now), lastSeen: now }, limits, now)).toBe(false);
    expect(sessionAlive({ authTime: now + 3600, lastSeen: now }, limits, now)).toBe(false);
  });
});
