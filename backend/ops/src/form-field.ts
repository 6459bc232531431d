// A form's labelled control: the label tied to the control by a page-unique id, and `hint` (what to type), if
// any, read out with it.
import { el } from './dom.ts';

let fieldCount = 0;

export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  fieldCount += 1;
  const id = `field-${fieldCount}`;
  control.id = id;
  const hintNode = hint ? el('span', { class: 'hint', id: `${id}-hint` }, hint) : null;
  if (hintNode) control.setAttribute('aria-describedby', hintNode.id);
  return el('div', { class: 'field' }, el('label', { for: id }, label), control, hintNode);
}
