import request from 'supertest';

export interface SavedProgramme {
  id: string;
  slug: string;
  version: number;
  [key: string]: unknown;
}

/** Creates a programme through the admin API, as an editor would, and publishes it unless told not to. */
export async function createProgrammeViaApi(
  http: Parameters<typeof request>[0],
  token: string,
  body: Record<string, unknown>,
  publish = true,
): Promise<SavedProgramme> {
  const created = await request(http).post('/api/v1/admin/programmes').set('Authorization', `Bearer ${token}`).send(body).expect(201);
  if (!publish) return created.body;
  const res = await request(http)
    .post(`/api/v1/admin/programmes/${created.body.id}/publish`)
    .set('Authorization', `Bearer ${token}`)
    .set('If-Match', created.headers.etag)
    .expect(200);
  return res.body;
}

/**
 * Changes a programme through the admin API as an editor does: a draft changes at once; a
 * published one gets a pending change (202), which this then publishes, as an editor would
 * next. Answers the entry as it now is, with its ETag.
 */
export async function patchAndPublish(
  http: Parameters<typeof request>[0],
  token: string,
  id: string,
  ifMatch: string,
  body: Record<string, unknown>,
): Promise<{ body: SavedProgramme; etag: string }> {
  const auth = { Authorization: `Bearer ${token}` };
  const patched = await request(http).patch(`/api/v1/admin/programmes/${id}`).set(auth).set('If-Match', ifMatch).send(body);
  if (patched.status === 200) return { body: patched.body, etag: patched.headers.etag };
  if (patched.status !== 202) throw new Error(`PATCH answered ${patched.status}: ${JSON.stringify(patched.body)}`);
  const published = await request(http)
    .post(`/api/v1/admin/programmes/${id}/pending-change/publish`)
    .set(auth)
    .set('If-Match', patched.headers.etag)
    .expect(200);
  return { body: published.body, etag: published.headers.etag };
}
