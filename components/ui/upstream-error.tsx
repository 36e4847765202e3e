import { Alert } from './alert';

export function UpstreamError({ message, requestId }: { message: string; requestId?: string }) {
  return (
    <Alert tone="error" title="Artemis could not be read" testId="upstream-error">
      <p>{message}</p>
      {requestId ? <p className="text-xs">Request id: {requestId}</p> : null}
    </Alert>
  );
}
