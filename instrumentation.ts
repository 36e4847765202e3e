export async function register() {
  // Start-up work needs Node (database, sandbox); the edge runtime has nothing to start.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Before any request: the sign-in throttle reads the client's socket address from a header
  // only the server writes.
  const [{ stampSocketAddress }, http, https] = await Promise.all([import('./lib/auth/client-address'), import('node:http'), import('node:https')]);
  stampSocketAddress(http.Server);
  stampSocketAddress(https.Server);
  const { startConsole } = await import('./lib/startup');
  await startConsole();
}
