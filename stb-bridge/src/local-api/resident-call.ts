// Routes that act for the logged-in resident: without a session they answer `session.login-required`, and when
// the backend says the session has ended (idle timeout) the bridge forgets it too, so the TV app hears
// `session:changed` and asks for the card again.
import type { ResidentSession } from '../session/resident-session.ts';
import { isSessionError, SessionError } from '../session/session-error.ts';

export async function asResident<T>(
  session: ResidentSession,
  call: (sessionToken: string) => Promise<T>,
): Promise<T> {
  const token = session.token;
  if (token === undefined) throw new SessionError('session.login-required', 'log in with the card first');
  try {
    return await call(token);
  } catch (error) {
    if (isSessionError(error, 'session.login-required') && session.token === token) session.close();
    throw error;
  }
}
