import { z } from 'zod';

/**
 * A small client for the Microsoft 365 Agents Playground's own HTTP and
 * WebSocket API (the one its web UI uses; @microsoft/m365agentsplayground
 * 0.2.x, default port 56150):
 *
 * - `GET  /_debug/ping`                                       "pong" once the server is up
 * - `GET  /_internal/v1/config`                               users, chats, team (waits up to 15 s for the bot endpoint)
 * - `POST /_conversation/v1/conversations/{id}/messages`      a message from a user
 * - `POST /_debug/conversation/{id}/installation`             installationUpdate (msteams) + conversationUpdate membersAdded
 * - `GET  /_internal/v1/customActivities/template?conversationId=&type=`  an activity template (install, botAdded, ...)
 * - `POST /_internal/v1/customActivities`                     any activity, sent to the bot as is
 * - `POST /_conversation/v1/invoke`                           Adaptive Card Action.Execute (`adaptiveCard/action`)
 * - `POST /_conversation/v1/submit`                           Adaptive Card Action.Submit (a message with `value`)
 * - `ws   /_ws_conversation/v1/conversations/stream`          the bot's messages, updates and typing, as JSON
 *
 * The WebSocket buffers events while no client is connected and flushes them
 * to the first client that connects. Node 20 needs `--experimental-websocket`
 * for the global WebSocket (Node 22 has it by default), or pass `createWebSocket`.
 */

const userSchema = z.object({
  id: z.string(),
  name: z.string(),
  userPrincipleName: z.string(),
  aadObjectId: z.string(),
  givenName: z.string(),
  surname: z.string(),
  email: z.string(),
});

export const playgroundConfigSchema = z.object({
  config: z.object({
    tenantId: z.string(),
    bot: z.object({ id: z.string(), name: z.string() }),
    currentUser: userSchema,
    users: z.array(userSchema),
    personalChat: z.object({ id: z.string(), name: z.string() }),
    groupChats: z.array(z.object({ id: z.string(), name: z.string(), members: z.array(z.string()) })),
    teams: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        aadGroupId: z.string(),
        channels: z.array(z.object({ id: z.string(), name: z.string(), channelType: z.string() })),
        members: z.array(z.string()),
      }),
    ),
  }),
  internalConfig: z.object({ channelId: z.string(), locale: z.string(), localTimezone: z.string() }),
});
export type PlaygroundConfig = z.infer<typeof playgroundConfigSchema>['config'];
export type PlaygroundAccount = z.infer<typeof userSchema>;

const createMessageResponseSchema = z.object({
  messageId: z.string(),
  postConversationId: z.string().optional(),
  timestamp: z.number(),
});
export type CreateMessageResponse = z.infer<typeof createMessageResponseSchema>;

/** `type` is application/vnd.microsoft.card.adaptive (value: the new card), .activity.message (value: text) or .error. */
const invokeResponseSchema = z.object({ type: z.string().optional(), value: z.unknown().optional() });
export type InvokeResponse = z.infer<typeof invokeResponseSchema>;

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

const attachmentSchema = z.object({ contentType: z.string(), content: z.unknown().optional() });
export type PlaygroundAttachment = z.infer<typeof attachmentSchema>;

const streamMessageSchema = z.object({
  messageId: z.string(),
  timestamp: z.number(),
  from: z.object({ id: z.string() }),
  text: z.string().optional(),
  textFormat: z.string().optional(),
  attachments: z.array(attachmentSchema).default([]),
  attachmentLayout: z.string().optional(),
  postConversationId: z.string().optional(),
});
export type StreamMessage = z.infer<typeof streamMessageSchema>;

export const streamEventSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('createMessage'),
    actionConversationId: z.string(),
    message: streamMessageSchema,
  }),
  z.object({
    action: z.literal('updateMessage'),
    actionConversationId: z.string(),
    message: streamMessageSchema,
  }),
  z.object({ action: z.literal('typing'), actionConversationId: z.string() }),
]);
export type StreamEvent = z.infer<typeof streamEventSchema>;

export const CUSTOM_ACTIVITY_TYPES = [
  'install',
  'uninstall',
  'botAdded',
  'userAdded',
  'botRemoved',
  'userRemoved',
  'channelCreated',
  'channelRenamed',
  'channelDeleted',
  'teamRenamed',
  'teamDeleted',
] as const;
export type CustomActivityType = (typeof CUSTOM_ACTIVITY_TYPES)[number];

const activitySchema = z.record(z.string(), z.unknown());
export type ActivityJson = z.infer<typeof activitySchema>;

export class PlaygroundError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    what: string,
  ) {
    super(`Playground ${what} failed: HTTP ${status} ${body.slice(0, 500)}`);
  }
}

export interface PlaygroundClientOptions {
  /** Per-request timeout; the config call waits for the bot, so keep this above 15 s. */
  requestTimeoutMs?: number;
  createWebSocket?: (url: string) => WebSocket;
}

export class PlaygroundClient {
  readonly base: string;
  private readonly timeoutMs: number;
  private readonly createWebSocket: (url: string) => WebSocket;

  constructor(baseUrl: string, options: PlaygroundClientOptions = {}) {
    this.base = baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.requestTimeoutMs ?? 30_000;
    this.createWebSocket =
      options.createWebSocket ??
      ((url) => {
        if (typeof globalThis.WebSocket === 'undefined') {
          throw new Error(
            'No global WebSocket: run Node 20 with --experimental-websocket, or pass createWebSocket',
          );
        }
        return new globalThis.WebSocket(url);
      });
  }

  private async request(method: 'GET' | 'POST', path: string, what: string, body?: unknown): Promise<string> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await res.text();
    if (!res.ok) throw new PlaygroundError(res.status, text, what);
    return text;
  }

  private async json<T>(
    schema: z.ZodType<T>,
    method: 'GET' | 'POST',
    path: string,
    what: string,
    body?: unknown,
  ) {
    const text = await this.request(method, path, what, body);
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw new Error(`Playground ${what}: expected JSON, got ${text.slice(0, 200)}`);
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new Error(`Playground ${what}: unexpected response: ${parsed.error.message}`);
    return parsed.data;
  }

  /** True once the Playground's HTTP server answers. */
  async ping(): Promise<boolean> {
    try {
      return (await this.request('GET', '/_debug/ping', 'ping')) === 'pong';
    } catch {
      return false;
    }
  }

  async waitUntilUp(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await this.ping())) {
      if (Date.now() > deadline)
        throw new Error(`Playground at ${this.base} did not answer within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** The loaded users, chats and team. The Playground first waits (up to 15 s) for the bot endpoint. */
  async config(): Promise<PlaygroundConfig> {
    return (await this.json(playgroundConfigSchema, 'GET', '/_internal/v1/config', 'config')).config;
  }

  /**
   * A message typed in the Playground. `fromId` must be a member of the
   * conversation (in the personal chat only the current user), but the bot
   * always receives it from the current user: to be someone else use
   * {@link messageAs}. In the group chat and channels the bot receives it only
   * when mentioned (see {@link mentionBot}); in a channel it starts a new post.
   */
  async sendMessage(
    conversationId: string,
    fromId: string,
    text: string,
    mentions?: Array<{ mentioned: { id: string; name?: string }; text: string }>,
  ): Promise<CreateMessageResponse> {
    return this.json(
      createMessageResponseSchema,
      'POST',
      `/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`,
      'send message',
      { from: { id: fromId }, text, textFormat: 'plain', ...(mentions ? { mentions } : {}) },
    );
  }

  /** Text and mentions that @mention the bot, as the web UI sends them. */
  static mentionBot(bot: { id: string; name: string }, text: string) {
    const at = `<at>${bot.name}</at>`;
    return { text: `${at} ${text}`, mentions: [{ mentioned: { id: bot.id, name: bot.name }, text: at }] };
  }

  /** The UI's "install" trigger: installationUpdate (msteams only) and conversationUpdate membersAdded, from the current user. */
  async install(conversationId: string): Promise<void> {
    await this.request(
      'POST',
      `/_debug/conversation/${encodeURIComponent(conversationId)}/installation`,
      'install',
      {},
    );
  }

  /** A ready-made activity (from the current user) to edit and pass to {@link sendActivity}. */
  async activityTemplate(conversationId: string, type?: CustomActivityType): Promise<ActivityJson> {
    const query = new URLSearchParams({ conversationId, ...(type ? { type } : {}) });
    return this.json(
      activitySchema,
      'GET',
      `/_internal/v1/customActivities/template?${query}`,
      'activity template',
    );
  }

  /**
   * A text message to the bot from any configured user, sent as a custom
   * activity. ({@link sendMessage} always reaches the bot from the current
   * user, whatever `from` says.) It does not appear in the Playground's
   * conversation view; the bot's replies do, and arrive on the stream.
   */
  async messageAs(conversationId: string, account: PlaygroundAccount, text: string): Promise<void> {
    const activity = await this.activityTemplate(conversationId);
    await this.sendActivity({
      ...activity,
      type: 'message',
      id: `playground-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
      timestamp: new Date().toISOString(),
      from: { id: account.id, name: account.name, aadObjectId: account.aadObjectId },
      text,
      textFormat: 'plain',
    });
  }

  /** Sends any activity to the bot (responds before the bot has handled it). */
  async sendActivity(activity: ActivityJson): Promise<void> {
    await this.request('POST', '/_internal/v1/customActivities', 'custom activity', activity);
  }

  /**
   * Adaptive Card Action.Execute on the bot's message `replyToId`: an
   * `adaptiveCard/action` invoke from `fromId` (any member of the
   * conversation); returns the bot's invoke response. When it is a card, the
   * Playground replaces the message's card with it. A bot without an invoke
   * handler (HTTP 501) makes this throw PlaygroundError 502 `UserBotError`.
   */
  async execute(args: {
    conversationId: string;
    fromId: string;
    replyToId: string;
    verb: string;
    data?: Record<string, unknown>;
    title?: string;
  }): Promise<InvokeResponse> {
    return this.json(invokeResponseSchema, 'POST', '/_conversation/v1/invoke', 'invoke', {
      name: 'adaptiveCard/action',
      from: { id: args.fromId },
      conversation: { id: args.conversationId },
      replyToId: args.replyToId,
      value: {
        action: { type: 'Action.Execute', title: args.title, verb: args.verb, data: args.data ?? {} },
      },
    });
  }

  /**
   * Adaptive Card Action.Submit on message `replyToId`: the bot receives a
   * message activity whose `value` is `data`, from `fromId` (any member).
   */
  async submit(args: {
    conversationId: string;
    fromId: string;
    replyToId: string;
    data: Record<string, unknown>;
  }): Promise<void> {
    await this.request('POST', '/_conversation/v1/submit', 'submit', {
      conversation: { id: args.conversationId },
      from: { id: args.fromId },
      replyToId: args.replyToId,
      value: args.data,
    });
  }

  /** Opens the conversation stream; resolves once connected. */
  openStream(): Promise<PlaygroundStream> {
    const url = `${this.base.replace(/^http/, 'ws')}/_ws_conversation/v1/conversations/stream`;
    return PlaygroundStream.open(this.createWebSocket(url));
  }
}

type Waiter = { match: (e: StreamEvent) => boolean; resolve: (e: StreamEvent) => void };

/** Everything the Playground pushes to its UI about conversations, kept in arrival order. */
export class PlaygroundStream {
  readonly events: StreamEvent[] = [];
  /** Frames that did not match the known shapes (kept for diagnosis). */
  readonly unknown: string[] = [];
  private waiters: Waiter[] = [];

  private constructor(private readonly socket: WebSocket) {
    socket.addEventListener('message', (ev: MessageEvent) => {
      const data: unknown = ev.data;
      const text = typeof data === 'string' ? data : String(data);
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        this.unknown.push(text);
        return;
      }
      const parsed = streamEventSchema.safeParse(raw);
      if (!parsed.success) {
        this.unknown.push(text);
        return;
      }
      this.events.push(parsed.data);
      const ready = this.waiters.filter((w) => w.match(parsed.data));
      this.waiters = this.waiters.filter((w) => !ready.includes(w));
      for (const w of ready) w.resolve(parsed.data);
    });
  }

  static open(socket: WebSocket): Promise<PlaygroundStream> {
    const stream = new PlaygroundStream(socket);
    return new Promise((resolve, reject) => {
      socket.addEventListener('open', () => resolve(stream), { once: true });
      socket.addEventListener('error', () => reject(new Error('Playground WebSocket failed to connect')), {
        once: true,
      });
    });
  }

  /** The first event (already received or yet to come) that matches. */
  waitFor(match: (e: StreamEvent) => boolean, timeoutMs: number): Promise<StreamEvent> {
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        match,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no matching Playground event within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Messages the bot created or updated so far, optionally in one conversation. */
  botMessages(botId: string, conversationId?: string): StreamMessage[] {
    return this.events.flatMap((e) =>
      e.action !== 'typing' &&
      e.message.from.id === botId &&
      (conversationId === undefined || e.actionConversationId === conversationId)
        ? [e.message]
        : [],
    );
  }

  close(): void {
    this.socket.close();
  }
}
