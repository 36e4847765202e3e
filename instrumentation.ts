export async function register() {
  // Start-up work needs Node (database, sandbox); the edge runtime has nothing to start.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Before any request: the sign-in throttle reads the client's socket address from a header
  // only the server writes; each request runs in its context (the log's request id), and the
  // servers are known to the graceful shutdown.
  const [{ stampSocketAddress }, { hookServerRequests }, { getEnv }, http, https] = await Promise.all([
    import('./lib/auth/client-address'),
    import('./lib/shutdown'),
    import('./lib/env'),
    import('node:http'),
    import('node:https'),
  ]);
  // A request id sent by a trusted reverse proxy is kept, so its log and ours line up.
  const trustIncoming = () => getEnv().trustedProxyHops > 0;
  for (const serverClass of [http.Server, https.Server]) {
    stampSocketAddress(serverClass);
    hookServerRequests(serverClass, trustIncoming);
  }
  const { startConsole } = await import('./lib/startup');
  // Demo mode's embedded sandbox comes from here: nothing in lib/ imports the sandbox.
  await startConsole(() => import('./sandbox/embedded'));
}
