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
