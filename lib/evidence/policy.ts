import 'server-only';
import { getEnv } from '@/lib/env';
import type { ImagePolicy } from './image-reference';

/**
 * Plain http is allowed for one origin only: the configured Artemis API itself (the sandbox
 * serves its images there). Every other image URL must be https.
 */
export function imagePolicy(): ImagePolicy {
  const origin = new URL(getEnv().artemis.apiUrl).origin;
  return { httpOrigins: origin.startsWith('http:') ? [origin] : [] };
}
