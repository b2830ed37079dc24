// The closed lists the forms offer, in the order people expect them.
import type { AgeBand, Gender, Sector, Stage, TerritoryLevel } from './types';

export const LEVELS: TerritoryLevel[] = ['municipality', 'association', 'province', 'department', 'other'];
export const STAGES: Stage[] = ['preparation', 'relevance', 'prioritization', 'actions', 'other'];
export const GENDERS: Gender[] = ['female', 'male', 'other', 'not_stated'];
export const SECTORS: Sector[] = [
  'public_administration',
  'municipality',
  'ngo',
  'university',
  'private',
  'community',
  'other',
];
export const AGE_BANDS: AgeBand[] = ['under_18', 'from_18_to_29', 'from_30_to_44', 'from_45_to_59', 'over_60'];
