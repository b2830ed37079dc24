// The shapes of docs/lan-api.yaml, the only interface between this page and the
// laptop's server (crates/lan). Keep them in step with that file.

export type Language = 'es' | 'en' | 'pt' | 'fr';

export type Kind = 'scale' | 'single' | 'multiple' | 'points' | 'dots' | 'ranking' | 'grid' | 'scores' | 'ideas';

export interface Joined {
  device_token: string;
  workshop_title: string;
  language: Language;
}

export interface Option {
  id: string;
  label: string;
}

export interface Question {
  id: string;
  kind: Kind;
  prompt: string;
  options: Option[];
  /** Scores: what each option (a candidate) is scored on, 1–5. */
  criteria?: Option[];
  scale?: { min: number; max: number } | null;
  budget?: number | null;
  requires_code?: boolean;
  state: 'open' | 'closed';
}

export interface Counts {
  phones: number;
  ballots: number;
}

export interface State {
  question: Question | null;
  counts: Counts;
  /** Absent from `state` events: only GET /api/state knows it. */
  my_ballot?: Answer | null;
  /** The tally once revealed; its shape per kind is read by results.ts. */
  results?: unknown;
  /** The weighted ranking, when the revealed question is the prioritization's scoring; read by results.ts. */
  standing?: unknown;
}

/** A grid placement: each axis from 0 (low) to 1 (high). */
export interface Placement {
  impact: number;
  feasibility: number;
}

export type Answer =
  | { value: number }
  | { option: string }
  | { options: string[] }
  | { points: Record<string, number> }
  | { dots: Record<string, number> }
  | { order: string[] }
  | { placements: Record<string, Placement> }
  /** Option id → criterion id → 1–5; every option sent carries every criterion. */
  | { scores: Record<string, Record<string, number>> }
  | { ideas: string[] };

export interface BallotInput {
  question_id: string;
  client_ballot_id: string;
  voting_code?: string;
  answer: Answer;
}

/** A failed request: the server's `code` (or `network`) and the HTTP status (0 when none came). */
export interface Failure {
  code: string;
  status: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: Failure };
