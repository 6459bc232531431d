// Routes an operator uses for one municipality (`?localGovernmentCode=`): an operator admin names it; municipality
// staff act for their own, which is also the default, and asking for another is forbidden.
import { z } from '@hono/zod-openapi';
import { AuthError } from '../accounts/index.ts';
import type { Principal } from './principal.ts';
import { RequestError } from './request-error.ts';

/** The query field, 全国地方公共団体コード (6 digits). */
export const localGovernmentCodeQuery = z
  .string()
  .regex(/^\d{6}$/)
  .optional();

export function actingMunicipality(principal: Principal, asked: string | undefined): string {
  if (principal.role === 'operator-admin') {
    if (asked === undefined)
      throw new RequestError('request.invalid', 'name a municipality (localGovernmentCode)');
    return asked;
  }
  const own = 'localGovernmentCode' in principal ? principal.localGovernmentCode : null;
  if (own === null || (asked !== undefined && asked !== own)) {
    throw new AuthError('auth.forbidden', 'municipality staff act for their own municipality only');
  }
  return own;
}
