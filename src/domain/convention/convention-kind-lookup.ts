// The lookup of the forms that record Cafpro paperwork (access requests, designations): the
// convention's number and kind, since a data-provision convention gives no Cafpro access
// (convention.rules.ts conventionKindRules).
import type { EntityManager } from 'typeorm';
import { Convention } from '../../entities/convention.entity.js';

/** The convention's number and kind, or null when it does not exist. */
export const conventionNumberAndKind = (manager: EntityManager) => (id: number) =>
  manager.findOne(Convention, { where: { id }, select: { id: true, number: true, kind: true } });
