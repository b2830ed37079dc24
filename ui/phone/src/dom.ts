// A tiny element builder: the page is small enough that plain DOM calls, wrapped
// once, are clearer and lighter than a framework.

/** What an element may hold; arrays are flattened, empty values skipped. */
export type Child = Node | string | number | null | undefined | false | Child[];
export type Props = Record<string, unknown>;

/**
 * `h('button', { class: 'choice', onclick: f, 'aria-pressed': true }, 'Sí')`.
 * `on…` functions become listeners, `value`/`checked` are set as properties, false
 * or missing attributes are left out, `true` sets an empty attribute except for
 * aria-* (where it must read "true").
 */
export function h(tag: string, props: Props | null, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const name of Object.keys(props ?? {})) {
    const v = (props as Props)[name];
    if (v === false || v === null || v === undefined) continue;
    if (name.slice(0, 2) === 'on' && typeof v === 'function') {
      el.addEventListener(name.slice(2), v as EventListener);
    } else if (name === 'value') {
      (el as HTMLInputElement).value = String(v);
    } else {
      el.setAttribute(name, v === true && name.slice(0, 5) !== 'aria-' ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el: HTMLElement, children: Child[]) {
  for (const c of children) {
    if (Array.isArray(c)) append(el, c);
    else if (c !== null && c !== undefined && c !== false) {
      el.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
    }
  }
}

/** Replaces what `el` shows (replaceChildren is too new for old Android). */
export function fill(el: HTMLElement, ...children: Child[]) {
  el.textContent = '';
  append(el, children);
}
