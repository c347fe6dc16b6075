// The staff API on this same origin, with the signed-in user's token. A 401 refreshes once and retries;
// problems (RFC 9457) come back as data for the page to show.
import { accessToken } from './auth.js';

export class Problem extends Error {
  constructor(status, body) {
    super(body?.detail || body?.title || `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
  }
}

export async function call(method, path, { body, etag, headers = {} } = {}) {
  for (let attempt = 0; attempt < 2; attempt++) {
    const token = await accessToken(attempt > 0);
    if (!token) throw new Problem(401, { title: 'signed out' });
    const all = { authorization: `Bearer ${token}`, accept: 'application/json', ...headers };
    if (body !== undefined) all['content-type'] = 'application/json';
    if (etag) all['if-match'] = etag;
    const answer = await fetch(path, {
      method, headers: all, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store',
      credentials: 'omit'
    });
    if (answer.status === 401 && attempt === 0) continue;
    const type = answer.headers.get('content-type') || '';
    const data = answer.status === 204 ? null : type.includes('json') ? await answer.json() : await answer.text();
    if (!answer.ok) throw new Problem(answer.status, typeof data === 'object' ? data : { detail: data });
    return { data, etag: answer.headers.get('etag') };
  }
  throw new Problem(401, { title: 'signed out' });
}

/** Every page of a paged list (items, nextCursor), up to `max` items. */
export async function all(path, max = 500) {
  const items = [];
  let cursor;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const { data } = await call('GET', cursor ? `${path}${sep}cursor=${encodeURIComponent(cursor)}` : path);
    items.push(...data.items);
    cursor = data.nextCursor;
  } while (cursor && items.length < max);
  return items;
}
