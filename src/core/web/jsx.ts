/**
 * The JSX runtime of the pages: TSX templates compile (classic transform, `jsx` and `Fragment`) to
 * calls of this file, which build HTML text. Everything is escaped unless it is already `Html` made here:
 * a string from anywhere (a decrypted name, a message) can never become markup. A template that needs
 * markup from elsewhere (an SVG drawn by the server) wraps it with `trusted`, which says so in review.
 */

/** Markup built by this runtime (or declared trusted); the only thing inserted without escaping. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type Child = Html | string | number | bigint | boolean | null | undefined | readonly Child[];

type Attributes = Record<string, unknown> & { children?: Child };
type Component<P> = (props: P) => Html;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const NAME = /^[a-zA-Z][a-zA-Z0-9:-]*$/;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Markup from a source the caller vouches for (never input, never a decrypted field). */
export function trusted(markup: string): Html {
  return new Html(markup);
}

function renderChild(child: Child, out: string[]): void {
  if (child === null || child === undefined || child === false || child === true) return;
  if (child instanceof Html) out.push(child.text);
  else if (Array.isArray(child)) for (const c of child as readonly Child[]) renderChild(c, out);
  else out.push(escapeHtml(String(child)));
}

function renderAttributes(attributes: Attributes): string {
  let text = '';
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'children' || value === undefined || value === null || value === false) continue;
    if (!NAME.test(name)) throw new Error(`not an attribute name: ${name}`);
    if (name === 'style' || name.startsWith('on')) throw new Error(`inline ${name} is refused by the content security policy`);
    text += value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`;
  }
  return text;
}

export function jsx<P>(tag: string | Component<P>, attributes: (P & Attributes) | null, ...children: Child[]): Html {
  const props = (attributes ?? {}) as P & Attributes;
  const kids: Child = children.length ? children : props.children;
  if (typeof tag === 'function') return tag({ ...props, children: kids });
  if (!NAME.test(tag)) throw new Error(`not an element name: ${tag}`);
  const out = [`<${tag}${renderAttributes(props)}>`];
  if (VOID.has(tag)) return new Html(out[0]);
  renderChild(kids, out);
  out.push(`</${tag}>`);
  return new Html(out.join(''));
}

export function Fragment(props: { children?: Child }): Html {
  const out: string[] = [];
  renderChild(props.children, out);
  return new Html(out.join(''));
}

/** A whole document: the doctype, then the page. */
export function documentOf(page: Html): string {
  return `<!doctype html>${page.text}`;
}

type Value = string | number | boolean | undefined | null;
interface Common {
  id?: string;
  class?: string;
  lang?: string;
  dir?: 'ltr' | 'rtl' | 'auto';
  title?: string;
  role?: string;
  hidden?: boolean;
  tabindex?: number;
  children?: Child;
  [aria: `aria-${string}`]: Value;
  [data: `data-${string}`]: Value;
}
interface FormField extends Common {
  name?: string;
  disabled?: boolean;
  required?: boolean;
  form?: string;
  autocomplete?: string;
}
interface InputAttributes extends FormField {
  type?:
    | 'text'
    | 'password'
    | 'hidden'
    | 'date'
    | 'number'
    | 'email'
    | 'tel'
    | 'checkbox'
    | 'radio'
    | 'search'
    | 'submit'
    | 'file'
    | 'month';
  value?: Value;
  checked?: boolean;
  placeholder?: string;
  maxlength?: number;
  minlength?: number;
  min?: Value;
  max?: Value;
  step?: Value;
  pattern?: string;
  inputmode?: 'numeric' | 'text' | 'tel';
  readonly?: boolean;
  autofocus?: boolean;
  size?: number;
  accept?: string;
  spellcheck?: 'true' | 'false';
}
interface SvgAttributes extends Common {
  [attribute: string]: Value | Child;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    type Element = Html;
    interface ElementChildrenAttribute {
      children: unknown;
    }
    interface IntrinsicElements {
      html: Common;
      head: Common;
      body: Common;
      meta: Common & { charset?: string; name?: string; content?: string; 'http-equiv'?: string };
      link: Common & { rel: string; href: string; media?: string };
      script: Common & { src: string; defer?: boolean; type?: string };
      title: Common;
      header: Common;
      footer: Common;
      main: Common;
      nav: Common;
      section: Common;
      article: Common;
      aside: Common;
      div: Common;
      span: Common;
      p: Common;
      h1: Common;
      h2: Common;
      h3: Common;
      h4: Common;
      a: Common & { href: string; rel?: string; download?: string | boolean; hreflang?: string };
      strong: Common;
      em: Common;
      small: Common;
      code: Common;
      pre: Common;
      mark: Common;
      abbr: Common;
      br: Common;
      hr: Common;
      ul: Common;
      ol: Common;
      li: Common;
      dl: Common;
      dt: Common;
      dd: Common;
      table: Common;
      caption: Common;
      thead: Common;
      tbody: Common;
      tfoot: Common;
      tr: Common;
      th: Common & { scope?: 'row' | 'col' | 'rowgroup' | 'colgroup'; colspan?: number; rowspan?: number };
      td: Common & { colspan?: number; rowspan?: number };
      form: Common & { method: 'get' | 'post'; action: string; enctype?: string; novalidate?: boolean; autocomplete?: 'on' | 'off' };
      fieldset: Common & { disabled?: boolean };
      legend: Common;
      label: Common & { for?: string };
      input: InputAttributes;
      select: FormField & { multiple?: boolean; size?: number };
      option: Common & { value: Value; selected?: boolean; disabled?: boolean };
      optgroup: Common & { label: string };
      textarea: FormField & { rows?: number; cols?: number; maxlength?: number; placeholder?: string; spellcheck?: 'true' | 'false' };
      button: FormField & { type: 'submit' | 'button' | 'reset'; value?: Value; formaction?: string };
      details: Common & { open?: boolean };
      summary: Common;
      time: Common & { datetime?: string };
      output: Common & { for?: string };
      progress: Common & { value?: number; max?: number };
      img: Common & { src: string; alt: string; width?: number; height?: number };
      figure: Common;
      figcaption: Common;
      dialog: Common & { open?: boolean };
      noscript: Common;
      svg: SvgAttributes;
      g: SvgAttributes;
      rect: SvgAttributes;
      line: SvgAttributes;
      text: SvgAttributes;
      path: SvgAttributes;
      circle: SvgAttributes;
      desc: SvgAttributes;
    }
  }
}
