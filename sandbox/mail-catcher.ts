import { SMTPServer } from 'smtp-server';

/** A mail the catcher received: who it was for, its subject, and the first link in it. */
export type CaughtMail = { to: string[]; subject: string; link: string | undefined; raw: string };

/**
 * Demo mode's mail sink (and the tests'): an SMTP server on loopback that keeps what it is sent
 * and hands each message to `onMail`. No TLS, no authentication: it only ever listens on 127.0.0.1.
 */
export async function startMailCatcher(port: number, onMail: (mail: CaughtMail) => void): Promise<{ close: () => Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        // Quoted-printable soft line breaks would cut a long link in two.
        const text = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
        onMail({
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: /^Subject: (.*)$/m.exec(text)?.[1]?.trim() ?? '',
          link: /https?:\/\/[^\s<>"]+/.exec(
            text
              .split(/\r?\n\r?\n/)
              .slice(1)
              .join('\n'),
          )?.[0],
          raw: text,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return { close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
