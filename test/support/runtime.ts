import { parseEnv } from '../../config/env';
import { openRuntime, type Runtime } from '../../core/runtime/open';
import { createTestSchema, type TestSchema } from './postgres';
import { deletePrefixedKeys, TEST_REDIS_URL, uniquePrefix } from './redis';

export interface TestRuntime {
  rt: Runtime;
  schema: TestSchema;
  close(): Promise<void>;
}

/** A full runtime on real PostgreSQL (own schema) and real Redis (own queue prefix). */
export async function openTestRuntime(
  overrides: Record<string, string> = {},
  redisUrl: string = TEST_REDIS_URL,
): Promise<TestRuntime> {
  const schema = await createTestSchema();
  const env = parseEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PORT: '0',
    DATABASE_URL: schema.url,
    QUEUE_PREFIX: uniquePrefix(),
    ...overrides,
  });
  const rt = await openRuntime(env, redisUrl, 'test');
  return {
    rt,
    schema,
    async close() {
      await deletePrefixedKeys(rt.redis, env.QUEUE_PREFIX);
      await rt.close();
      await schema.drop();
    },
  };
}
