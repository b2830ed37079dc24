// The one place that calls `invoke`. Each function names one Tauri command of
// src-tauri/src/commands.rs; arguments are passed as camelCase keys, which Tauri
// maps to the commands' snake_case parameters.
import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type {
  CoordinatorDashboard,
  CoordinatorFilter,
  CoordinatorImportProgress,
  CoordinatorSource,
  FileReport,
  SyncStatus,
  TrustedDeviceInput,
  ActionBoard,
  ActionInput,
  ActorBoard,
  ActorInput,
  Commitment,
  CommitmentInput,
  FollowUpBoard,
  GovernmentLevel,
  InstitutionalAnalysis,
  ManagementPlan,
  TableFile,
  StatusInput,
  Board,
  SubjectKind,
  VesterMatrix,
  TreePlace,
  WeightMethod,
  NetworkAddress,
  Question,
  QuestionInput,
  RoomState,
  Tally,
  VotingSession,
  AppInfo,
  Area,
  IndicatorCsvPreview,
  NationalTarget,
  PeriodStart,
  Relevance,
  SeriesSettings,
  Sheet,
  ValueInput,
  Country,
  CsvPreview,
  ExportResult,
  ImportReport,
  Language,
  Participant,
  ParticipantInput,
  ParticipantTotals,
  ReportResult,
  Workshop,
  WorkshopInput,
  WorkshopSummary,
} from './types';

export const appInfo = () => invoke<AppInfo>('app_info');
export const countries = () => invoke<Country[]>('countries');

export const listWorkshops = (includeArchived: boolean) =>
  invoke<WorkshopSummary[]>('list_workshops', { includeArchived });
export const getWorkshop = (id: string) => invoke<Workshop>('get_workshop', { id });
export const createWorkshop = (input: WorkshopInput) => invoke<Workshop>('create_workshop', { input });
export const updateWorkshop = (id: string, input: WorkshopInput) =>
  invoke<Workshop>('update_workshop', { id, input });
export const setWorkshopArchived = (id: string, archived: boolean) =>
  invoke<void>('set_workshop_archived', { id, archived });

export const listParticipants = (workshopId: string) =>
  invoke<Participant[]>('list_participants', { workshopId });
export const addParticipant = (workshopId: string, input: ParticipantInput) =>
  invoke<Participant>('add_participant', { workshopId, input });
export const updateParticipant = (workshopId: string, id: string, input: ParticipantInput) =>
  invoke<Participant>('update_participant', { workshopId, id, input });
export const removeParticipant = (workshopId: string, id: string) =>
  invoke<void>('remove_participant', { workshopId, id });
export const participantTotals = (workshopId: string) =>
  invoke<ParticipantTotals>('participant_totals', { workshopId });
export const previewParticipantsCsv = (workshopId: string, path: string) =>
  invoke<CsvPreview>('preview_participants_csv', { workshopId, path });
/** Imports the rows of the file that the preview showed as valid; returns how many. */
export const importParticipantsCsv = (workshopId: string, path: string) =>
  invoke<number>('import_participants_csv', { workshopId, path });

/** `path` null writes into the export folder (AppInfo.export_dir) under a name made from the title. */
export const exportBundle = (workshopId: string, path: string | null) =>
  invoke<ExportResult>('export_bundle', { workshopId, path });
export const importBundle = (path: string) => invoke<ImportReport>('import_bundle', { path });
/** `path` null writes into the export folder; `language` is the report's language. */
export const writeReport = (workshopId: string, path: string | null, language: Language) =>
  invoke<ReportResult>('write_report', { workshopId, path, language });
/** Opens a file or folder with the system's default program. */
export const openPath = (path: string) => invoke<void>('open_path', { path });

// Stage 1. Every edit of the diagnostic returns the recomputed sheet.
export const diagnosticSheet = (workshopId: string) => invoke<Sheet>('diagnostic_sheet', { workshopId });
export const setIndicatorValue = (workshopId: string, value: ValueInput) =>
  invoke<Sheet>('set_indicator_value', { workshopId, value });
export const clearIndicatorValue = (workshopId: string, indicator: string, area: Area, year: number) =>
  invoke<Sheet>('clear_indicator_value', { workshopId, indicator, area, year });
export const setIndicatorSeries = (
  workshopId: string,
  indicator: string,
  area: Area,
  settings: SeriesSettings,
) => invoke<Sheet>('set_indicator_series', { workshopId, indicator, area, settings });
export const setNationalTarget = (
  workshopId: string,
  country: string,
  indicator: string,
  target: NationalTarget | null,
) => invoke<Sheet>('set_national_target', { workshopId, country, indicator, target });
export const setIndicatorNotApplicable = (workshopId: string, indicator: string, notApplicable: boolean) =>
  invoke<Sheet>('set_indicator_not_applicable', { workshopId, indicator, notApplicable });
export const setPeriodStart = (workshopId: string, start: PeriodStart) =>
  invoke<Sheet>('set_period_start', { workshopId, start });
export const previewIndicatorCsv = (workshopId: string, path: string) =>
  invoke<IndicatorCsvPreview>('preview_indicator_csv', { workshopId, path });
/** Imports the valid rows; emits `indicator-import-progress` events ({done, total}) meanwhile. */
export const importIndicatorCsv = (workshopId: string, path: string) =>
  invoke<number>('import_indicator_csv', { workshopId, path });

export const relevanceSummary = (workshopId: string) => invoke<Relevance>('relevance_summary', { workshopId });
/** counts[0] is the number of hands for rating 1, counts[4] for rating 5. */
export const setRelevanceHands = (workshopId: string, goal: string, counts: number[]) =>
  invoke<Relevance>('set_relevance_hands', { workshopId, goal, counts });
export const setGoalNotes = (workshopId: string, goal: string, notes: string) =>
  invoke<void>('set_goal_notes', { workshopId, goal, notes });

// Voting. The LAN server runs only between startVoting and stopVoting.
export const networkAddresses = () => invoke<NetworkAddress[]>('network_addresses');
/** port 0 lets the system choose a free port. */
export const startVoting = (workshopId: string, ip: string, port: number) =>
  invoke<VotingSession>('start_voting', { workshopId, ip, port });
export const stopVoting = () => invoke<void>('stop_voting');
export const votingSession = () => invoke<VotingSession | null>('voting_session');
export const listQuestions = (workshopId: string) => invoke<Question[]>('list_questions', { workshopId });
export const createQuestion = (workshopId: string, input: QuestionInput) =>
  invoke<Question>('create_question', { workshopId, input });
/** Opening a question closes the one that was open. */
export const setQuestionOpen = (workshopId: string, id: string, open: boolean) =>
  invoke<Question>('set_question_open', { workshopId, id, open });
export const setQuestionRevealed = (workshopId: string, id: string, revealed: boolean) =>
  invoke<Question>('set_question_revealed', { workshopId, id, revealed });
export const questionResults = (id: string) => invoke<Tally>('question_results', { id });
export const roomState = (workshopId: string) => invoke<RoomState>('room_state', { workshopId });
/** A paper ballot keyed in by its printed id; the same id twice is refused (paper_keyed_twice). */
export const keyPaperBallot = (id: string, ballot: string, answer: unknown) =>
  invoke<Tally>('key_paper_ballot', { id, ballot, answer });
/** counts: [scale value or option id, hands]. */
export const setQuestionHands = (id: string, counts: [string, number][]) =>
  invoke<Tally>('set_question_hands', { id, counts });
export const makeVotingCodes = (workshopId: string, count: number) =>
  invoke<string[]>('make_voting_codes', { workshopId, count });
export const qrSvg = (text: string) => invoke<string>('qr_svg', { text });
export const wifiQrText = (ssid: string, password: string) => invoke<string>('wifi_qr_text', { ssid, password });
/** Opens the projected window (full screen on a second display when there is one). */
export const openPresenter = () => invoke<void>('open_presenter');
/** The printable join card of the running session (Wi-Fi QR if a network name is given, address QR, PIN). */
export const writeJoinCard = (ssid: string, password: string, path: string | null, language: Language) =>
  invoke<ReportResult>('write_join_card', { ssid, password, path, language });
/** Prints paper ballots for a question, each with a new short id (only printed ids can be keyed in). */
export const writePaperBallots = (
  workshopId: string,
  id: string,
  count: number,
  path: string | null,
  language: Language,
) => invoke<ReportResult>('write_paper_ballots', { workshopId, id, count, path, language });
/** Opens a goal's relevance rating (1–5) to the phones; it adds to the hands counted. */
export const openRelevanceVote = (workshopId: string, goal: string) =>
  invoke<Question>('open_relevance_vote', { workshopId, goal });

// ---- Stage 2: prioritization and the Vester matrix. Each edit answers with the whole board or matrix. ----

/** The board; the first visit sets the workshop up (default criteria, equal weights). */
export const prioritizationBoard = (workshopId: string) => invoke<Board>('prioritization_board', { workshopId });
export const addCandidate = (workshopId: string, kind: SubjectKind, code: string) =>
  invoke<Board>('add_candidate', { workshopId, kind, code });
/** Adds every lagging target the diagnostic proposes. */
export const addProposedCandidates = (workshopId: string) => invoke<Board>('add_proposed_candidates', { workshopId });
export const removeCandidate = (workshopId: string, candidateId: string) =>
  invoke<Board>('remove_candidate', { workshopId, candidateId });
export const addCriterion = (workshopId: string, label: string) => invoke<Board>('add_criterion', { workshopId, label });
/** An empty label gives a default criterion its translated name back. */
export const renameCriterion = (workshopId: string, criterionId: string, label: string) =>
  invoke<Board>('rename_criterion', { workshopId, criterionId, label });
export const removeCriterion = (workshopId: string, criterionId: string) =>
  invoke<Board>('remove_criterion', { workshopId, criterionId });
export const setWeightMethod = (workshopId: string, method: WeightMethod) =>
  invoke<Board>('set_weight_method', { workshopId, method });
/** Every criterion's points at once; refused (weights_not_hundred) unless they add up to 100. */
export const setWeightPoints = (workshopId: string, points: [string, number][]) =>
  invoke<Board>('set_weight_points', { workshopId, points });
/** How much more `first` matters than `second`: 1…9 or 1/2…1/9. */
export const setPairwise = (workshopId: string, first: string, second: string, value: number) =>
  invoke<Board>('set_pairwise', { workshopId, first, second, value });
/** Phones share 100 points among the criteria; the weights become their mean. */
export const openWeightVote = (workshopId: string) => invoke<Board>('open_weight_vote', { workshopId });
/** Phones score each candidate 1–5 on each criterion. */
export const openScoring = (workshopId: string) => invoke<Board>('open_scoring', { workshopId });
export const openLighterVote = (workshopId: string, kind: 'dots' | 'ranking') =>
  invoke<Board>('open_lighter_vote', { workshopId, kind });
/** The group's agreed scores of one candidate: [criterion id, 1–5] for each criterion. */
export const setGroupScores = (workshopId: string, candidateId: string, scores: [string, number][]) =>
  invoke<Board>('set_group_scores', { workshopId, candidateId, scores });
export const decidePriority = (workshopId: string, candidateId: string, reasons: string) =>
  invoke<Board>('decide_priority', { workshopId, candidateId, reasons });

export const vesterMatrix = (workshopId: string) => invoke<VesterMatrix>('vester_matrix', { workshopId });
export const addCause = (workshopId: string, label: string, sources: string[] = []) =>
  invoke<VesterMatrix>('add_cause', { workshopId, label, sources });
export const renameCause = (workshopId: string, causeId: string, label: string) =>
  invoke<VesterMatrix>('rename_cause', { workshopId, causeId, label });
export const removeCause = (workshopId: string, causeId: string) =>
  invoke<VesterMatrix>('remove_cause', { workshopId, causeId });
/** 0–3; refused for a cause on itself (cause_influences_itself) or off the scale (vester_value_out_of_range). */
export const setInfluence = (workshopId: string, from: string, to: string, value: number) =>
  invoke<VesterMatrix>('set_influence', { workshopId, from, to, value });
/** null puts the cause back where its quadrant says. */
export const setCausePlace = (workshopId: string, causeId: string, place: TreePlace | null) =>
  invoke<VesterMatrix>('set_cause_place', { workshopId, causeId, place });
/** Phones propose up to 5 causes each. */
export const openCauseIdeas = (workshopId: string) => invoke<VesterMatrix>('open_cause_ideas', { workshopId });

// ---- Stage 3: actions, commitments, follow-up, actors, institutions. Each edit answers with its screen's whole board. ----

/** The matrix; the first visit sets the workshop up (plan record, default institutional areas). */
export const actionsBoard = (workshopId: string) => invoke<ActionBoard>('actions_board', { workshopId });
export const addLine = (workshopId: string, title: string) => invoke<ActionBoard>('add_line', { workshopId, title });
export const renameLine = (workshopId: string, lineId: string, title: string) =>
  invoke<ActionBoard>('rename_line', { workshopId, lineId, title });
/** Removes the line with its actions. */
export const removeLine = (workshopId: string, lineId: string) =>
  invoke<ActionBoard>('remove_line', { workshopId, lineId });
export const addAction = (workshopId: string, input: ActionInput) =>
  invoke<ActionBoard>('add_action', { workshopId, input });
/** `input` is the whole action; a refused edit leaves the last valid one. */
export const updateAction = (workshopId: string, actionId: string, input: ActionInput) =>
  invoke<ActionBoard>('update_action', { workshopId, actionId, input });
export const removeAction = (workshopId: string, actionId: string) =>
  invoke<ActionBoard>('remove_action', { workshopId, actionId });
/** The currency offered for new actions; null for none. */
export const setPlanCurrency = (workshopId: string, currency: string | null) =>
  invoke<ActionBoard>('set_plan_currency', { workshopId, currency });
/** Refused (action_without_responsible, naming them) while an action has no responsible unit. */
export const closeActionsStage = (workshopId: string) => invoke<ActionBoard>('close_actions_stage', { workshopId });
export const reopenActionsStage = (workshopId: string) => invoke<ActionBoard>('reopen_actions_stage', { workshopId });
/** Phones place every action on the impact/feasibility 2×2; needs two actions (nothing_to_place). */
export const openGridVote = (workshopId: string) => invoke<ActionBoard>('open_grid_vote', { workshopId });
/** The room's placements, rounded, become the actions' impact and feasibility. */
export const adoptRoomPlacements = (workshopId: string) => invoke<ActionBoard>('adopt_room_placements', { workshopId });
export const managementPlan = (workshopId: string) => invoke<ManagementPlan>('management_plan', { workshopId });

/** In the order they were written. */
export const listCommitments = (workshopId: string) => invoke<Commitment[]>('list_commitments', { workshopId });
export const addCommitment = (workshopId: string, input: CommitmentInput) =>
  invoke<Commitment[]>('add_commitment', { workshopId, input });
export const updateCommitment = (workshopId: string, commitmentId: string, input: CommitmentInput) =>
  invoke<Commitment[]>('update_commitment', { workshopId, commitmentId, input });
export const removeCommitment = (workshopId: string, commitmentId: string) =>
  invoke<Commitment[]>('remove_commitment', { workshopId, commitmentId });
/** The Agenda of Commitments PDF with signature lines, to `path` or the export folder. */
export const writeCommitments = (workshopId: string, path: string | null, language: Language) =>
  invoke<ReportResult>('write_commitments', { workshopId, path, language });
/** Every Stage 3 table as one workbook (a sheet per table), to `path` or the export folder. */
export const writeTablesXlsx = (workshopId: string, path: string | null, language: Language) =>
  invoke<TableFile>('write_tables_xlsx', { workshopId, path, language });
/** Every Stage 3 table as `<key>.csv` in `dir`, or in a folder named after the workshop in the export folder. */
export const writeTablesCsv = (workshopId: string, dir: string | null, language: Language) =>
  invoke<TableFile[]>('write_tables_csv', { workshopId, dir, language });

/** The follow-up state as it stood on `today` ('YYYY-MM-DD'); every follow-up edit takes it too. */
export const followUpBoard = (workshopId: string, today: string) =>
  invoke<FollowUpBoard>('follow_up_board', { workshopId, today });
export const addReview = (workshopId: string, today: string, date: string, title: string) =>
  invoke<FollowUpBoard>('add_review', { workshopId, today, date, title });
export const updateReview = (workshopId: string, today: string, reviewId: string, date: string, title: string) =>
  invoke<FollowUpBoard>('update_review', { workshopId, today, reviewId, date, title });
export const setReviewNotes = (workshopId: string, today: string, reviewId: string, notes: string) =>
  invoke<FollowUpBoard>('set_review_notes', { workshopId, today, reviewId, notes });
export const removeReview = (workshopId: string, today: string, reviewId: string) =>
  invoke<FollowUpBoard>('remove_review', { workshopId, today, reviewId });
export const addCheckpoint = (workshopId: string, today: string, actionId: string, date: string, expected: number) =>
  invoke<FollowUpBoard>('add_checkpoint', { workshopId, today, actionId, date, expected });
export const removeCheckpoint = (workshopId: string, today: string, checkpointId: string) =>
  invoke<FollowUpBoard>('remove_checkpoint', { workshopId, today, checkpointId });
/** Appends a status; the earlier ones stay as history. */
export const recordStatus = (workshopId: string, today: string, input: StatusInput) =>
  invoke<FollowUpBoard>('record_status', { workshopId, today, input });
/** Several actions' status at one session, all or none. */
export const recordSession = (workshopId: string, today: string, inputs: StatusInput[]) =>
  invoke<FollowUpBoard>('record_session', { workshopId, today, inputs });
/** Withdraws a status typed by mistake. */
export const withdrawStatus = (workshopId: string, today: string, statusId: string) =>
  invoke<FollowUpBoard>('withdraw_status', { workshopId, today, statusId });
/** A value of an action's indicator, measured on `date`. */
export const recordReading = (
  workshopId: string,
  today: string,
  actionId: string,
  date: string,
  value: number,
  comment: string,
) => invoke<FollowUpBoard>('record_reading', { workshopId, today, actionId, date, value, comment });
export const removeReading = (workshopId: string, today: string, readingId: string) =>
  invoke<FollowUpBoard>('remove_reading', { workshopId, today, readingId });

export const actorBoard = (workshopId: string) => invoke<ActorBoard>('actor_board', { workshopId });
export const addActor = (workshopId: string, input: ActorInput) => invoke<ActorBoard>('add_actor', { workshopId, input });
export const updateActor = (workshopId: string, actorId: string, input: ActorInput) =>
  invoke<ActorBoard>('update_actor', { workshopId, actorId, input });
/** The actor stops being a partner of any action. */
export const removeActor = (workshopId: string, actorId: string) =>
  invoke<ActorBoard>('remove_actor', { workshopId, actorId });

/** The analysis; the first visit gives the workshop its default areas. */
export const institutionsBoard = (workshopId: string) =>
  invoke<InstitutionalAnalysis>('institutions_board', { workshopId });
export const addInstitutionalArea = (workshopId: string, label: string) =>
  invoke<InstitutionalAnalysis>('add_institutional_area', { workshopId, label });
/** An empty label gives a default area its translated name back. */
export const renameInstitutionalArea = (workshopId: string, areaId: string, label: string) =>
  invoke<InstitutionalAnalysis>('rename_institutional_area', { workshopId, areaId, label });
/** `capacity` 1 (weak) … 5 (strong), or null for not rated yet. */
export const rateInstitutionalArea = (workshopId: string, areaId: string, capacity: number | null, gaps: string) =>
  invoke<InstitutionalAnalysis>('rate_institutional_area', { workshopId, areaId, capacity, gaps });
export const removeInstitutionalArea = (workshopId: string, areaId: string) =>
  invoke<InstitutionalAnalysis>('remove_institutional_area', { workshopId, areaId });
/** Who holds competence for a target of the prioritized MDG at one level; empty unit and notes remove it. */
export const setCompetence = (
  workshopId: string,
  target: string,
  level: GovernmentLevel,
  unit: string,
  notes: string,
) => invoke<InstitutionalAnalysis>('set_competence', { workshopId, target, level, unit, notes });

// Coordinator view (commands/coordinator.rs). `today` is 'YYYY-MM-DD' (the local day).

export const coordinatorDashboard = (filter: CoordinatorFilter, language: Language, today: string) =>
  invoke<CoordinatorDashboard>('coordinator_dashboard', { filter, language, today });
/** Merges the files (a folder stands for its .cabildo files) one by one; see onCoordinatorImportProgress. */
export const coordinatorImport = (paths: string[]) => invoke<FileReport[]>('coordinator_import', { paths });
/** Calls `f` after each file of a coordinator import; resolves to the function that stops listening. */
export const onCoordinatorImportProgress = (f: (p: CoordinatorImportProgress) => void): Promise<UnlistenFn> =>
  listen<CoordinatorImportProgress>('coordinator-import-progress', (e) => f(e.payload));
export const coordinatorTrust = (devices: TrustedDeviceInput[]) => invoke<void>('coordinator_trust', { devices });
export const coordinatorResolveConflict = (id: string) => invoke<void>('coordinator_resolve_conflict', { id });
/** Shows a hub's database, read-only, in the coordinator view. */
export const coordinatorOpenHub = (path: string) => invoke<CoordinatorSource>('coordinator_open_hub', { path });
export const coordinatorCloseHub = () => invoke<CoordinatorSource>('coordinator_close_hub');
export const coordinatorSource = () => invoke<CoordinatorSource>('coordinator_source');
/** `path` null writes into the export folder. */
export const writeCoordinatorXlsx = (filter: CoordinatorFilter, language: Language, path: string | null) =>
  invoke<TableFile>('write_coordinator_xlsx', { filter, language, path });
/** `dir` null writes into a folder of the export folder; one `<table>.csv` per table. */
export const writeCoordinatorCsv = (filter: CoordinatorFilter, language: Language, dir: string | null) =>
  invoke<TableFile[]>('write_coordinator_csv', { filter, language, dir });
export const writeCoordinatorSummary = (filter: CoordinatorFilter, language: Language, path: string | null) =>
  invoke<ReportResult>('write_coordinator_summary', { filter, language, path });

// Sync with a coordinator's hub (commands/sync.rs)

export const syncStatus = () => invoke<SyncStatus>('sync_status');
/** Links this computer to the hub; the first sync, started at once, enrolls it with the code. */
export const syncConnect = (url: string, code: string) => invoke<SyncStatus>('sync_connect', { url, code });
/** Forgets the hub; nothing on this computer is deleted. */
export const syncDisconnect = () => invoke<SyncStatus>('sync_disconnect');
/** Wakes the background sync; `onSyncAttempt` tells when it has tried. */
export const syncNow = () => invoke<void>('sync_now');
/** Calls `f` after every sync attempt of the background thread. */
export const onSyncAttempt = (f: () => void): Promise<UnlistenFn> => listen('sync-attempt', () => f());
