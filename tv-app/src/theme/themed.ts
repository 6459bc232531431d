// The part of a component's definition that makes it follow the display settings (text size, contrast): its
// own copy of them, kept in step with the app state while it lives. A copy rather than Blits' shared
// reactive store, which keeps running code of destroyed components (see tv-app/README.md).
import { followUi, pickUi, themeFields, type UiState, unfollowUi } from '../state/ui-state.ts';

type ThemeState = Pick<UiState, (typeof themeFields)[number]>;

/** Spread into `Blits.Component(name, { …, ...themed })` of a component that has no other state or hooks. */
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
