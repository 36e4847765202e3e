// What the console's demo mode takes from the sandbox (wired in by instrumentation.ts, so that
// nothing in lib/ imports the sandbox): the server, and the past caseload its trail is seeded from.
export { startSandbox } from './server';
export { caseloadEnd, pastCaseload } from './past-caseload';
export { startMailCatcher } from './mail-catcher';
