import { after } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  /** Header lines as sent (names lower-cased, folded lines unfolded). */
  headers: Record<string, string>;
}

/** A real SMTP server on 127.0.0.1 that keeps what it receives, for tests that follow mail end to end. */
export async function startMailServer() {
  const received: ReceivedMail[] = [];
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const headers = Object.fromEntries(
            mail.headerLines.map((h) => [
              h.key,
              h.line
                .slice(h.line.indexOf(':') + 1)
                .replace(/\r?\n\s+/g, ' ')
                .trim(),
            ]),
          );
          for (const rcpt of session.envelope.rcptTo) received.push({ to: rcpt.address, subject: mail.subject ?? '', text: mail.text ?? '', headers });
          waiters.splice(0).forEach((w) => w());
          callback();
        })
        .catch(callback);
    },
  });
  // A sender that dies in the middle of a message (the instances test kills one with SIGKILL) resets its connection;
  // smtp-server reports that as an 'error' event, which with no listener would crash the test process. A real SMTP
  // server logs it and goes on; the message was never accepted, so the sender's outbox sends it again.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Resolves with the first mail (received or still to come) that matches, or rejects after a timeout. */
  async function waitFor(match: (m: ReceivedMail) => boolean, timeoutMs = 10_000): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = received.find(match);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`no matching mail within ${timeoutMs} ms; received: ${received.map((m) => `${m.to}: ${m.subject}`).join('; ')}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }
  return { url: `smtp://127.0.0.1:${port}`, received, waitFor };
}

export const linkIn = (text: string, path: string): string => {
  const match = text.match(new RegExp(`https?://\\S+${path.replace('/', '\\/')}\\S*`));
  if (!match) throw new Error(`no ${path} link in mail:\n${text}`);
  return match[0];
};
