// The workflow actions through AdminJS's API, as the HTTP tests call them: run an action, list the
// actions a record offers to a role, follow a document's download link and read the PDF back, and
// expect the policy's 403.
import { expect } from '@jest/globals';
import type request from 'supertest';
import type { StaffRole } from '../../src/policies/roles.js';
import { binary, ORIGIN, type Agent } from './http.js';
import { pdfText } from './pdf-text.js';
import type { WorkflowResult } from '../../src/admin/workflow-form.types.js';

/** The download address of the PDF an action produced. */
export const producedUrl = (body: ActionBody): string => {
  expect(body.result?.document?.url).toMatch(/^\/admin\/documents\/\d+\/download$/);
  return body.result!.document!.url;
};

/** What an action answers. */
export interface ActionBody {
  notice?: { message: string; type: string };
  redirectUrl?: string;
  /** What the action did: its message, the PDF it produced (offered, not opened) and a run's report. */
  result?: WorkflowResult;
  preview?: string;
  /** Field errors of a resource action (no record). */
  errors?: Record<string, { message: string }>;
  record?: { errors?: Record<string, { message: string }>; recordActions?: Array<{ name: string }> };
}

/** `agents` is read at each call (the agents log in in the file's beforeAll). */
export function actionsApi(agents: () => Record<StaffRole, Agent>) {
  return {
    act: (role: StaffRole, resource: string, id: number, action: string, body: object = {}) =>
      agents()[role].post(`/admin/api/resources/${resource}/records/${id}/${action}`).set('Origin', ORIGIN).send(body),
    resourceAct: (role: StaffRole, resource: string, action: string, body: object = {}) =>
      agents()[role].post(`/admin/api/resources/${resource}/actions/${action}`).set('Origin', ORIGIN).send(body),
    offered: async (role: StaffRole, resource: string, id: number) => {
      const res = await agents()[role].get(`/admin/api/resources/${resource}/records/${id}/show`);
      return ((res.body as ActionBody).record?.recordActions ?? []).map((a) => a.name);
    },
    /** Follows the notice's download link as the same user and reads the PDF back. */
    download: async (role: StaffRole, body: ActionBody) => {
      const res = await agents()[role].get(producedUrl(body)).buffer(true).parse(binary);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/application\/pdf/);
      // The saved file keeps the document's title with its accents (RFC 6266 filename*).
      expect(res.headers['content-disposition']).toMatch(/^inline; filename="[\x20-\x7e]+\.pdf"; filename\*=UTF-8''\S+\.pdf$/);
      return pdfText(res.body as Buffer);
    },
    expectForbidden: (res: request.Response) => {
      expect(res.status).toBe(403);
      expect((res.body as ActionBody).notice?.message).toBe("Vous n'avez pas le droit d'effectuer cette action.");
    },
  };
}
