import { execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { uniquePrefix } from '../support/redis';

const ROOT = path.resolve(__dirname, '..', '..');
const run = promisify(execFile);

/** `npm run build` then `npm run start:bot`: the production entry point serves from dist/ alone. */
test('the built bot starts from dist/ with a preset partnership and reports ready', async () => {
  await run('npm', ['run', 'build'], { cwd: ROOT, timeout: 240_000 });
  const bot = spawn(process.execPath, ['dist/bot/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: '0',
      LOG_LEVEL: 'info',
      PARTNERSHIP: 'norfolk',
      EMBEDDED_DB_DIR: mkdtempSync(path.join(tmpdir(), 'masa-build-')),
      QUEUE_PREFIX: uniquePrefix(),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      bot.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /"port":(\d+)[^\n]*bot listening/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      bot.once('exit', (code) => reject(new Error(`the built bot exited (${code}):\n${out}`)));
    });
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, checks: { database: 'ok', redis: 'ok' } });
    expect((await fetch(`http://127.0.0.1:${port}/forms/assets/form.js`)).status).toBe(200);
  } finally {
    bot.kill('SIGTERM');
  }
}, 300_000);
