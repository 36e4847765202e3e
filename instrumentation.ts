export async function register() {
  // Start-up work needs Node (database, sandbox); the edge runtime has nothing to start.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startConsole } = await import('./lib/startup');
  await startConsole();
}
