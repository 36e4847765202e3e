import { afterEach, describe, expect, it, vi } from 'vitest';
import { TEST_CONFIG } from '@/testing/artemis';

const env = { demoMode: true, artemis: TEST_CONFIG, logLevel: 'silent' };
vi.mock('@/lib/env', () => ({ getEnv: () => env }));

const { getArtemis, markArtemisReady, setArtemisReadyHook } = await import('./index');

afterEach(() => {
  globalThis.__artemisClient = undefined;
  globalThis.__artemisReady = undefined;
  env.demoMode = true;
});

describe('getArtemis', () => {
  it('is one process-wide client stored on globalThis', async () => {
    const a = await getArtemis();
    const b = await getArtemis();
    expect(a).toBe(b);
    expect(globalThis.__artemisClient).toBe(a);
  });

  it('waits for the sandbox-ready hook in demo mode', async () => {
    let release!: () => void;
    setArtemisReadyHook(new Promise<void>((r) => (release = r)));
    let settled = false;
    const pending = getArtemis().then((c) => {
      settled = true;
      return c;
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(settled).toBe(false);
    release();
    await expect(pending).resolves.toHaveProperty('getDocument');
    expect(markArtemisReady).toBe(setArtemisReadyHook);
  });

  it('does not wait for the hook outside demo mode', async () => {
    env.demoMode = false;
    setArtemisReadyHook(new Promise<void>(() => {}));
    await expect(getArtemis()).resolves.toHaveProperty('putLiveness');
  });
});
