import 'server-only';
import { ArtemisError, describeArtemisError } from '@/lib/artemis/errors';

export type UpstreamFailure = { ok: false; upstream: true; message: string; requestId: string | undefined };

/** Turns an Artemis failure into something a page can show; anything else is a bug and rethrown. */
export function upstreamFailure(error: unknown): UpstreamFailure & { notFound?: true } {
  if (error instanceof ArtemisError) {
    return {
      ok: false,
      upstream: true,
      message: describeArtemisError(error),
      requestId: error.requestId,
      ...(error.kind === 'not-found' ? { notFound: true as const } : {}),
    };
  }
  throw error;
}
