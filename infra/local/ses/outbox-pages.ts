import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OutboxMessage, OutboxStore } from './outbox-store.ts';

/**
 * «Почта (локально)»: the page where everything the system e-mailed can be read on one machine,
 * with its attachments. JSON at /outbox/messages.json for tests and scripts.
 */
export function createOutboxPages(store: OutboxStore) {
  return async function handle(req: IncomingMessage, res: ServerResponse, subPath: string): Promise<void> {
    if (req.method !== 'GET') return send(res, 405, 'text/plain; charset=utf-8', 'Method Not Allowed');
    const path = subPath.replace(/\/+$/, '') || '/';
    if (path === '/messages.json') return send(res, 200, 'application/json', JSON.stringify(await store.list()));
    if (path === '/') return send(res, 200, 'text/html; charset=utf-8', listPage(await store.list()));
    const attachment = /^\/([\w-]+)\/attachments\/(\d+)$/.exec(path);
    if (attachment) {
      const message = await store.get(attachment[1]!);
      const index = Number(attachment[2]);
      const content = await store.attachment(attachment[1]!, index);
      const meta = message?.attachments[index];
      if (!content || !meta) return send(res, 404, 'text/plain; charset=utf-8', 'Не найдено');
      res.writeHead(200, {
        'content-type': meta.contentType,
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(meta.fileName)}`,
        'x-content-type-options': 'nosniff',
      });
      return void res.end(content);
    }
    const one = /^\/([\w-]+)$/.exec(path);
    const message = one ? await store.get(one[1]!) : undefined;
    if (!message) return send(res, 404, 'text/html; charset=utf-8', page('Письмо не найдено', '<p>Письмо не найдено. <a href="/outbox/">К списку писем</a></p>'));
    return send(res, 200, 'text/html; charset=utf-8', messagePage(message));
  };
}

function send(res: ServerResponse, status: number, type: string, body: string) {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    // Mail HTML is shown in a sandboxed frame only; the page itself runs no script.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; img-src data:",
  });
  res.end(body);
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const date = (iso: string) => new Date(iso).toLocaleString('ru-RU');

function page(title: string, main: string): string {
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} — Классный журнал</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #ccc;vertical-align:top}
a{color:#0645ad}pre{white-space:pre-wrap;background:#f5f5f5;padding:1rem}iframe{width:100%;min-height:20rem;border:1px solid #ccc}</style>
</head><body><header><p>Классный журнал · локальный почтовый ящик</p></header><main><h1>${esc(title)}</h1>${main}</main></body></html>`;
}

function listPage(messages: OutboxMessage[]): string {
  const rows = messages
    .map(
      (m) => `<tr><td>${esc(date(m.receivedAt))}</td><td>${esc(m.to.join(', '))}</td><td><a href="/outbox/${m.id}">${esc(m.subject || '(без темы)')}</a></td><td>${m.attachments.length || ''}</td></tr>`,
    )
    .join('');
  const body = messages.length
    ? `<table><caption>Письма, отправленные системой (новые сверху)</caption><thead><tr><th scope="col">Получено</th><th scope="col">Кому</th><th scope="col">Тема</th><th scope="col">Вложений</th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p>Писем пока нет.</p>';
  return page('Почта', `<p>Здесь собраны письма, которые в AWS отправила бы служба SES.</p>${body}`);
}

function messagePage(m: OutboxMessage): string {
  const attachments = m.attachments
    .map((a, i) => `<li><a href="/outbox/${m.id}/attachments/${i}" download>${esc(a.fileName)}</a> (${esc(a.contentType)}, ${a.size} байт)</li>`)
    .join('');
  return page(
    m.subject || '(без темы)',
    `<dl><dt>От</dt><dd>${esc(m.from)}</dd><dt>Кому</dt><dd>${esc(m.to.join(', '))}</dd>${m.cc.length ? `<dt>Копия</dt><dd>${esc(m.cc.join(', '))}</dd>` : ''}<dt>Получено</dt><dd>${esc(date(m.receivedAt))}</dd></dl>
${m.text ? `<h2>Текст</h2><pre>${esc(m.text)}</pre>` : ''}
${m.html ? `<h2>HTML</h2><iframe title="Письмо в HTML" sandbox srcdoc="${esc(m.html)}"></iframe>` : ''}
${attachments ? `<h2>Вложения</h2><ul>${attachments}</ul>` : ''}
<p><a href="/outbox/">К списку писем</a></p>`,
  );
}
