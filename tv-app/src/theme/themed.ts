// The part of a component's definition that makes it follow the display settings (text size, contrast): its
// own copy of them, kept in step with the app state while it lives. A copy rather than Blits' shared
// reactive store, which keeps running code of destroyed components (see tv-app/README.md).
import { followUi, pickUi, themeFields, type UiState, unfollowUi } from '../state/ui-state.ts';
import { themeFor } from './tokens.ts';

type ThemeState = Pick<UiState, (typeof themeFields)[number]>;

/**
 * Spread into `Blits.Component(name, { …, ...themed })` of a component that has no other state or hooks; one
 * with hooks of its own spreads `...themed.hooks` into them (and with state of its own, `pickUi(themeFields)`).
 */
export const themed = {
  state(): ThemeState {
    return pickUi(themeFields);
  },
  hooks: {
    init(this: ThemeState) {
      followUi(this, themeFields);
    },
    destroy(this: object) {
      unfollowUi(this);
    },
  },
};

/** `t`, the theme of the settings followed: spread into a themed component's `computed`. */
export const themedComputed = {
  t(this: ThemeState) {
    return themeFor(this);
  },
};
