import net from 'node:net';
import path from 'node:path';

/** Settings read once from the environment. Production refuses unsafe defaults. */
export interface Config {
  env: 'development' | 'test' | 'production';
  host: string;
  port: number;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | null;
  /** A streaming replica that search reads from (it may lag a moment); null: everything reads the primary. */
  databaseReplicaUrl: string | null;
  sessionSecret: string;
  smtpUrl: string | null;
  mailFrom: string;
  organiserEmail: string;
  /** /.well-known/security.txt (RFC 9116): where to report vulnerabilities, and until when that holds. */
  security: { contact: string; expires: Date };
  /** The data protection officer's address, named on the privacy page. */
  dpoEmail: string;
  seedDemo: boolean;
  /** Show the design system's page (/design) in production too (DESIGN_PAGE=1); it is always on in development and test. */
  designPage: boolean;
  metricsToken: string | null;
  logLevel: string;
  /** Proxies whose X-Forwarded-For is believed (addresses or CIDRs); empty: the connecting address is the client. */
  trustProxy: string[];
  oidc: { issuer: string; clientId: string; clientSecret: string; name: string } | null;
  /** `namespace` keeps the counts of apps that share a database apart (each test's app); instances of one service share ''. */
  rateLimit: { signInPerMinute: number; resetPerHour: number; namespace?: string };
  outboxPollMs: number;
  harvestPollMs: number;
  /** How often the statistics job counts the public figures again (STATISTICS_REFRESH_MS). */
  statisticsRefreshMs: number;
  /** The organisationsnummer of the platform's publisher (Digg), for the platform's own DCAT catalog. */
  platformOrgNumber: string;
  harvest: HarvestLimits;
}

export interface HarvestLimits {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
  /** Addresses a harvest may reach although they are loopback, private or link-local (e.g. 127.0.0.1 in tests). */
  allowAddresses: string[];
  /** Most pages one CKAN harvest reads, and most datasets one harvest takes; past either it stops, incomplete. */
  ckanMaxPages: number;
  maxRecords: number;
}

export const DEV_SESSION_SECRET = 'dev-only-secret-change-me-please-0123456789';

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {}

export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = env.NODE_ENV === 'production' || env.NODE_ENV === 'test' ? env.NODE_ENV : 'development';
  const production = nodeEnv === 'production';
  const problems: string[] = [];

  const get = (name: string, fallback: string, opts: { requireInProduction?: boolean } = {}): string => {
    const value = env[name];
    if (value !== undefined && value !== '') return value;
    if (production && opts.requireInProduction) problems.push(`${name} must be set in production`);
    return fallback;
  };
  const int = (name: string, fallback: number): number => {
    const raw = get(name, String(fallback));
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) problems.push(`${name} must be a whole number, got "${raw}"`);
    return n;
  };

  const port = int('PORT', 3000);
  const host = get('HOST', '127.0.0.1');
  const publicUrl = get('PUBLIC_URL', `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`, { requireInProduction: true }).replace(/\/+$/, '');
  try {
    new URL(publicUrl);
  } catch {
    problems.push(`PUBLIC_URL must be an absolute URL, got "${publicUrl}"`);
  }

  const sessionSecret = get('SESSION_SECRET', DEV_SESSION_SECRET, { requireInProduction: true });
  if (production && (sessionSecret === DEV_SESSION_SECRET || sessionSecret.length < 32)) {
    problems.push('SESSION_SECRET must be a random value of at least 32 characters in production');
  }

  // /metrics shows traffic by route and process internals: never open to the internet.
  const metricsToken = get('METRICS_TOKEN', '', { requireInProduction: true }) || null;
  if (production && metricsToken && metricsToken.length < 16) problems.push('METRICS_TOKEN must be a random value of at least 16 characters in production');
  // The demo accounts (an organiser among them) have passwords written in the source code.
  if (production && env.SEED_DEMO === 'true') problems.push("SEED_DEMO=true is refused in production: the demo accounts' passwords are public");

  const trustProxy = list(get('TRUST_PROXY', ''));
  for (const entry of trustProxy) if (!isAddressOrCidr(entry)) problems.push(`TRUST_PROXY takes addresses or CIDRs (e.g. 10.0.0.0/8), got "${entry}"`);

  const organiserEmail = get('ORGANISER_EMAIL', 'organiser@hack365.local');
  const securityContact = get('SECURITY_CONTACT', `mailto:${organiserEmail}`);
  if (!/^(mailto:|https:\/\/|tel:)\S+$/.test(securityContact))
    problems.push(`SECURITY_CONTACT must be a mailto:, https:// or tel: URI, got "${securityContact}"`);
  // RFC 9116 wants an expiry under a year ahead, so a forgotten file goes stale rather than pointing at nobody.
  // Without SECURITY_TXT_EXPIRES it is half a year from the start of the process.
  const expiresRaw = get('SECURITY_TXT_EXPIRES', '');
  const securityExpires = expiresRaw ? new Date(expiresRaw) : new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 + 182 * 86_400_000);
  if (Number.isNaN(securityExpires.getTime())) problems.push(`SECURITY_TXT_EXPIRES must be a date (e.g. 2027-06-30T00:00:00Z), got "${expiresRaw}"`);

  const databaseUrl = env.DATABASE_URL || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL must start with postgres://');
  const databaseReplicaUrl = env.DATABASE_REPLICA_URL || null;
  if (databaseReplicaUrl && (!databaseUrl || !/^postgres(ql)?:\/\//.test(databaseReplicaUrl)))
    problems.push('DATABASE_REPLICA_URL must start with postgres:// and needs DATABASE_URL');

  const oidcIssuer = env.OIDC_ISSUER || '';
  const oidc = oidcIssuer
    ? {
        issuer: oidcIssuer,
        clientId: get('OIDC_CLIENT_ID', ''),
        clientSecret: get('OIDC_CLIENT_SECRET', ''),
        name: get('OIDC_NAME', 'e-legitimation'),
      }
    : null;
  if (oidc && (!oidc.clientId || !oidc.clientSecret)) problems.push('OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set with OIDC_ISSUER');

  const config: Config = {
    env: nodeEnv,
    host,
    port,
    publicUrl,
    dataDir: path.resolve(get('DATA_DIR', './data')),
    databaseUrl,
    databaseReplicaUrl,
    sessionSecret,
    smtpUrl: env.SMTP_URL || null,
    mailFrom: get('MAIL_FROM', 'Hack for Sweden 365 <noreply@hack365.local>', { requireInProduction: true }),
    organiserEmail,
    security: { contact: securityContact, expires: securityExpires },
    dpoEmail: get('DPO_EMAIL', 'dataskyddsombud@digg.se'),
    seedDemo: !production && get('SEED_DEMO', 'true') === 'true',
    designPage: get('DESIGN_PAGE', '') === '1',
    metricsToken,
    logLevel: get('LOG_LEVEL', nodeEnv === 'test' ? 'silent' : 'info'),
    trustProxy,
    oidc,
    rateLimit: { signInPerMinute: int('RATE_LIMIT_SIGNIN_PER_MINUTE', 10), resetPerHour: int('RATE_LIMIT_RESET_PER_HOUR', 5) },
    outboxPollMs: int('OUTBOX_POLL_MS', 2000),
    harvestPollMs: int('HARVEST_POLL_MS', 60_000),
    statisticsRefreshMs: int('STATISTICS_REFRESH_MS', 15 * 60_000),
    platformOrgNumber: get('PLATFORM_ORG_NUMBER', '2021006792').replace(/\D/g, ''),
    harvest: {
      maxBytes: int('HARVEST_MAX_MB', 50) * 1024 * 1024,
      timeoutMs: int('HARVEST_TIMEOUT_SECONDS', 300) * 1000,
      maxRedirects: int('HARVEST_MAX_REDIRECTS', 5),
      allowAddresses: get('HARVEST_ALLOW_ADDRESSES', '')
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
      ckanMaxPages: int('HARVEST_CKAN_MAX_PAGES', 500),
      maxRecords: int('HARVEST_MAX_RECORDS', 100_000),
    },
  };
  if (problems.length) throw new ConfigError(`Invalid configuration:\n- ${problems.join('\n- ')}`);
  return config;
}

const list = (value: string) =>
  value
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);

function isAddressOrCidr(entry: string): boolean {
  const [address, bits, ...rest] = entry.split('/');
  const family = net.isIP(address);
  if (!family || rest.length) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n >= 0 && n <= (family === 4 ? 32 : 128);
}
