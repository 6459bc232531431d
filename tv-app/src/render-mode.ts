// How the stage is drawn. WebGL is the default and what boxes use. `?render=canvas` draws with Canvas 2D
// instead: for a box or browser without usable WebGL, and for the browser tests, where headless Chromium's
// software WebGL (SwiftShader) costs about 8 times the CPU of Canvas 2D per screen change on two cores.

export type RenderMode = 'webgl' | 'canvas';

export function renderMode(search: string): RenderMode {
  return new URLSearchParams(search).get('render') === 'canvas' ? 'canvas' : 'webgl';
}
