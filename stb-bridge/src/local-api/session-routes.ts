// POST /login, POST /register, POST /logout, GET /session: thin, each one call into the resident session.
// The bodies hold the PIN and password: they are read here, passed on, and never logged or kept.
import { Hono } from 'hono';
import { z } from 'zod';
import type { ResidentSession } from '../session/resident-session.ts';
import type {
  LoginRequest,
  LoginResponse,
  RegisterRequest,
  RegisterResponse,
  SessionState,
} from './contracts.ts';
import { readJsonBody } from './request-body.ts';

// Loose bounds only: the format rules live in jpki/pin-format.ts and answer `card.pin-format`.
const secret = z.string().max(64);
const loginSchema: z.ZodType<LoginRequest> = z.strictObject({ pin: secret });
const registerSchema: z.ZodType<RegisterRequest> = z.strictObject({ password: secret, pin: secret });

export function sessionRoutes(deps: { session: ResidentSession }) {
  const { session } = deps;
  return new Hono()
    .get('/session', (c) => c.json<SessionState>(session.state))
    .post('/login', async (c) =>
      c.json<LoginResponse>(await session.login(await readJsonBody(c, loginSchema))),
    )
    .post('/register', async (c) =>
      c.json<RegisterResponse>(await session.register(await readJsonBody(c, registerSchema)), 201),
    )
    .post('/logout', async (c) => c.json<SessionState>(await session.logout()));
}
