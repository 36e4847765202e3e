import { describe, expect, it } from 'vitest';
import { needsSecondReviewer } from './policy';

const failBefore = { conclusion: false, facialCheck: false };
const passBefore = { conclusion: true, facialCheck: true };

describe('needsSecondReviewer', () => {
  it('off never asks for a second reviewer', () => {
    expect(needsSecondReviewer('off', false, failBefore, { conclusion: true, facialCheck: true })).toBe(false);
  });

  it('all always asks, even for a pass → fail override', () => {
    expect(needsSecondReviewer('all', true, passBefore, { conclusion: false, facialCheck: false })).toBe(true);
  });

  describe('risky', () => {
    it('asks when a Pass is set where the machine said Fail', () => {
      expect(needsSecondReviewer('risky', false, failBefore, { conclusion: true, facialCheck: false })).toBe(true);
      expect(needsSecondReviewer('risky', false, { conclusion: true, facialCheck: false }, { conclusion: true, facialCheck: true })).toBe(true);
    });

    it('does not ask for lowering one field while the other keeps its Pass', () => {
      expect(needsSecondReviewer('risky', false, { conclusion: true, facialCheck: true }, { conclusion: false, facialCheck: true })).toBe(false);
    });

    it('asks when either field is raised from Fail to Pass, whatever the machine said', () => {
      expect(needsSecondReviewer('risky', true, { conclusion: true, facialCheck: false }, { conclusion: true, facialCheck: true })).toBe(true);
      expect(needsSecondReviewer('risky', true, { conclusion: false, facialCheck: true }, { conclusion: true, facialCheck: true })).toBe(true);
    });

    it('does not ask for lowering to Fail or keeping a machine Pass', () => {
      expect(needsSecondReviewer('risky', true, passBefore, { conclusion: false, facialCheck: false })).toBe(false);
      expect(needsSecondReviewer('risky', false, failBefore, { conclusion: false, facialCheck: false })).toBe(false);
      expect(needsSecondReviewer('risky', true, passBefore, { conclusion: true, facialCheck: true })).toBe(false);
    });

    it('a document with no machine result: setting Pass needs a second reviewer, setting Fail does not', () => {
      const none = { conclusion: undefined, facialCheck: undefined };
      expect(needsSecondReviewer('risky', undefined, none, { conclusion: true, facialCheck: false })).toBe(true);
      expect(needsSecondReviewer('risky', undefined, none, { conclusion: false, facialCheck: false })).toBe(false);
    });
  });
});
