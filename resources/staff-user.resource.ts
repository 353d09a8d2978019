import type { ActionContext, ResourceWithOptions } from 'adminjs';
import { StaffUser } from '../src/entities/staff-user.entity.js';
import { NAVIGATION } from '../src/admin/navigation.js';
import { secureActions, throwFieldErrors } from '../src/admin/secure-actions.js';
import { auditStaffChange, resetStaffPassword, validateStaffUser } from '../src/domain/staff/staff-accounts.js';
import { STAFF_ROLES, ROLE_LABELS } from '../src/policies/roles.js';
import { actorOfContext } from '../src/admin/context.js';
import { options } from './options.js';
import { workflowAction } from '../src/admin/workflow-action.js';

const editable = ['email', 'name', 'role', 'active'];

export const staffUserResource: ResourceWithOptions = {
  resource: StaffUser,
  options: {
    id: 'StaffUser',
    navigation: NAVIGATION.administration,
    sort: { sortBy: 'name', direction: 'asc' },
    titleProperty: 'name',
    listProperties: ['name', 'email', 'role', 'active', 'lastLoginAt', 'lockedUntil'],
    filterProperties: ['name', 'email', 'role', 'active'],
    showProperties: ['name', 'email', 'role', 'active', 'lastLoginAt', 'passwordChangedAt', 'mustChangePassword', 'failedAttempts', 'lockedUntil', 'createdAt', 'updatedAt'],
    editProperties: ['email', 'name', 'role', 'active', 'password'],
    properties: {
      role: { availableValues: options(STAFF_ROLES, ROLE_LABELS) },
      // Only on creation: afterwards the password is reset by the Administrateur or changed by its owner.
      password: { type: 'password', isVisible: { list: false, show: false, filter: false, edit: true } },
      passwordHash: { isVisible: false },
    },
    actions: secureActions('StaffUser', null, {
      new: {
        before: async (request) => {
          if (request.method !== 'post') return request;
          const result = await validateStaffUser(StaffUser.getRepository().manager, request.payload ?? {});
          if (Array.isArray(result)) throwFieldErrors(result);
          return { ...request, payload: result };
        },
        after: async (response, _request, context) => {
          const id = response.record?.params?.id;
          if (id && !Object.keys(response.record.errors ?? {}).length) {
            const created = await StaffUser.findOneByOrFail({ id: Number(id) });
            await auditStaffChange(StaffUser.getRepository().manager, actorOfContext(context), null, created);
          }
          return response;
        },
      },
      edit: {
        before: async (request, context) => {
          if (request.method !== 'post') return request;
          const id = Number(context.record?.id());
          const payload = Object.fromEntries(Object.entries(request.payload ?? {}).filter(([k]) => editable.includes(k)));
          const result = await validateStaffUser(StaffUser.getRepository().manager, payload, id);
          if (Array.isArray(result)) throwFieldErrors(result);
          (context as ActionContext & { previous?: StaffUser }).previous = await StaffUser.findOneByOrFail({ id });
          return { ...request, payload: result };
        },
        after: async (response, request, context) => {
          const previous = (context as ActionContext & { previous?: StaffUser }).previous;
          if (request.method === 'post' && previous && !Object.keys(response.record?.errors ?? {}).length) {
            const updated = await StaffUser.findOneByOrFail({ id: previous.id });
            await auditStaffChange(StaffUser.getRepository().manager, actorOfContext(context), previous, updated);
          }
          return response;
        },
      },
      // A POST from its own form only (confirmation, then the password shown once on the page): a GET
      // on this URL — a link on another site — changes nothing.
      resetPassword: workflowAction({
        actionType: 'record',
        icon: 'Key',
        intro: "Un mot de passe provisoire est généré et affiché une seule fois ; les sessions en cours de l'agent sont fermées.",
        fields: [],
        submitLabel: 'Générer un mot de passe provisoire',
        confirm: "Générer un nouveau mot de passe provisoire pour cet agent ? Ses sessions en cours seront fermées.",
        run: async (_payload, actor, context) => {
          const result = await resetStaffPassword(StaffUser.getRepository().manager.connection, actor, Number(context.record?.id()));
          return result.ok
            ? { ok: true, stay: true, message: `Mot de passe provisoire : ${result.value} — à remettre en main propre à l'agent, qui le changera.` }
            : { ok: false, message: result.errors[0].message };
        },
      }),
    }, ['passwordHash']),
  },
};
