import { existsSync } from 'node:fs';
import path from 'node:path';
import { AppError, maxJsonBodyBytes } from '@dangjian/core';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.ts';
import { type AuditKeyring, currentAuditKeyring, installAuditKeyring } from './http/audit-keyring.ts';
import { startChangeListener } from './http/change-listener.ts';
import { createClock } from './http/clock.ts';
import type { Clock, Db } from './http/context.ts';
import { documentErrorResponses } from './http/error-responses.ts';
import { registerErrorHandling } from './http/errors.ts';
import { type FindingsProvider, registerFindingsProviders } from './http/findings.ts';
import { installFindingsEngine } from './http/findings-store.ts';
import { registerGuard } from './http/guard.ts';
import { registerInboxProviders } from './http/inbox.ts';
import { registerInputGuard } from './http/input-guard.ts';
import { startJobs } from './http/jobs.ts';
import { createPolicyCache } from './http/policy-cache.ts';
import type { App, Deps } from './http/routing.ts';
import { registerCompression, webStaticOptions } from './http/web-assets.ts';
import { activityInboxProvider } from './modules/activities/inbox.ts';
import { activityLedgerRoutes } from './modules/activities/ledger-routes.ts';
import { activityRoutes } from './modules/activities/routes.ts';
import { alertInboxProvider } from './modules/alerts/inbox.ts';
import { alertRoutes } from './modules/alerts/routes.ts';
import { assessmentFindingsProvider } from './modules/assessment/findings.ts';
import { assessmentInboxProvider } from './modules/assessment/inbox.ts';
import { assessmentRoutes } from './modules/assessment/routes.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { startAuditCheckpoints } from './modules/audit/service.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { ballotInboxProvider } from './modules/ballots/inbox.ts';
import { ballotJobs } from './modules/ballots/jobs.ts';
import { ballotRoutes } from './modules/ballots/routes.ts';
import { cadreAppointmentFindingsProvider } from './modules/cadre-appointments/findings.ts';
import { cadreAppointmentInboxProvider } from './modules/cadre-appointments/inbox.ts';
import { cadreAppointmentRoutes } from './modules/cadre-appointments/routes.ts';
import { cadreReserveFindingsProvider } from './modules/cadre-reserve/findings.ts';
import { cadreReserveInboxProvider } from './modules/cadre-reserve/inbox.ts';
import { cadreReserveRoutes } from './modules/cadre-reserve/routes.ts';
import { cadreReviewFindingsProvider } from './modules/cadre-reviews/findings.ts';
import { cadreReviewRoutes } from './modules/cadre-reviews/routes.ts';
import { cadreFindingsProvider } from './modules/cadres/findings.ts';
import { cadreInboxProvider } from './modules/cadres/inbox.ts';
import { cadreJobs } from './modules/cadres/jobs.ts';
import { cadreRoutes } from './modules/cadres/routes.ts';
import { lifeFindingsProvider } from './modules/compliance/findings.ts';
import { complianceRoutes } from './modules/compliance/routes.ts';
import { dutyReviewFindingsProvider } from './modules/duty-reviews/findings.ts';
import { dutyReviewInboxProvider } from './modules/duty-reviews/inbox.ts';
import { dutyReviewRoutes } from './modules/duty-reviews/routes.ts';
import { inboxRoutes } from './modules/inbox/routes.ts';
import { inspectionFindingsProvider } from './modules/inspection/findings.ts';
import { inspectionInboxProvider } from './modules/inspection/inbox.ts';
import { inspectionRoutes } from './modules/inspection/routes.ts';
import { appraisalFindingsProvider } from './modules/member-appraisals/findings.ts';
import { appraisalInboxProvider } from './modules/member-appraisals/inbox.ts';
import { memberAppraisalRoutes } from './modules/member-appraisals/routes.ts';
import { memberIoRoutes } from './modules/members/import/routes.ts';
import { memberInboxProvider } from './modules/members/inbox.ts';
import { memberRoutes } from './modules/members/routes.ts';
import { type ChannelConfig, createMailer } from './modules/notifications/channels.ts';
import { notificationJobs } from './modules/notifications/jobs.ts';
import { notificationRoutes } from './modules/notifications/routes.ts';
import { orgFindingsProvider } from './modules/org/findings.ts';
import { orgRoutes } from './modules/org/routes.ts';
import { overviewRoutes } from './modules/overview/routes.ts';
import { partyStatisticsRoutes } from './modules/party-statistics/routes.ts';
import { peopleRoutes } from './modules/people/routes.ts';
import { recruitmentFindingsProvider } from './modules/recruitment/findings.ts';
import { recruitmentInboxProvider } from './modules/recruitment/inbox.ts';
import { recruitmentReportRoutes } from './modules/recruitment/report-routes.ts';
import { recruitmentRoutes } from './modules/recruitment/routes.ts';
import { rectificationFindingsProvider } from './modules/rectification/findings.ts';
import { rectificationInboxProvider } from './modules/rectification/inbox.ts';
import { rectificationRoutes } from './modules/rectification/routes.ts';
import { campaignFindingsProvider } from './modules/rectification-campaigns/findings.ts';
import { campaignInboxProvider } from './modules/rectification-campaigns/inbox.ts';
import { campaignRoutes } from './modules/rectification-campaigns/routes.ts';
import { searchRoutes } from './modules/search/routes.ts';
import { settingsRoutes } from './modules/settings/routes.ts';
import { getSecurityPolicy } from './modules/settings/service.ts';
import { setupRoutes } from './modules/setup/routes.ts';
import { supervisionFindingsProvider } from './modules/supervision/findings.ts';
import { supervisionInboxProvider } from './modules/supervision/inbox.ts';
import { supervisionJobs } from './modules/supervision/jobs.ts';
import { supervisionRoutes } from './modules/supervision/routes.ts';
import { trainingFindingsProvider } from './modules/trainings/findings.ts';
import { trainingInboxProvider } from './modules/trainings/inbox.ts';
import { trainingRoutes } from './modules/trainings/routes.ts';
import { transferFindingsProvider } from './modules/transfers/findings.ts';
import { transferInboxProvider } from './modules/transfers/inbox.ts';
import { transferRoutes } from './modules/transfers/routes.ts';
import { unitRoutes } from './modules/units/routes.ts';
import { userRoutes } from './modules/users/routes.ts';

// Chinese validation messages everywhere zod runs on the server.
z.config(z.locales.zhCN());

/** Every module's findings provider: what alerts, the org tree and the branch statistics read. */
export const findingsProviders: readonly FindingsProvider[] = [
  orgFindingsProvider,
  transferFindingsProvider,
  lifeFindingsProvider,
  recruitmentFindingsProvider,
  rectificationFindingsProvider,
  inspectionFindingsProvider,
  supervisionFindingsProvider,
  campaignFindingsProvider,
  assessmentFindingsProvider,
  dutyReviewFindingsProvider,
  appraisalFindingsProvider,
  trainingFindingsProvider,
  cadreFindingsProvider,
  cadreAppointmentFindingsProvider,
  cadreReviewFindingsProvider,
  cadreReserveFindingsProvider,
];

export interface AppOptions {
  db: Db;
  clock?: Clock;
  /** `loginAttemptsPerMinute` (per source address) is off unless given: main passes the configured value. */
  config?: Partial<Pick<Config, 'adminPassword' | 'secureCookies' | 'webDist' | 'loginAttemptsPerMinute'>>;
  logger?: FastifyServerOptions['logger'];
  /** Fastify's trustProxy: proxy hops or addresses whose X-Forwarded-For is believed (DJ_TRUST_PROXY). */
  trustProxy?: number | string[] | false;
  /**
   * The audit chain's key and checkpoint file (main loads them from DATA_DIR or DJ_AUDIT_KEY; never from the db).
   * Without it, the keyring already installed in this process is used, and building fails if there is none.
   */
  auditKeys?: AuditKeyring;
  /**
   * The platform's background work (main passes it; in-process tests do without): LISTEN/NOTIFY between
   * processes and the job queue's worker, on the app role's connection.
   */
  background?: { connectionString: string; findingsCron?: string };
  /** Outside channels of notifications: SMTP, allowed robot hosts, the public address (main reads them from env). */
  notifications?: Partial<ChannelConfig>;
}

/** A route as the permission-declaration test walks them. */
export interface RouteRecord {
  method: string;
  url: string;
  permission?: string;
  public?: boolean;
  authenticated?: boolean;
  audit?: string;
  /** The route's zod body and query schemas, for the table-driven tests of ids and masking. */
  bodySchema?: unknown;
  querySchema?: unknown;
}

/** Builds the whole HTTP application on an open database (migrated by the caller). */
export async function buildApp(options: AppOptions): Promise<App & { routeTable: RouteRecord[] }> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: maxJsonBodyBytes,
    // A hop count means: believe the nearest n proxies (proxy-addr numbers the hops from the socket, 0 first).
    trustProxy:
      typeof options.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (options.trustProxy as number)
        : (options.trustProxy ?? false),
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const routeTable: RouteRecord[] = [];
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    const cfg = route.config ?? {};
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routeTable.push({
        method,
        url: route.url,
        permission: cfg.permission,
        public: cfg.public,
        authenticated: cfg.authenticated,
        audit: cfg.audit,
        bodySchema: route.schema?.body,
        querySchema: route.schema?.querystring,
      });
    }
    if (!cfg.permission && !cfg.public && !cfg.authenticated) {
      throw new Error(`route ${route.url} declares neither a permission nor public/authenticated`);
    }
    documentErrorResponses(route);
  });

  const clock = options.clock ?? createClock();
  const policy = createPolicyCache(() => getSecurityPolicy(options.db));
  installFindingsEngine(options.db, clock, (level, msg) => app.log[level](msg));
  const channels: ChannelConfig = {
    smtpUrl: options.notifications?.smtpUrl ?? null,
    mailFrom: options.notifications?.mailFrom ?? '党建工作平台 <dangjian@localhost>',
    webhookHosts: options.notifications?.webhookHosts ?? [],
    publicUrl: options.notifications?.publicUrl ?? null,
  };
  const mailer = createMailer(channels);
  if (mailer) app.addHook('onClose', () => mailer.close());
  if (options.background) {
    const { connectionString, findingsCron } = options.background;
    const log = (level: 'info' | 'warn' | 'error', msg: string) => app.log[level](msg);
    const listener = startChangeListener({
      connectionString,
      db: options.db,
      onChange: () => policy.invalidate(),
      log,
    });
    const jobs = await startJobs({
      connectionString,
      db: options.db,
      clock,
      log,
      ...(findingsCron ? { findingsCron } : {}),
      modules: [
        notificationJobs(options.db, clock, channels, mailer),
        supervisionJobs(options.db, clock),
        ballotJobs(options.db, clock),
        cadreJobs(options.db, clock),
      ],
    });
    app.addHook('onClose', async () => {
      await jobs.stop();
      await listener.stop();
    });
  }
  installAuditKeyring(options.auditKeys ?? currentAuditKeyring());
  const stopCheckpoints = startAuditCheckpoints(options.db, {
    now: () => clock.now(),
    log: (level, msg) => app.log[level](msg),
  });
  app.addHook('onClose', () => stopCheckpoints());
  const deps: Deps = {
    db: options.db,
    clock,
    config: {
      adminPassword: options.config?.adminPassword ?? null,
      secureCookies: options.config?.secureCookies ?? false,
      loginAttemptsPerMinute: options.config?.loginAttemptsPerMinute ?? 0,
    },
    policy,
  };

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Dangjian 党建工作平台 API',
        version: '0.1.0',
        description: '会话 Cookie 认证；写操作须带 X-CSRF-Token 头。错误统一为 { code, message, details? }。',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'dj_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    transform: jsonSchemaTransform,
  });

  registerErrorHandling(app, options.config?.webDist);
  // Before the guard's hook, so refusals carry the headers too. One policy for the SPA and the API; antd writes
  // inline styles, hence style-src 'unsafe-inline'. HSTS only when the deployment says it is on HTTPS.
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    hsts: deps.config.secureCookies ? { maxAge: 15_552_000, includeSubDomains: false } : false,
  });
  // Per-source-address throttle, used by the routes that declare `config.rateLimit` (sign-in).
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) =>
      new AppError('RATE_LIMITED', `请求过于频繁，请 ${Math.max(1, Math.ceil(ctx.ttl / 1000))} 秒后再试`),
  });
  registerGuard(app, { db: options.db, clock, policy });
  registerInputGuard(app);
  await registerCompression(app);

  app.addHook('onSend', async (req, reply, payload) => {
    if (req.url.startsWith('/api')) reply.header('Cache-Control', 'no-store');
    return payload;
  });

  const typed = app as unknown as App;
  registerFindingsProviders(findingsProviders);
  registerInboxProviders([
    activityInboxProvider,
    memberInboxProvider,
    transferInboxProvider,
    recruitmentInboxProvider,
    rectificationInboxProvider,
    inspectionInboxProvider,
    supervisionInboxProvider,
    campaignInboxProvider,
    assessmentInboxProvider,
    dutyReviewInboxProvider,
    appraisalInboxProvider,
    trainingInboxProvider,
    cadreAppointmentInboxProvider,
    cadreReserveInboxProvider,
    alertInboxProvider,
    ballotInboxProvider(clock),
    cadreInboxProvider,
  ]);
  setupRoutes(typed, deps);
  authRoutes(typed, deps);
  orgRoutes(typed, deps);
  unitRoutes(typed, deps);
  peopleRoutes(typed, deps);
  memberRoutes(typed, deps);
  alertRoutes(typed, deps);
  overviewRoutes(typed, deps);
  settingsRoutes(typed, deps);
  userRoutes(typed, deps);
  auditRoutes(typed, deps);
  memberIoRoutes(typed, deps);
  transferRoutes(typed, deps);
  activityLedgerRoutes(typed, deps);
  complianceRoutes(typed, deps);
  activityRoutes(typed, deps);
  recruitmentRoutes(typed, deps);
  recruitmentReportRoutes(typed, deps);
  rectificationRoutes(typed, deps);
  inspectionRoutes(typed, deps);
  supervisionRoutes(typed, deps);
  cadreRoutes(typed, deps);
  cadreAppointmentRoutes(typed, deps);
  cadreReviewRoutes(typed, deps);
  cadreReserveRoutes(typed, deps);
  trainingRoutes(typed, deps);
  campaignRoutes(typed, deps);
  assessmentRoutes(typed, deps);
  dutyReviewRoutes(typed, deps);
  memberAppraisalRoutes(typed, deps);
  partyStatisticsRoutes(typed, deps);
  ballotRoutes(typed, deps);
  notificationRoutes(typed, deps, channels);
  inboxRoutes(typed, deps);
  searchRoutes(typed, deps);

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  const webDist = options.config?.webDist;
  if (webDist && existsSync(path.join(webDist, 'index.html'))) {
    await app.register(fastifyStatic, webStaticOptions(webDist));
  }

  return Object.assign(typed, { routeTable });
}
