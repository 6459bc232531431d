// A routed screen that takes its holder node with it. Blits 1.27's router puts each screen in a holder node of
// its own under the RouterView and, when the screen is left, destroys the screen but not that holder: one
// empty node more on the stage per visit. The WebGL renderer draws every node that has a size, transparent or
// not, so each left-over holder was one more full-screen quad in every frame (with software GL, tens of
// milliseconds more per frame after each visit).
import type { Route } from '@lightningjs/blits';

interface HolderNode {
  destroy(): void;
}
interface ScreenView {
  destroy(): void;
}
type ScreenFactory = (options: unknown, holder: HolderNode, parent: unknown) => ScreenView;

export function withOwnHolder(component: Route['component']): Route['component'] {
  const create = component as unknown as ScreenFactory;
  const routed: ScreenFactory = (options, holder, parent) => {
    const view = create(options, holder, parent);
    const destroy = view.destroy.bind(view);
    // Blits defines destroy read-only on the prototype; the instance gets its own.
    Object.defineProperty(view, 'destroy', {
      value: () => {
        destroy();
        holder.destroy();
      },
    });
    return view;
  };
  return routed as unknown as Route['component'];
}
