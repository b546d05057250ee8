import { createHash } from 'node:crypto';
import { Parser } from 'htmlparser2';

/** What a page says, as the source watch compares it: its title and its main text (normalised, lines kept). */
export interface PageText {
  title: string | null;
  text: string;
}

/** Never rendered and never part of what a page says. */
const SKIPPED = new Set(['head', 'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'canvas', 'nav', 'aside']);
/** The site's frame around the content: skipped, except inside the content itself (an article's own header holds its title and date). */
const FRAME = new Set(['header', 'footer']);
const FRAME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'search', 'complementary']);
/** Elements that hold content, inside which a header or footer belongs to the content. */
const CONTENT = new Set(['main', 'article', 'section']);
/** Elements that end a line of text where they open and close. */
const BLOCKS = new Set([
  'address',
  'article',
  'blockquote',
  'br',
  'caption',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'legend',
  'li',
  'main',
  'ol',
  'option',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'td',
  'th',
  'tr',
  'ul',
]);

interface Open {
  skipped: boolean;
  inContent: boolean;
  inMain: boolean;
}

const MAX_TITLE = 300;

/**
 * The main text of an HTML page: what a reader sees as the page's content, without scripts, styles,
 * navigation, the site's header and footer, hidden elements, comments or markup. Only text counts,
 * so a new cache-busting URL, a rotating CSRF token or a nonce in the markup is no change. When the
 * page marks its main content (`<main>` or `role="main"`), only that is taken. Forgiving of any input:
 * unclosed tags, stray end tags and binary noise all parse to some text.
 */
export function htmlMainText(html: string): PageText {
  const stack: Open[] = [{ skipped: false, inContent: false, inMain: false }];
  const body: string[] = [];
  const main: string[] = [];
  let title: string | null = null;
  let inTitle = false;
  let titleText = '';
  const top = () => stack[stack.length - 1];
  const breakLine = () => {
    body.push('\n');
    if (top().inMain) main.push('\n');
  };
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const parent = top();
        const role = (attribs.role ?? '').toLowerCase();
        const hidden = 'hidden' in attribs || attribs['aria-hidden'] === 'true';
        const frame = (FRAME.has(name) && !parent.inContent) || FRAME_ROLES.has(role);
        if (name === 'title' && title === null) inTitle = true;
        stack.push({
          skipped: parent.skipped || SKIPPED.has(name) || frame || hidden,
          inContent: parent.inContent || CONTENT.has(name) || role === 'main',
          inMain: parent.inMain || name === 'main' || role === 'main',
        });
        if (BLOCKS.has(name)) breakLine();
      },
      ontext(text) {
        if (inTitle) titleText += text;
        const open = top();
        if (open.skipped) return;
        body.push(text);
        if (open.inMain) main.push(text);
      },
      onclosetag(name) {
        if (name === 'title' && inTitle) {
          inTitle = false;
          title = normaliseText(titleText).replace(/\n/g, ' ').slice(0, MAX_TITLE) || null;
        }
        if (stack.length > 1) stack.pop();
        if (BLOCKS.has(name)) breakLine();
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  const mainText = normaliseText(main.join(''));
  return { title, text: mainText || normaliseText(body.join('')) };
}

/**
 * Text as the watch compares it: Unicode NFC, no zero-width characters or soft hyphens, every kind
 * of space one space, runs of spaces one, lines trimmed, empty lines gone.
 */
export function normaliseText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join('\n');
}

/** The hash a page's text is compared by: line breaks do not count (markup moving text between blocks is no change). */
export const textHash = (text: string): string => `text:${sha256(text.replace(/\s+/g, ' ').trim())}`;

/** The hash of a document that is not text (a PDF, an image): its bytes. */
export const bytesHash = (bytes: Buffer): string => `bytes:${sha256(bytes)}`;

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** The charset a Content-Type header names, if any. */
const charsetOf = (contentType: string | null): string | null => /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1] ?? null;

/**
 * Decodes a page's bytes: the header's charset, else a byte-order mark, else a `<meta charset>` (or its
 * http-equiv form) in the first 2 KB, else UTF-8. Russian sites still serve windows-1251. Bytes that do
 * not decode become U+FFFD, never an error; an unknown charset name falls back to UTF-8.
 */
export function decodeText(bytes: Buffer, contentType: string | null): string {
  let label = charsetOf(contentType);
  if (!label) {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) label = 'utf-8';
    else if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
      label = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    else {
      const head = bytes.subarray(0, 2048).toString('latin1');
      label =
        /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1] ??
        /<meta[^>]+content\s*=\s*["'][^"']*charset=([\w.:-]+)/i.exec(head)?.[1] ??
        'utf-8';
    }
  }
  try {
    return new TextDecoder(label.toLowerCase()).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** What kind of document the answer holds, by its Content-Type, or by its first bytes when that says nothing useful. */
export function documentKind(bytes: Buffer, contentType: string | null): 'html' | 'text' | 'binary' {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  const head = bytes.subarray(0, 1024);
  // a NUL byte or many control characters: binary, whatever the header claims (UTF-16 text has NULs too, but no site serves it)
  let control = 0;
  for (const b of head) if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b)) control++;
  const looksBinary = head.includes(0) || control > head.length / 10;
  if (looksBinary && !(head[0] === 0xff && head[1] === 0xfe) && !(head[0] === 0xfe && head[1] === 0xff)) return 'binary';
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type.startsWith('text/'))
    return /^\s*</.test(head.toString('latin1')) && /<html|<body|<!doctype/i.test(head.toString('latin1')) ? 'html' : 'text';
  if (type === '' || type === 'application/octet-stream')
    return /<html|<body|<!doctype|<p[\s>]/i.test(head.toString('latin1')) ? 'html' : 'text';
  return 'binary';
}
