/**
 * Clones an element tree with its used styles written onto each clone, so the
 * copy renders alike where the page's stylesheets are absent (inside an SVG
 * <foreignObject>). Only values that differ from the browser's defaults for
 * that element (or, for inherited properties, from the parent) are written.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Properties that inherit: written when they differ from the parent's. */
const INHERITED = new Set([
  'color',
  'direction',
  'fill',
  'fill-opacity',
  'fill-rule',
  'font-family',
  'font-feature-settings',
  'font-kerning',
  'font-size',
  'font-stretch',
  'font-style',
  'font-variant',
  'font-variant-caps',
  'font-variant-ligatures',
  'font-variant-numeric',
  'font-weight',
  'letter-spacing',
  'line-height',
  'list-style-type',
  'list-style-position',
  'paint-order',
  'stroke',
  'stroke-dasharray',
  'stroke-dashoffset',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-opacity',
  'stroke-width',
  'tab-size',
  'text-align',
  'text-anchor',
  'dominant-baseline',
  'text-indent',
  'text-rendering',
  'text-shadow',
  'text-transform',
  'visibility',
  'white-space',
  'white-space-collapse',
  'text-wrap-mode',
  'word-break',
  'word-spacing',
  'overflow-wrap',
  'writing-mode',
  '-webkit-font-smoothing',
]);

/**
 * The properties copied: everything that shapes a still picture of this app's
 * HTML and SVG (layout, box, text, paint), not motion, pointer or interaction.
 * Reading a fixed list is several times faster than every longhand.
 */
const PROPERTIES = [
  'display',
  'position',
  'top',
  'right',
  'bottom',
  'left',
  'float',
  'clear',
  'z-index',
  'box-sizing',
  'width',
  'height',
  'min-width',
  'min-height',
  'max-width',
  'max-height',
  'margin-top',
  'margin-right',
  'margin-bottom',
  'margin-left',
  'padding-top',
  'padding-right',
  'padding-bottom',
  'padding-left',
  'border-top-width',
  'border-right-width',
  'border-bottom-width',
  'border-left-width',
  'border-top-style',
  'border-right-style',
  'border-bottom-style',
  'border-left-style',
  'border-top-color',
  'border-right-color',
  'border-bottom-color',
  'border-left-color',
  'border-top-left-radius',
  'border-top-right-radius',
  'border-bottom-right-radius',
  'border-bottom-left-radius',
  'border-collapse',
  'border-spacing',
  'table-layout',
  'caption-side',
  'flex-direction',
  'flex-wrap',
  'flex-grow',
  'flex-shrink',
  'flex-basis',
  'order',
  'justify-content',
  'justify-items',
  'justify-self',
  'align-items',
  'align-self',
  'align-content',
  'row-gap',
  'column-gap',
  'grid-template-columns',
  'grid-template-rows',
  'grid-template-areas',
  'grid-auto-flow',
  'grid-auto-columns',
  'grid-auto-rows',
  'grid-column-start',
  'grid-column-end',
  'grid-row-start',
  'grid-row-end',
  'overflow-x',
  'overflow-y',
  'text-overflow',
  'visibility',
  'opacity',
  'transform',
  'transform-origin',
  'transform-box',
  'translate',
  'rotate',
  'scale',
  'filter',
  'clip-path',
  'mix-blend-mode',
  'isolation',
  'object-fit',
  'object-position',
  'aspect-ratio',
  'background-color',
  'background-image',
  'background-size',
  'background-position-x',
  'background-position-y',
  'background-repeat',
  'background-clip',
  'background-origin',
  'box-shadow',
  'color',
  'color-scheme',
  'accent-color',
  'appearance',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'font-stretch',
  'font-variant-caps',
  'font-variant-ligatures',
  'font-variant-numeric',
  'font-feature-settings',
  'font-kerning',
  'line-height',
  'letter-spacing',
  'word-spacing',
  'text-align',
  'text-indent',
  'text-transform',
  'text-decoration-line',
  'text-decoration-style',
  'text-decoration-color',
  'text-decoration-thickness',
  'text-underline-offset',
  'text-shadow',
  'text-rendering',
  'vertical-align',
  'white-space-collapse',
  'text-wrap-mode',
  'word-break',
  'overflow-wrap',
  'hyphens',
  'tab-size',
  'direction',
  'writing-mode',
  'list-style-type',
  'list-style-position',
  '-webkit-line-clamp',
  '-webkit-box-orient',
  '-webkit-font-smoothing',
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-dashoffset',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-miterlimit',
  'paint-order',
  'text-anchor',
  'dominant-baseline',
  'alignment-baseline',
  'baseline-shift',
  'shape-rendering',
  'vector-effect',
  'clip-rule',
];

/** Computed defaults per tag, read in a blank same-origin frame without the page's CSS. */
export class StyleDefaults {
  private frame: HTMLIFrameElement | null = null;
  private readonly cache = new Map<string, Map<string, string>>();

  of(el: Element): Map<string, string> {
    const key = `${el.namespaceURI ?? ''} ${el.localName}`;
    let d = this.cache.get(key);
    if (d) return d;
    const doc = this.doc();
    const probe = doc.createElementNS(el.namespaceURI, el.localName);
    // SVG children need an <svg> around them to get SVG defaults.
    const host =
      el.namespaceURI === SVG_NS && el.localName !== 'svg'
        ? doc.body.appendChild(doc.createElementNS(SVG_NS, 'svg'))
        : doc.body;
    host.appendChild(probe);
    const cs = doc.defaultView?.getComputedStyle(probe);
    d = new Map<string, string>();
    if (cs) for (const p of PROPERTIES) d.set(p, cs.getPropertyValue(p));
    probe.remove();
    if (host !== doc.body) host.remove();
    this.cache.set(key, d);
    return d;
  }

  private doc(): Document {
    if (!this.frame) {
      this.frame = document.createElement('iframe');
      this.frame.setAttribute('aria-hidden', 'true');
      this.frame.tabIndex = -1;
      this.frame.style.cssText = '';
      Object.assign(this.frame.style, {
        position: 'fixed',
        left: '-10000px',
        top: '0',
        width: '100px',
        height: '100px',
        visibility: 'hidden',
      });
      document.body.append(this.frame);
    }
    const doc = this.frame.contentDocument;
    if (!doc) throw new Error('no blank frame to read default styles from');
    if (!doc.body) doc.documentElement.append(doc.createElement('body'));
    return doc;
  }

  dispose(): void {
    this.frame?.remove();
    this.frame = null;
  }
}

/** Reads the copied properties of one computed style, in PROPERTIES order. */
function readValues(cs: CSSStyleDeclaration): string[] {
  return PROPERTIES.map((p) => cs.getPropertyValue(p));
}

/** A url() naming a fragment of this page, absolute in computed values: made local again. */
const PAGE_URL = /url\((["']?)[^"')#]*#([^"')]*)\1\)/g;

/** Writes a declaration list as `style` text (the clone is data, never parsed by the page). */
function declarations(
  values: string[],
  defaults: Map<string, string>,
  parent: string[] | null,
  fontFamily: (list: string) => string,
): string {
  let out = '';
  for (let i = 0; i < PROPERTIES.length; i++) {
    const p = PROPERTIES[i];
    let v = values[i];
    if (v === '') continue;
    const differs = v !== defaults.get(p) || (INHERITED.has(p) && (!parent || parent[i] !== v));
    if (!differs) continue;
    if (p === 'font-family') v = fontFamily(v);
    // A picture cannot scroll: a scroll box shows its top-left part, with no scroll bar drawn.
    else if ((p === 'overflow-x' || p === 'overflow-y') && (v === 'auto' || v === 'scroll'))
      v = 'hidden';
    else if (v.includes('url(')) v = v.replace(PAGE_URL, 'url("#$2")');
    out += `${p}:${v};`;
  }
  return out;
}

export interface SerializeOptions {
  defaults: StyleDefaults;
  /** Rewrites a font-family list to name the face in use first. */
  fontFamily?: (list: string) => string;
  /** Appended to the root element's style (it is placed by the caller). */
  rootStyle?: string;
}

const XHTML_NS = 'http://www.w3.org/1999/xhtml';
const VOID = new Set(['img', 'input', 'br', 'hr', 'wbr', 'col', 'area', 'source']);
/** Attributes a still picture does not need (ids could clash, handlers and links would reach out). */
const DROPPED_ATTR =
  /^(id|class|style|tabindex|role|aria-.*|data-.*|on.*|href|xlink:href|src|srcset|for|name|autofocus|contenteditable|draggable)$/i;

/** Escapes text for an XML attribute value or text node. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;',
  );
}

/**
 * Serializes `el` and its subtree as XML with the used styles written into
 * each element's `style` (no DOM is built, so the page's CSP sees no inline
 * style). Hidden elements are dropped; a <canvas> becomes an <img> of its
 * pixels (a data: URL); form fields keep their current values; links,
 * handlers, ids and outside references are left out.
 */
export function serializeWithStyles(el: Element, opts: SerializeOptions): string {
  const fontFamily = opts.fontFamily ?? ((v: string) => v);
  const walk = (src: Element, parentValues: string[] | null, parentNs: string): string => {
    const cs = getComputedStyle(src);
    if (cs.display === 'none') return '';
    const values = readValues(cs);
    const ns = src.namespaceURI ?? XHTML_NS;
    const isCanvas = src instanceof HTMLCanvasElement;
    const tag = isCanvas ? 'img' : src.localName;
    let attrs = ns !== parentNs ? ` xmlns="${ns}"` : '';
    if (!isCanvas)
      for (const a of src.attributes) {
        if (a.name === 'id' && ns === SVG_NS) {
          attrs += ` id="${escapeXml(a.value)}"`;
          continue;
        }
        // A local reference (<use href="#…">) stays; any other link would reach outside.
        const local = (a.name === 'href' || a.name === 'xlink:href') && a.value.startsWith('#');
        if (local) {
          attrs += ` href="${escapeXml(a.value)}"`;
          continue;
        }
        if (DROPPED_ATTR.test(a.name) || a.name.includes(':')) continue;
        if (src instanceof HTMLInputElement && (a.name === 'value' || a.name === 'checked'))
          continue;
        if (src instanceof HTMLOptionElement && a.name === 'selected') continue;
        attrs += ` ${a.name}="${escapeXml(a.value)}"`;
      }
    if (isCanvas && src.width && src.height) attrs += ` src="${src.toDataURL('image/png')}" alt=""`;
    if (src instanceof HTMLInputElement) {
      if (src.type === 'checkbox' || src.type === 'radio') {
        if (src.checked) attrs += ' checked="checked"';
      } else attrs += ` value="${escapeXml(src.value)}"`;
    } else if (src instanceof HTMLOptionElement && src.selected) attrs += ' selected="selected"';
    const defaults = opts.defaults.of(isCanvas ? document.createElement('img') : src);
    let style = declarations(values, defaults, parentValues, fontFamily);
    if (!parentValues && opts.rootStyle) style += opts.rootStyle;
    if (style) attrs += ` style="${escapeXml(style)}"`;
    if (VOID.has(tag) && ns === XHTML_NS) return `<${tag}${attrs}/>`;
    let inner = '';
    if (src instanceof HTMLTextAreaElement) inner = escapeXml(src.value);
    else if (!isCanvas)
      for (const child of src.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) inner += escapeXml(child.textContent ?? '');
        else if (
          child instanceof Element &&
          child.localName !== 'script' &&
          child.localName !== 'style'
        )
          inner += walk(child, values, ns);
      }
    return `<${tag}${attrs}>${inner}</${tag}>`;
  };
  // The root's parent in the picture has no styles, so it writes every inherited value.
  return walk(el, null, '');
}
