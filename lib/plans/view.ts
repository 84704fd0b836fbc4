// The public shape of a plan (snake_case like the rest of the API) and the input schema
// shared by the admin API and the admin form. Browser-safe: no server imports.

export interface PlanView {
  id: number;
  code: string;
  name: string;
  cpu: number;
  ram: number; // MB
  disk: number; // GB
  os_choices: string[];
  description: string;
  price_monthly: number | null;
  snapshot_limit: number;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

export interface PlanRow {
  id: number;
  code: string;
  name: string;
  cpu: number;
  ramMb: number;
  diskGb: number;
  osChoices: string[];
  description: string;
  priceMonthly: number | null;
  snapshotLimit: number;
  isActive: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export function toPlanView(p: PlanRow): PlanView {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    cpu: p.cpu,
    ram: p.ramMb,
    disk: p.diskGb,
    os_choices: p.osChoices,
    description: p.description,
    price_monthly: p.priceMonthly,
    snapshot_limit: p.snapshotLimit,
    is_active: p.isActive,
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
  };
}

// The input schemas live in ./schemas.ts; re-exported for the admin form's existing import.
export { createPlanSchema, planFields, updatePlanSchema, type CreatePlanInput, type UpdatePlanInput } from "./schemas";
