import type { ResourceWithOptions } from 'adminjs';
import { StaffUser } from '../src/entities/staff-user.entity.js';
import { NAVIGATION } from '../src/admin/navigation.js';
import { filterPayload, secureActions, throwFieldErrors } from '../src/admin/secure-actions.js';
import { auditStaffChange, resetStaffPassword, updateStaffUser, validateStaffUser } from '../src/domain/staff/staff-accounts.js';
import { STAFF_ROLES, ROLE_LABELS } from '../src/policies/roles.js';
import { actorOfContext } from '../src/admin/context.js';
import { resetSecondFactor } from '../src/auth/second-factor.js';
import { options } from './options.js';
import { workflowAction } from '../src/admin/workflow-action.js';

const editable = ['email', 'name', 'role', 'active'];
// Never sent to the browser, never filterable nor sortable (secure-actions.ts).
const SECRET_PARAMS = ['passwordHash', 'totpSecret', 'totpLastStep'];

export const staffUserResource: ResourceWithOptions = {
  resource: StaffUser,
  options: {
    id: 'StaffUser',
    navigation: NAVIGATION.administration,
    sort: { sortBy: 'name', direction: 'asc' },
    titleProperty: 'name',
    listProperties: ['name', 'email', 'role', 'active', 'lastLoginAt', 'lockedUntil'],
    filterProperties: ['name', 'email', 'role', 'active'],
    showProperties: ['name', 'email', 'role', 'active', 'lastLoginAt', 'passwordChangedAt', 'mustChangePassword', 'totpEnrolledAt', 'failedAttempts', 'lockedUntil', 'createdAt', 'updatedAt'],
    editProperties: ['email', 'name', 'role', 'active', 'password'],
    properties: {
      role: { availableValues: options(STAFF_ROLES, ROLE_LABELS) },
      // Only on creation: afterwards the password is reset by the Administrateur or changed by its owner.
      password: { type: 'password', isVisible: { list: false, show: false, filter: false, edit: true } },
      passwordHash: { isVisible: false },
      totpSecret: { isVisible: false },
      totpLastStep: { isVisible: false },
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
      // The change, its journal entry and the « last Administrateur » rule in one transaction (domain).
      edit: {
        handler: async (request, _response, context) => {
          const { record, resource, currentAdmin, h } = context;
          if (request.method !== 'post') return { record: record!.toJSON(currentAdmin) };
          const payload = filterPayload(request.payload, editable);
          const result = await updateStaffUser(StaffUser.getRepository().manager.connection, actorOfContext(context), Number(record!.id()), payload);
          if (!result.ok) throwFieldErrors(result.errors, result.errors.length === 1 ? result.errors[0].message : undefined);
          const updated = await resource.findOne(String(result.value.id));
          return {
            record: updated!.toJSON(currentAdmin),
            redirectUrl: h.resourceUrl({ resourceId: resource.id() }),
            notice: { message: 'successfullyUpdated', type: 'success' },
          };
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
      // A lost phone: the agent enrols a new second factor at the next login. A POST from its own form
      // (confirmation first), like every action that changes something.
      resetSecondFactor: workflowAction({
        actionType: 'record',
        icon: 'Smartphone',
        intro: "Le secret et les codes de secours de l'agent sont effacés, ses sessions en cours fermées ; il enregistrera un nouveau second facteur à sa prochaine connexion.",
        fields: [],
        submitLabel: 'Réinitialiser le second facteur',
        confirm: "Réinitialiser le second facteur de cet agent ? Ses codes de secours ne serviront plus, ses sessions en cours seront fermées et il enregistrera un nouveau second facteur à sa prochaine connexion.",
        run: async (_payload, actor, context) => {
          const result = await resetSecondFactor(StaffUser.getRepository().manager.connection, actor, Number(context.record?.id()));
          return result.ok ? { ok: true, message: result.message } : { ok: false, message: result.message };
        },
      }),
    }, SECRET_PARAMS),
  },
};
