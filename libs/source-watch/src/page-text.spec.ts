import { decodeText, documentKind, htmlMainText, normaliseText, textHash } from './page-text';

const page = (body: string, head = '<title>Гранты — i.moscow</title>') =>
  `<!doctype html><html lang="ru"><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;

const frame = (content: string, token: string, time: string) =>
  page(
    `<header><a href="/">i.moscow</a><nav><a href="/a">Меры</a> <a href="/b">Новости</a></nav></header>
     <nav class="crumbs">Главная / Гранты</nav>
     ${content}
     <aside>Популярное сегодня: ${time}</aside>
     <form><input type="hidden" name="csrf" value="${token}"><button>Найти</button></form>
     <footer>© 2026 · обновлено ${time}</footer>
     <script nonce="${token}">window.__STATE__ = {"t": "${time}"}</script>
     <style>.x{color:red}</style>
     <!-- rendered at ${time} -->`,
    `<title>Гранты</title><link rel="stylesheet" href="/app.css?v=${token}"><meta name="csrf-token" content="${token}">`,
  );

describe('the main text of a page', () => {
  it('drops scripts, styles, navigation, the site frame, comments and markup; keeps the content and the title', () => {
    const html = frame(
      '<article><h1>Грант &laquo;Старт&raquo;</h1><p>До <b>5&nbsp;млн</b> ₽ на&nbsp;оборудование.</p></article>',
      'abc',
      '12:00',
    );
    expect(htmlMainText(html)).toEqual({ title: 'Гранты', text: 'Грант «Старт»\nДо 5 млн ₽ на оборудование.\nНайти' });
  });

  it('is the same text when only a timestamp, a token or a nonce in the markup changed', () => {
    const content = '<main><h1>Льготный заём</h1><p>Ставка 3% годовых</p></main>';
    const before = htmlMainText(frame(content, 'token-1', '2026-12-01 10:00:00'));
    const after = htmlMainText(frame(content, 'token-2-rotated', '2026-12-01 10:05:17'));
    expect(after).toEqual(before);
    expect(textHash(after.text)).toBe(textHash(before.text));
  });

  it('takes only <main> (or role="main") when the page marks it', () => {
    const html = page('<div>Баннер дня: акция!</div><div role="main"><p>Условия программы</p></div><div>Соседний блок</div>');
    expect(htmlMainText(html).text).toBe('Условия программы');
    expect(htmlMainText(page('<main><p>Только это</p></main><p>не это</p>')).text).toBe('Только это');
  });

  it("keeps an article's own header and footer (its title and date), not the site's", () => {
    const html = page(
      '<header>Сайт</header><article><header><h1>Новость</h1><time>1 декабря</time></header><p>Текст</p><footer>Автор</footer></article>',
    );
    expect(htmlMainText(html).text).toBe('Новость\n1 декабря\nТекст\nАвтор');
  });

  it('skips hidden elements', () => {
    expect(htmlMainText(page('<p>Видно</p><div hidden>Скрыто</div><span aria-hidden="true">иконка</span>')).text).toBe('Видно');
  });

  it('survives broken markup and garbage', () => {
    expect(htmlMainText('<p>Один<p>Два<div><b>Три</div></i></table>четыре').text).toBe('Один\nДва\nТри\nчетыре');
    expect(htmlMainText('<<<>>><<script>alert(1)</script>текст <!-- незакрытый').text).toContain('текст');
    expect(() => htmlMainText('\u0000\uFFFD'.repeat(10_000))).not.toThrow();
    expect(htmlMainText('').text).toBe('');
    // an unclosed script swallows the rest, as a browser would
    expect(htmlMainText('<p>видно</p><script>var a = "<p>не текст</p>"').text).toBe('видно');
  });

  it('does not count line breaks moving between blocks as a change', () => {
    const a = htmlMainText(page('<div><p>Ставка</p><p>3%</p></div>'));
    const b = htmlMainText(page('<div>Ставка <span>3%</span></div>'));
    expect(a.text).not.toBe(b.text);
    expect(textHash(a.text)).toBe(textHash(b.text));
  });

  it('normalises whitespace, zero-width characters, soft hyphens and Unicode forms', () => {
    expect(normaliseText('  Приём\u00A0заявок\u200B  до\t30\u00ADмарта \r\n\r\n\n  е\u0308ще  ')).toBe('Приём заявок до 30марта\nёще');
  });
});

describe('decoding and sniffing', () => {
  it('reads windows-1251 from the header or the page, UTF-8 by default', () => {
    const cp1251 = Buffer.from([0xcf, 0xf0, 0xe8, 0xb8, 0xec]); // "Приём"
    expect(decodeText(cp1251, 'text/html; charset=windows-1251')).toBe('Приём');
    const withMeta = Buffer.concat([Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'), cp1251]);
    expect(decodeText(withMeta, 'text/html')).toContain('Приём');
    expect(decodeText(Buffer.from('Приём'), null)).toBe('Приём');
    expect(decodeText(Buffer.from('Приём'), 'text/html; charset=no-such-charset')).toBe('Приём');
  });

  it('tells pages, text and binary documents apart, whatever the header claims', () => {
    expect(documentKind(Buffer.from('<!doctype html><p>x'), 'text/html; charset=utf-8')).toBe('html');
    expect(documentKind(Buffer.from('<html><body>x'), null)).toBe('html');
    expect(documentKind(Buffer.from('Просто текст'), 'text/plain')).toBe('text');
    expect(documentKind(Buffer.from('%PDF-1.7\n%\u00e2\u00e3'), 'application/pdf')).toBe('binary');
    expect(documentKind(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'text/html')).toBe('binary');
  });
});
