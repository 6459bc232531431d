// The app-wide state screens show: the card and session as the bridge reports them, the display settings,
// and the open dialog. It is kept outside Blits' reactivity on purpose: Blits 1.27 never releases the `:for`
// effects of a destroyed component that read a global reactive object (they go on running, and throw). So
// each component copies the fields it shows into its own state (`followUi` in `init`) and lets go in
// `destroy` (`unfollowUi`).
import type { AlertScreen } from '../alerts/alert-view.ts';
import type { CardView } from '../api/bridge-client.ts';
import type { TextSize } from '../theme/tokens.ts';

export interface UiState {
  /** `connecting` until the bridge's event stream first answers. */
  card: CardView | 'connecting';
  signedIn: boolean;
  textSize: TextSize;
  highContrast: boolean;
  /** The open dialog's id, or '' when none is open. */
  dialog: string;
  dialogTitle: string;
  dialogBody: string;
  dialogChoices: string[];
  dialogFocus: number;
  /** The disaster alert overlay on show over every screen, or null (alerts/alert-manager.ts). */
  alert: AlertScreen | null;
}

const state: UiState = {
  card: 'connecting',
  signedIn: false,
  textSize: 'normal',
  highContrast: false,
  dialog: '',
  dialogTitle: '',
  dialogBody: '',
  dialogChoices: [],
  dialogFocus: 0,
  alert: null,
};

export const ui: Readonly<UiState> = state;

type Listener = () => void;
const listeners = new Set<Listener>();
const followers = new WeakMap<object, Listener>();

export function updateUi(patch: Partial<UiState>): void {
  Object.assign(state, patch);
  for (const listener of [...listeners]) listener();
}

/** The display settings: what every themed component follows. */
export const themeFields = ['textSize', 'highContrast'] as const;

export function pickUi<K extends keyof UiState>(keys: readonly K[]): Pick<UiState, K> {
  return Object.fromEntries(keys.map((key) => [key, state[key]])) as Pick<UiState, K>;
}

/** Keeps the component's own state fields `keys` equal to the app state's. */
export function followUi<K extends keyof UiState>(component: Pick<UiState, K>, keys: readonly K[]): void {
  const copy = () => {
    for (const key of keys) if (component[key] !== state[key]) component[key] = state[key];
  };
  unfollowUi(component);
  listeners.add(copy);
  followers.set(component, copy);
  copy();
}

export function unfollowUi(component: object): void {
  const listener = followers.get(component);
  if (listener) listeners.delete(listener);
  followers.delete(component);
}
