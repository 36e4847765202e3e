import { z } from 'zod';

// Runs in the browser before any page code. zod's fast path compiles parsers with
// `new Function`, and even its probe for that is reported as a violation of our CSP (no
// 'unsafe-eval'): parse without it.
z.config({ jitless: true });
