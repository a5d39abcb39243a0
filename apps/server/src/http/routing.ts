import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.ts';
import type { Clock, Db } from './context.ts';
import type { PolicyCache } from './policy-cache.ts';

/** The Fastify instance with zod schemas as the type provider. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** What every module's routes need. */
export interface Deps {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'adminPassword' | 'secureCookies' | 'loginAttemptsPerMinute'>;
  policy: PolicyCache;
}
