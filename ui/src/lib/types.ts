// The shapes that cross the Tauri boundary. They mirror the serde types of
// `crates/core` field for field (snake_case); change both together.

export type Language = 'es' | 'en' | 'pt' | 'fr';
export type TerritoryLevel = 'municipality' | 'association' | 'province' | 'department' | 'other';
export type Stage = 'preparation' | 'relevance' | 'prioritization' | 'actions' | 'other';
export type Gender = 'female' | 'male' | 'other' | 'not_stated';
export type Sector =
  | 'public_administration'
  | 'municipality'
  | 'ngo'
  | 'university'
  | 'private'
  | 'community'
  | 'other';
export type AgeBand = 'under_18' | 'from_18_to_29' | 'from_30_to_44' | 'from_45_to_59' | 'over_60';

/** Every error from a command: `code` names a key under `error.` in the locale files. */
export interface AppError {
  code: string;
  message: string;
  /** Values to put into the localized message, e.g. {field: "title"}. */
  params: Record<string, string>;
}

export interface Country {
  code: string; // ISO 3166-1 alpha-2
  name: Record<Language, string>;
}

export interface Territory {
  id: string;
  name: string;
  level: TerritoryLevel;
  country: string; // ISO code, one of the 33 countries
}

export interface TerritoryInput {
  id: string | null; // null for a new territory
  name: string;
  level: TerritoryLevel;
  country: string;
}

export interface AgendaItem {
  id: string;
  title: string;
  stage: Stage;
  minutes: number;
}

export interface AgendaItemInput {
  id: string | null;
  title: string;
  stage: Stage;
  minutes: number;
}

export interface WorkshopSummary {
  id: string;
  title: string;
  start_date: string; // YYYY-MM-DD
  end_date: string;
  language: Language;
  territories: Territory[];
  is_example: boolean;
  archived: boolean;
  participant_count: number;
  updated_at: string; // RFC 3339 UTC
}

export interface Workshop {
  id: string;
  title: string;
  start_date: string;
  end_date: string;
  language: Language;
  facilitators: string[];
  territories: Territory[];
  agenda: AgendaItem[];
  is_example: boolean;
  archived: boolean;
  created_at: string;
  updated_at: string;
}

export interface WorkshopInput {
  title: string;
  start_date: string;
  end_date: string;
  language: Language;
  facilitators: string[];
  territories: TerritoryInput[];
  agenda: AgendaItemInput[];
}

export interface Participant {
  id: string;
  workshop_id: string;
  name: string;
  gender: Gender;
  sector: Sector;
  institution: string;
  territory_id: string | null;
  role: string;
  age_band: AgeBand | null;
  email: string | null;
  phone: string | null;
  consent_listed: boolean;
  attendance: string[]; // the workshop days (YYYY-MM-DD) the person attended
  created_at: string;
  updated_at: string;
}

export interface ParticipantInput {
  name: string;
  gender: Gender;
  sector: Sector;
  institution: string;
  territory_id: string | null;
  role: string;
  age_band: AgeBand | null;
  email: string | null;
  phone: string | null;
  consent_listed: boolean;
  attendance: string[];
}

export interface Count<K> {
  key: K;
  count: number;
}

export interface ParticipantTotals {
  total: number;
  by_gender: Count<Gender>[]; // every gender, in the order of the type, zeros included
  by_sector: Count<Sector>[]; // every sector, zeros included
  by_territory: { territory_id: string | null; name: string | null; count: number }[];
}

export interface CsvRowProblem {
  column: string | null;
  error: AppError;
}

export interface CsvPreviewRow {
  line: number; // 1-based line in the file, header is line 1
  participant: ParticipantInput | null; // null when the row cannot be read at all
  problems: CsvRowProblem[]; // empty = the row will be imported
}

export interface CsvPreview {
  rows: CsvPreviewRow[];
  valid: number;
  invalid: number;
}

export interface ExportResult {
  path: string;
  bytes: number;
}

export interface ImportReport {
  workshop_id: string;
  title: string;
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface ReportResult {
  path: string;
  pages: number;
  bytes: number;
}

export interface AppInfo {
  app_version: string;
  device_id: string;
  database_path: string;
  export_dir: string;
}

// ---- Stage 1: diagnostic (crates/core/src/indicators.rs, diagnostic.rs) ----

export type Direction = 'increase' | 'decrease' | 'none';
export type Light = 'met' | 'on_track' | 'insufficient' | 'regressing' | 'no_data';
export type NoDataReason =
  | 'no_values'
  | 'no_baseline'
  | 'single_point'
  | 'latest_before_baseline'
  | 'no_target'
  | 'no_direction';
export type TargetOrigin = 'national' | 'global' | 'local';

/** A territory of the workshop, or the country of one of them as a whole. */
export type Area = { kind: 'country'; id: string } | { kind: 'territory'; id: string };
/** What a cell holds: a number, or "not available" (never zero). */
export type Entry = { kind: 'number'; value: number } | { kind: 'not_available' };
/** null: each series starts at its first value; {kind:'year', year: 1990} as ECLAC counts. */
export type PeriodStart = { kind: 'first_observation' } | { kind: 'year'; year: number };

export interface AreaInfo {
  area: Area;
  name: string;
  country: string;
}

export interface Observation {
  year: number;
  value: number | null; // null = not available
  source: string;
}

export interface Point {
  year: number;
  value: number;
}

export interface Target {
  year: number;
  value: number;
  origin: TargetOrigin;
  source: string; // national: where adopted; global: the target's wording
}

export interface Pace {
  recent_per_year: number;
  average_per_year: number;
  projected_year: number | null; // null: never at this pace, or already met
  slowing: boolean;
  will_miss_despite_on_track: boolean;
}

export interface Assessment {
  light: Light;
  reason: NoDataReason | null;
  baseline: Point | null;
  latest: Point | null;
  start_year: number | null;
  target: Target | null;
  progress: number | null; // p
  elapsed: number | null; // τ, 0..1
  pace: Pace | null;
}

export interface Gap {
  difference: number; // territory latest − country latest
  behind: boolean;
  territory_year: number;
  country_year: number;
}

export interface SeriesSheet {
  area: Area;
  observations: Observation[];
  unit: string;
  unit_is_custom: boolean;
  baseline_year: number | null;
  local_target: Point | null;
  assessment: Assessment;
  gap: Gap | null;
}

export interface Ranked {
  key: Area;
  rank: number | null;
  light: Light;
  progress: number | null;
  latest: number | null;
}

export interface Inequality {
  best: Area;
  worst: Area;
  best_value: number;
  worst_value: number;
  ratio: number | null;
  range: number;
  std_dev: number;
}

export interface IndicatorComparison {
  ranking: Ranked[];
  inequality: Inequality | null;
}

export interface NationalTarget {
  year: number;
  value: number;
  source: string;
}

export interface IndicatorSheet {
  code: string;
  title: Record<Language, string>;
  unit: Record<Language, string>; // the catalogue's unit; SeriesSheet.unit when unit_is_custom
  targets: string[];
  direction: Direction;
  not_applicable: boolean;
  national_targets: Record<string, NationalTarget>; // by country code
  series: SeriesSheet[]; // one per Sheet.areas, same order
  comparison: IndicatorComparison | null; // null with fewer than two territories
}

export interface GoalSummary {
  worst: Light | null;
  met: number;
  on_track: number;
  insufficient: number;
  regressing: number;
  no_data: number;
  lagging_share: number | null;
}

export interface GoalRanked {
  key: Area;
  rank: number | null;
  mean_progress: number | null;
  assessed: number;
  lagging: number;
}

export interface GoalSheet {
  code: string;
  title: Record<Language, string>;
  targets: { code: string; title: Record<Language, string> }[];
  indicators: IndicatorSheet[];
  summaries: GoalSummary[]; // one per Sheet.areas
  comparison: GoalRanked[]; // empty with fewer than two territories
}

export interface Sheet {
  workshop_id: string;
  period_start: PeriodStart;
  areas: AreaInfo[];
  years: number[];
  goals: GoalSheet[];
}

export interface ValueInput {
  indicator: string;
  area: Area;
  year: number;
  entry: Entry;
  source: string | null; // null keeps the cell's source
}

export interface SeriesSettings {
  unit: string | null;
  baseline_year: number | null;
  local_target: Point | null;
}

export interface IndicatorCsvRow {
  line: number;
  indicator: string;
  territory: string;
  year: string;
  value: string;
  source: string;
  problems: CsvRowProblem[];
  replaces: boolean; // the row changes a value already in the workshop…
  current_value: number | null; // …which is this one (null: not available)
}

export interface IndicatorCsvPreview {
  rows: IndicatorCsvRow[]; // every row with a problem, then the first valid ones
  valid: number;
  invalid: number;
  replacing: number;
}

export interface ImportProgress {
  done: number;
  total: number;
}

// ---- Stage 1: relevance dialogue (crates/core/src/relevance.rs, voting.rs) ----

export interface ScaleTally {
  scale: { min: number; max: number };
  counts: number[]; // per value, min first, all channels together
  hand_counts: number[]; // the hands counted per value, min first
  by_channel: { phone: number; paper: number; hands: number };
  n: number;
  mean: number | null;
  median: number | null;
  std_dev: number | null;
}

export interface GoalRelevance {
  goal: string;
  title: Record<Language, string>;
  rank: number | null;
  tally: ScaleTally | null;
  notes: string;
  lights: GoalSummary[]; // one per Sheet.areas
}

export interface Relevance {
  goals: GoalRelevance[]; // most relevant first
}

// ---- Voting (crates/core/src/voting.rs, room.rs; src-tauri/src/commands/voting.rs) ----

export type QuestionKind =
  | 'scale'
  | 'single'
  | 'multiple'
  | 'points'
  | 'dots'
  | 'ranking'
  | 'grid'
  | 'scores' // each option (a candidate) scored 1–5 on each criterion
  | 'ideas'; // short texts proposed by the room
export type QuestionState = 'draft' | 'open' | 'closed';

export interface QuestionOption {
  id: string;
  label: string;
}

export interface Question {
  id: string;
  kind: QuestionKind;
  subject: string;
  prompt: string;
  scale: { min: number; max: number } | null;
  options: QuestionOption[];
  criteria: QuestionOption[]; // scores: what each option is scored on; [] otherwise
  budget: number | null; // points: total (null = 100); dots: per person (null = 3); multiple: most choices
  requires_code: boolean;
  state: QuestionState;
  revealed: boolean;
}

export interface QuestionInput {
  kind: QuestionKind;
  prompt: string;
  subject?: string;
  options: string[]; // labels; not for scale
  criteria?: string[]; // scores: criterion labels
  scale: { min: number; max: number } | null;
  budget: number | null;
  requires_code: boolean;
}

export interface ByChannel {
  phone: number;
  paper: number;
  hands: number;
}

export interface OptionTally {
  option: string;
  label: string;
  count: number; // choices: ballots; points/dots: sum; ranking: first places; grid: ballots placing it
  mean: number | null; // points/dots: per ballot; ranking: mean position (1 = first)
  borda: number | null;
  hands: number; // single/multiple: the hands counted for it (part of count)
  impact: number | null; // grid, 0..1
  feasibility: number | null;
}

export type Tally =
  | ({ kind: 'scale' } & ScaleTally)
  | { kind: 'options'; question_kind: QuestionKind; options: OptionTally[]; by_channel: ByChannel; n: number }
  | { kind: 'scores'; options: ScoredOption[]; criteria: QuestionOption[]; by_channel: ByChannel; n: number }
  | { kind: 'ideas'; ideas: IdeaCount[]; by_channel: ByChannel; n: number };

export interface ScoredOption {
  option: string;
  label: string;
  n: number; // ballots that scored it
  means: (number | null)[]; // per criterion, in the question's order
}

export interface IdeaCount {
  text: string; // as the first person wrote it
  count: number;
}

export interface RoomState {
  question: Omit<Question, 'subject'> | null; // the open one, else the last closed
  counts: { phones: number; ballots: number };
  results: Tally | null; // only once revealed
  standing?: PrioritizationResults; // the weighted ranking, when the revealed question is the scoring
}

export type Localized = Record<Language, string>;

// ---- Stage 2 (crates/core/src/prioritization.rs, vester.rs; src-tauri/src/commands/stage2.rs) ----

export type SubjectKind = 'goal' | 'target';
export type CandidateOrigin = 'proposed' | 'added';
export type WeightMethod = 'equal' | 'points' | 'voted' | 'pairwise';
export type DefaultCriterion = 'gap' | 'trend' | 'vulnerable' | 'competence' | 'feasibility' | 'links' | 'urgency';
export type WeightIssue = 'points_not_hundred' | 'points_missing' | 'no_votes'; // equal weights are used until fixed
export type Agreement = 'high' | 'medium' | 'low'; // spread ≤ 0.5, ≤ 1, above

export interface CandidateReason {
  indicator: string;
  indicator_title: Localized;
  area: string; // area name
  light: Light; // 'regressing' | 'insufficient'
  gap: number | null; // territory − country
  behind: boolean;
}

export interface Proposal {
  kind: SubjectKind;
  code: string;
  title: Localized;
  reasons: CandidateReason[];
}

export interface Candidate {
  id: string;
  kind: SubjectKind;
  code: string;
  title: Localized;
  label: string; // "Meta 4.A: …" in the workshop's language, what phones show
  origin: CandidateOrigin;
  reasons: CandidateReason[];
}

export interface Criterion {
  id: string;
  key: DefaultCriterion | null;
  label: string; // custom, else the default's in the workshop's language
  custom: boolean;
  points: number | null; // of the 100 typed
}

export interface Pair {
  first: string; // criterion id
  second: string;
  value: number; // how much more `first` matters: 1/9 … 9
}

export interface Ahp {
  weights: number[];
  lambda_max: number;
  consistency_index: number;
  consistency_ratio: number;
  consistent: boolean; // ratio ≤ 0.10
}

export interface QuestionStatus {
  id: string;
  state: QuestionState;
  revealed: boolean;
  ballots: number;
}

export interface Weights {
  method: WeightMethod;
  values: number[]; // per criterion in order, sum 1
  issue: WeightIssue | null;
  points_total: number;
  pairs: Pair[];
  ahp: Ahp | null;
  vote: QuestionStatus | null;
}

export interface CriterionScore {
  mean: number | null; // 1–5
  contribution: number | null; // weight × mean
}

export interface CandidateScore {
  candidate: number; // index into PrioritizationResults.candidates
  n: number;
  weighted: number | null; // 1–5
  median: number | null;
  spread: number | null; // population SD of people's weighted totals
  agreement: Agreement | null;
  criteria: CriterionScore[]; // per criterion, in order
  rank: number | null; // 1 = first; ties share
  tied: boolean;
}

export interface Scenario {
  first: number[]; // candidate indices first under these weights (>1 = tie)
  changes: boolean; // differs from the first place under the chosen weights
  dropped: number | null; // criterion index left out
}

export interface Ranking {
  candidates: CandidateScore[]; // best first; unscored last
  sensitivity: { equal_weights: Scenario | null; without_heaviest: Scenario | null };
}

export interface Named {
  id: string;
  label: string;
}

export interface PrioritizationResults {
  candidates: Named[];
  criteria: Named[];
  weights: number[];
  ranking: Ranking;
  scorers: number;
}

export interface Lighter {
  kind: 'dots' | 'ranking';
  question: QuestionStatus;
  tally: Tally;
}

export interface Decision {
  candidate: string;
  kind: SubjectKind;
  code: string;
  title: Localized;
  label: string;
  reasons: string;
  decided_at: string;
}

export interface GroupScores {
  candidate: string;
  scores: (number | null)[]; // per criterion in order
}

export interface Board {
  candidates: Candidate[];
  proposals: Proposal[]; // lagging targets not yet candidates
  criteria: Criterion[];
  weights: Weights;
  scoring: QuestionStatus | null; // the phones' scoring question, once made
  group_scores: GroupScores[];
  results: PrioritizationResults;
  lighter: Lighter[];
  decision: Decision | null;
}

export type Quadrant = 'critical' | 'active' | 'passive' | 'indifferent';
export type TreePlace = 'root' | 'cause' | 'effect' | 'aside';

export interface Cause {
  id: string;
  label: string;
  sources: string[]; // the phones' ideas merged into it
  active: number;
  passive: number;
  quadrant: Quadrant;
  place: TreePlace; // the facilitator's choice, else the quadrant's
  place_moved: boolean;
}

export interface VesterMatrix {
  causes: Cause[];
  values: (number | null)[][]; // [i][j]: influence of i on j; null unfilled (always on the diagonal)
  threshold: number; // mean sum: above it is high
  filled: number;
  cells: number;
  ideas: { question: string; state: QuestionState; tally: Tally } | null;
}

export interface NetworkAddress {
  interface: string;
  ip: string;
}

export interface VotingSession {
  workshop_id: string;
  url: string; // with ?pin=
  pin: string;
  address: string; // ip:port
}

// ---- Stage 3 (crates/core/src/actions.rs, actions/{plan,commitments,follow_up}.rs, actors.rs,
// institutions.rs; src-tauri/src/commands/stage3.rs). Dates are 'YYYY-MM-DD'. ----

export interface StrategicLine {
  id: string;
  title: string;
}

/** An actor an action counts on, and what it brings. */
export interface Partner {
  actor: string; // actor id
  role: string;
}

export interface Action {
  id: string;
  line: string; // strategic line id
  title: string;
  goal: string; // the action's goal (meta), in the room's words
  mdg_target: string | null; // catalogue target code, e.g. "5.A"
  indicator_name: string;
  indicator_unit: string;
  indicator_code: string | null; // when it is one of the catalogue's 60
  baseline_value: number | null;
  baseline_date: string | null;
  target_value: number | null;
  target_date: string | null;
  responsible_unit: string;
  partners: Partner[];
  start_date: string | null;
  end_date: string | null;
  amount: number | null;
  currency: string | null; // ISO 4217
  funding_source: string;
  area: string | null; // institutional area id
  risks: string;
  impact: number | null; // 1–5
  feasibility: number | null;
  updated_at: string;
}

/** An action as the screen sends it: dates as typed ('' or null for none), so a bad one is named in the error. */
export interface ActionInput {
  line: string | null;
  title: string;
  goal: string;
  mdg_target: string | null;
  indicator_name: string;
  indicator_unit: string;
  indicator_code: string | null;
  baseline_value: number | null;
  baseline_date: string | null;
  target_value: number | null;
  target_date: string | null;
  responsible_unit: string;
  partners: Partner[];
  start_date: string | null;
  end_date: string | null;
  amount: number | null;
  currency: string | null;
  funding_source: string;
  area: string | null;
  risks: string;
  impact: number | null;
  feasibility: number | null;
}

/** The room's mean placement of one action on the 2×2. */
export interface RoomPlacement {
  action: string;
  impact: number; // 0–1, as the phones place it
  feasibility: number;
  impact_1_5: number; // the same on the facilitator's scale
  feasibility_1_5: number;
  n: number; // ballots that placed it
}

export interface RoomVote {
  question: QuestionStatus;
  placements: RoomPlacement[]; // actions no ballot placed are left out
}

export interface ActionBoard {
  decision: Decision | null; // the prioritized MDG or target
  lines: StrategicLine[];
  actions: Action[]; // by line, in the lines' order
  actors: Actor[];
  areas: InstitutionalArea[];
  currency: string | null; // the default for new actions
  room: RoomVote | null;
  without_responsible: string[]; // action ids that block closing the stage
  closed_at: string | null; // RFC 3339
}

// Management plan (actions/plan.rs)

export interface Span {
  start: string;
  end: string;
  months: number; // calendar months touched, both ends included
}

export interface Money {
  currency: string | null;
  amount: number;
}

export interface SourceTotal {
  source: string; // '' when none was given
  currency: string | null;
  amount: number;
  actions: number;
}

export interface PlanAction {
  action: string;
  title: string;
  responsible_unit: string;
  span: Span | null;
  amount: number | null;
  currency: string | null;
  funding_source: string;
}

export interface PlanLine {
  line: string;
  title: string;
  actions: PlanAction[];
  span: Span | null;
  totals: Money[];
}

export interface Responsibility {
  unit: string;
  actions: string[];
}

export interface ManagementPlan {
  lines: PlanLine[];
  span: Span | null;
  unscheduled: string[]; // action ids without both dates
  by_source: SourceTotal[];
  by_currency: Money[];
  responsibilities: Responsibility[];
}

// Agenda of commitments (actions/commitments.rs)

export interface Commitment {
  id: string;
  who: string;
  institution: string;
  what: string;
  due: string | null;
  action: string | null;
  action_title: string | null;
}

export interface CommitmentInput {
  who: string;
  institution: string;
  what: string;
  due: string | null; // as typed
  action: string | null;
}

/** A table file written for the facilitator to take away (tables.rs `Written`). */
export interface TableFile {
  path: string;
  bytes: number;
}

// Follow-up program (actions/follow_up.rs)

export type ActionStatus = 'not_started' | 'in_progress' | 'done' | 'dropped';
export type CheckpointState = 'upcoming' | 'reached' | 'missed' | 'waived';

export interface Review {
  id: string;
  date: string;
  title: string;
  notes: string;
}

export interface Checkpoint {
  id: string;
  action: string;
  date: string;
  expected: number;
}

export interface StatusUpdate {
  id: string;
  action: string;
  session_date: string;
  review: string | null;
  status: ActionStatus;
  percent: number | null; // only in progress
  comment: string;
  recorded_at: string;
}

export interface Reading {
  id: string;
  action: string;
  date: string;
  value: number;
  comment: string;
}

export interface StatusInput {
  action: string;
  session_date: string; // as typed
  review?: string | null;
  status: ActionStatus;
  percent?: number | null;
  comment?: string;
}

export type ProgramEntry =
  | { kind: 'review'; review: string; date: string; title: string }
  | {
      kind: 'checkpoint';
      checkpoint: string;
      date: string;
      action: string;
      action_title: string;
      indicator: string;
      unit: string;
      expected: number;
    };

export interface ActionState {
  action: string;
  title: string;
  end_date: string | null;
  status: ActionStatus; // not started when nothing was recorded
  percent: number | null;
  latest: StatusUpdate | null;
  history: StatusUpdate[]; // up to today, oldest first
  overdue: boolean;
  readings: Reading[];
}

export interface CheckpointStatus {
  checkpoint: Checkpoint;
  state: CheckpointState;
  reading: Reading | null; // the first on or after its date
  on_target: boolean | null;
}

export interface FollowUpState {
  today: string;
  actions: ActionState[];
  overdue: string[];
  checkpoints: CheckpointStatus[];
  missed: string[];
}

export interface FollowUpBoard {
  reviews: Review[];
  checkpoints: Checkpoint[];
  program: ProgramEntry[];
  state: FollowUpState;
}

// Actor map (actors.rs)

export type ActorType = 'public' | 'private' | 'civil_society' | 'international' | 'academia';
export type Stance = 'supportive' | 'neutral' | 'opposed';
export type Engagement = 'manage_closely' | 'keep_satisfied' | 'keep_informed' | 'monitor';

export interface Actor {
  id: string;
  name: string;
  kind: ActorType;
  stance: Stance | null;
  power: number | null; // 1–5
  interest: number | null;
  notes: string;
  engagement: Engagement | null; // once both power and interest are given
}

export interface ActorInput {
  name: string;
  kind: ActorType;
  stance?: Stance | null;
  power?: number | null;
  interest?: number | null;
  notes?: string;
}

export interface ActorQuadrant {
  engagement: Engagement;
  actors: string[];
}

export interface ActorGrid {
  quadrants: ActorQuadrant[];
  unplaced: string[];
}

export interface Partnering {
  actor: string;
  actions: string[];
}

export interface ActorBoard {
  actors: Actor[];
  grid: ActorGrid;
  partnering: Partnering[];
}

// Institutional analysis (institutions.rs)

export type DefaultArea =
  | 'planning'
  | 'finance'
  | 'social_development'
  | 'health'
  | 'education'
  | 'information_systems'
  | 'human_resources'
  | 'coordination'
  | 'participation';
export type GovernmentLevel = 'national' | 'regional' | 'municipal';

export interface InstitutionalArea {
  id: string;
  key: DefaultArea | null;
  label: string; // custom, else the default's in the workshop's language
  custom: boolean;
  capacity: number | null; // 1 weak … 5 strong
  gaps: string;
}

export interface Competence {
  level: GovernmentLevel;
  unit: string;
  notes: string;
}

export interface TargetCompetences {
  code: string;
  title: Localized;
  competences: Competence[]; // levels not recorded are absent
}

export interface ActionRef {
  id: string;
  title: string;
}

export interface AreaAnalysis {
  area: InstitutionalArea;
  needs_strengthening: boolean; // capacity ≤ 2
  actions: ActionRef[];
}

export interface InstitutionalAnalysis {
  decision: Decision | null;
  targets: TargetCompetences[];
  areas: AreaAnalysis[];
  to_strengthen: string[]; // area ids
  unaddressed: string[]; // of those, the ones no action addresses
}

// Coordinator view (src-tauri/src/commands/coordinator.rs, crates/core/src/coordinator.rs)

/** Which workshops the view keeps; null keeps every workshop. Dates are YYYY-MM-DD. */
export interface CoordinatorFilter {
  /** ISO code, or a country's name in any language. */
  country: string | null;
  /** Part of a territory's name. */
  municipality: string | null;
  from: string | null;
  to: string | null;
  /** The prioritized MDG, 1..8. */
  goal: number | null;
  /** Part of a facilitator's name. */
  facilitator: string | null;
}

export interface CountryCount {
  country: string; // ISO code
  workshops: number;
  municipalities: number;
  participants: number;
  women: number;
  men: number;
}

export interface CoordinatorTotals {
  workshops: number;
  municipalities: number;
  countries: number;
  participants: number;
  /** Every gender in a fixed order, zeros included. */
  by_gender: [Gender, number][];
  by_sector: [Sector, number][];
  /** Most participants first. */
  by_country: CountryCount[];
  /** [goal 1..8, how many workshops prioritized it], all eight. */
  goals: [number, number][];
  commitments: number;
  overdue: number;
}

export interface CoordinatorWorkshop {
  id: string;
  title: string;
  start_date: string;
  countries: string[]; // ISO codes
  territories: string[];
  facilitators: string[];
  participants: number;
  women: number;
  men: number;
  /** "5" (a goal) or "5.B" (a target). */
  prioritized: string | null;
  goal: number | null;
  actions: number;
  commitments: number;
  overdue: number;
  device_id: string;
  updated_at: string;
}

export interface CoordinatorCommitment {
  workshop_id: string;
  workshop: string;
  /** ISO codes joined by ", ". */
  country: string;
  municipality: string;
  who: string;
  institution: string;
  what: string;
  due_date: string | null;
  action: string | null;
  status: ActionStatus | null;
  percent: number | null;
  overdue: boolean;
  days_overdue: number | null;
}

/** A row changed on two devices, as merging found it. */
export interface MergeConflict {
  id: string;
  workshop_id: string;
  workshop: string;
  table: string;
  row_id: string;
  kept_device: string;
  kept_updated_at: string;
  kept: Record<string, unknown>;
  lost_device: string;
  lost_updated_at: string;
  lost: Record<string, unknown>;
  detected_at: string;
  resolved_at: string | null;
}

export interface CoordinatorSource {
  /** A hub's database open read-only, or null for this computer's. */
  hub_path: string | null;
  read_only: boolean;
}

export interface CoordinatorDashboard {
  source: CoordinatorSource;
  /** "711 participantes, 342 mujeres y 369 hombres, de 20 países". */
  summary: string;
  totals: CoordinatorTotals;
  /** The eight MDGs' titles in the requested language, goal 1 first. */
  goal_titles: string[];
  workshops: CoordinatorWorkshop[];
  commitments: CoordinatorCommitment[];
  conflicts: MergeConflict[];
}

/** Who signed a bundle, offered to trust. */
export interface BundleSigner {
  device_id: string;
  public_key: string;
  fingerprint: string;
  workshop_title: string;
}

export type MergeOutcome = 'new' | 'updated' | 'unchanged';

export interface MergedFile {
  result: 'merged';
  workshop_id: string;
  title: string;
  device_id: string;
  outcome: MergeOutcome;
  inserted: number;
  updated: number;
  unchanged: number;
  conflicts: number;
}

export interface RejectedFile {
  result: 'rejected';
  error: AppError;
  signer: BundleSigner | null;
}

/** One file of an import: where it was and what became of it. */
export type FileReport = { path: string; name: string } & (MergedFile | RejectedFile);

export interface CoordinatorImportProgress {
  done: number;
  total: number;
  file: FileReport;
}

/** A device a person decided to trust, with the key its file was signed with. */
export interface TrustedDeviceInput {
  device_id: string;
  public_key: string;
  label: string;
}

// Sync with a coordinator's hub (src-tauri/src/commands/sync.rs, crates/core/src/sync.rs)

export interface OutboxEntry {
  workshop_id: string;
  title: string;
}

export interface SyncStatus {
  hub_url: string | null;
  enrolled_at: string | null;
  last_attempt_at: string | null;
  last_success_at: string | null;
  /** The last failure as a core error (translated by errorText); null after a success. */
  last_error: AppError | null;
  /** Workshops changed since the hub last acknowledged them. */
  outbox: OutboxEntry[];
}
