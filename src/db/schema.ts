import type { ColumnType, Generated } from 'kysely';

/** Row types of migrations/*.sql, for Kysely. Keep in step with the migrations. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type Role = 'admin' | 'advisor' | 'counselor' | 'employer' | 'trainer' | 'candidate';
export const roles: readonly Role[] = ['admin', 'advisor', 'counselor', 'employer', 'trainer', 'candidate'];

export interface LanguageLevel {
  code: string;
  level: 'A1' | 'A2' | 'B1' | 'B2' | 'C1' | 'C2';
}

export type CefrLevel = 'A1' | 'A2' | 'B1' | 'B2' | 'C1' | 'C2';
export type Pillar = 'telephone' | 'information_search' | 'it_tools' | 'language';
export type Shift = 'morning' | 'afternoon' | 'evening' | 'night' | 'weekend';
export type WorkTime = 'full_time' | 'part_time' | 'either';
export type ContractType = 'cdi' | 'cdd' | 'temp' | 'work_study';
export type EducationLevel = 'none' | 'vocational' | 'secondary' | 'short_higher' | 'bachelor' | 'master';
export type ConsentPurpose = 'processing' | 'job_alerts' | 'training_contact';
export type DuplicateReason = 'email' | 'phone' | 'birth_date_name';

export interface DB {
  schema_migrations: { version: string; name: string; applied_at: Timestamp };
  territories: {
    id: Generated<string>;
    code: string;
    name: string;
    country: string;
    currency: string;
    contract_hours_per_week: number;
    languages: string[];
    timezone: string;
    centre_lat: number;
    centre_lon: number;
    catchment_km: Generated<number>;
    created_at: Generated<Date>;
  };
  employers: { id: Generated<string>; territory_id: string; name: string; created_at: Generated<Date> };
  training_bodies: { id: Generated<string>; territory_id: string; name: string; created_at: Generated<Date> };
  users: {
    id: Generated<string>;
    email: string;
    display_name: string;
    password_hash: string;
    role: Role;
    territory_id: string | null;
    employer_id: string | null;
    training_body_id: string | null;
    locale: Generated<'fr' | 'en'>;
    is_active: Generated<boolean>;
    created_at: Generated<Date>;
    password_changed_at: Generated<Date>;
  };
  sessions: {
    token_hash: string;
    user_id: string;
    created_at: Generated<Date>;
    last_seen_at: Generated<Date>;
    expires_at: Timestamp;
    user_agent: string | null;
  };
  communes: {
    code: string;
    country: string;
    name: string;
    postcode: string | null;
    population: number | null;
    lat: number;
    lon: number;
  };
  sites: {
    id: Generated<string>;
    territory_id: string;
    name: string;
    commune_code: string | null;
    description: Generated<string>;
    area_m2: number;
    available_m2: number;
    incentives: Generated<string[]>;
    created_at: Generated<Date>;
  };
  call_centres: {
    id: Generated<string>;
    territory_id: string;
    employer_id: string | null;
    site_id: string | null;
    name: string;
    activity: 'inbound_care' | 'outbound_sales' | 'help_desk' | 'back_office';
    jobs: number;
    opened_on: string | null;
    created_at: Generated<Date>;
  };
  // migrations/0002_projects.sql
  projects: {
    id: Generated<string>;
    territory_id: string;
    employer_id: string | null;
    company_name: string;
    contact_name: Generated<string>;
    contact_email: string | null;
    contact_phone: string | null;
    activity: 'inbound_care' | 'outbound_sales' | 'help_desk' | 'back_office';
    languages: Generated<string[]>;
    opening_hours: ColumnType<Record<string, { opens: string; closes: string } | null>, string, string>;
    go_live_on: string | null;
    jobs_announced: number | null;
    stage: Generated<'lead' | 'proposal' | 'decision' | 'implanted' | 'lost'>;
    forecast_mode: Generated<'profile' | 'intervals'>;
    weekly_calls: number | null;
    weekday_profile: number[];
    hourly_profile: number[];
    interval_minutes: Generated<number>;
    aht_seconds: number;
    target_answer_seconds: number;
    service_level: number;
    max_occupancy: number | null;
    asa_seconds: number | null;
    patience_seconds: number | null;
    shrinkage: number;
    seat_sharing: number;
    m2_per_seat: number;
    annual_attrition_rate: number;
    training_weeks: number;
    created_by: string | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  project_stage_changes: {
    id: Generated<string>;
    project_id: string;
    from_stage: 'lead' | 'proposal' | 'decision' | 'implanted' | 'lost' | null;
    to_stage: 'lead' | 'proposal' | 'decision' | 'implanted' | 'lost';
    changed_by: string | null;
    changed_at: Generated<Date>;
    note: Generated<string>;
  };
  project_forecast_intervals: {
    project_id: string;
    weekday: number;
    start_minute: number;
    calls: number;
  };
  employment_targets: {
    id: Generated<string>;
    territory_id: string;
    year: number;
    jobs: number;
    label: Generated<string>;
  };
  candidates: {
    id: Generated<string>;
    territory_id: string;
    user_id: string | null;
    first_name: string;
    last_name: string;
    email: string | null;
    phone: string | null;
    birth_date: string | null;
    commune_code: string | null;
    mobility_km: Generated<number>;
    languages: ColumnType<LanguageLevel[], string | undefined, string>;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
    // migrations/0003_candidates_evaluations.sql
    mobility_minutes: number | null;
    education_level: EducationLevel | null;
    education_detail: Generated<string>;
    experience_months: Generated<number>;
    experience_detail: Generated<string>;
    shifts: Generated<Shift[]>;
    work_time: WorkTime | null;
    contract_wishes: Generated<ContractType[]>;
    source: Generated<'self_registration' | 'staff' | 'import' | 'demo'>;
    created_by: string | null;
    /** Generated: the last 9 digits of the phone number. */
    phone_key: ColumnType<string, never, never>;
    anonymised_at: Date | null;
    anonymised_by: string | null;
    merged_into_id: string | null;
  };
  candidate_tokens: {
    token_hash: string;
    user_id: string;
    purpose: 'verify_email' | 'invitation';
    created_at: Generated<Date>;
    expires_at: Timestamp;
    used_at: Date | null;
  };
  candidate_consents: {
    id: Generated<string>;
    candidate_id: string;
    purpose: ConsentPurpose;
    notice_version: string;
    given_at: Generated<Date>;
    withdrawn_at: Date | null;
    recorded_by: string | null;
  };
  candidate_documents: {
    id: Generated<string>;
    candidate_id: string;
    kind: Generated<'cv' | 'other'>;
    filename: string;
    mime_type: string;
    size_bytes: number;
    sha256: string;
    content: Buffer;
    uploaded_by: string | null;
    uploaded_at: Generated<Date>;
  };
  candidate_disclosures: {
    candidate_id: string;
    employer_id: string;
    reason: 'applied' | 'accepted_proposal';
    disclosed_at: Generated<Date>;
  };
  candidate_duplicates: {
    id: Generated<string>;
    territory_id: string;
    candidate_a_id: string;
    candidate_b_id: string;
    reasons: DuplicateReason[];
    name_distance: number | null;
    status: Generated<'open' | 'merged' | 'dismissed'>;
    detected_at: Generated<Date>;
    resolved_at: Date | null;
    resolved_by: string | null;
  };
  candidate_merges: {
    id: Generated<string>;
    territory_id: string;
    kept_candidate_id: string;
    merged_candidate_id: string;
    duplicate_id: string | null;
    moved: ColumnType<Record<string, number>, string | undefined, string>;
    merged_by: string | null;
    merged_at: Generated<Date>;
  };
  evaluation_items: {
    id: Generated<string>;
    territory_id: string;
    pillar: Pillar;
    kind: 'multiple_choice' | 'search_task' | 'typing';
    language_code: string;
    prompt: string;
    resource: Generated<string>;
    choices: ColumnType<string[], string | undefined, string>;
    correct_choice: number | null;
    accepted_answers: Generated<string[]>;
    is_active: Generated<boolean>;
    created_by: string | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  evaluation_attempts: {
    id: Generated<string>;
    candidate_id: string;
    territory_id: string;
    pillar: Pillar;
    language_code: string | null;
    items: ColumnType<unknown, string, string>;
    time_limit_seconds: number;
    started_at: Generated<Date>;
    finished_at: Date | null;
    duration_seconds: number | null;
    answers: ColumnType<unknown, string | null | undefined, string | null>;
    item_scores: ColumnType<unknown, string | null | undefined, string | null>;
    typing_wpm: number | null;
    typing_accuracy: number | null;
    score: number | null;
    status: Generated<'in_progress' | 'scored' | 'expired'>;
  };
  /** Read by other modules: columns fixed by contract (see findLatestScores). */
  evaluation_results: {
    id: Generated<string>;
    candidate_id: string;
    pillar: Pillar;
    language_code: string | null;
    score: number;
    cefr_level: CefrLevel | null;
    source: 'online_test' | 'assessor' | 'training';
    attempt_id: string | null;
    assessed_by: string | null;
    assessed_at: Timestamp;
  };
  evaluation_assessments: {
    result_id: string;
    rubric: string;
    ratings: ColumnType<Record<string, number>, string, string>;
    comment: Generated<string>;
  };
  // migrations/0004_trainings_offers.sql
  training_sessions: {
    id: Generated<string>;
    territory_id: string;
    training_body_id: string;
    title: string;
    description: Generated<string>;
    diploma: Generated<string>;
    mode: 'on_site' | 'distance';
    site_id: string | null;
    commune_code: string | null;
    starts_on: string;
    ends_on: string;
    hours: number | null;
    seats: number;
    min_scores: ColumnType<Partial<Record<Pillar, number>>, string | undefined, string>;
    languages: ColumnType<LanguageLevel[], string | undefined, string>;
    raises: ColumnType<{ pillar: Pillar; languageCode: string | null; points: number }[], string | undefined, string>;
    status: Generated<'draft' | 'published' | 'cancelled'>;
    created_by: string | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  training_enrolments: {
    id: Generated<string>;
    session_id: string;
    candidate_id: string;
    status: 'enrolled' | 'waitlisted' | 'withdrawn' | 'completed' | 'not_completed';
    requested_at: Generated<Date>;
    enrolled_at: Timestamp | null;
    promoted: Generated<boolean>;
    withdrawn_at: Timestamp | null;
    completed_at: Timestamp | null;
    grade: number | null;
    enrolled_by: string | null;
  };
  training_attendance: {
    enrolment_id: string;
    day: string;
    present: boolean;
    recorded_by: string | null;
    recorded_at: Generated<Date>;
  };
  offers: {
    id: Generated<string>;
    territory_id: string;
    employer_id: string;
    site_id: string;
    title: string;
    description: Generated<string>;
    occupation_code: 'D1408' | 'M1704';
    contract: ContractType;
    work_time: 'full_time' | 'part_time';
    hours_per_week: number | null;
    seats: number;
    start_date: string;
    languages: ColumnType<LanguageLevel[], string | undefined, string>;
    min_scores: ColumnType<Partial<Record<Pillar, number>>, string | undefined, string>;
    shifts: Generated<Shift[]>;
    status: Generated<'draft' | 'open' | 'closed'>;
    created_by: string | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  employer_stages: {
    id: Generated<string>;
    employer_id: string;
    position: number;
    label: string;
    status: 'applied' | 'interview' | 'offer';
    is_active: Generated<boolean>;
  };
  applications: {
    id: Generated<string>;
    offer_id: string;
    candidate_id: string;
    status: Generated<ApplicationStatus>;
    stage_id: string | null;
    rejection_reason: RejectionReason | null;
    rejection_note: Generated<string>;
    message: Generated<string>;
    created_at: Generated<Date>;
    status_changed_at: Generated<Date>;
  };
  application_events: {
    id: Generated<string>;
    application_id: string;
    from_status: ApplicationStatus | null;
    to_status: ApplicationStatus;
    stage_id: string | null;
    actor_id: string | null;
    at: Generated<Date>;
  };
  application_comments: {
    id: Generated<string>;
    application_id: string;
    author_id: string;
    body: string;
    created_at: Generated<Date>;
  };
  placements: {
    id: Generated<string>;
    territory_id: string;
    application_id: string;
    candidate_id: string;
    employer_id: string;
    offer_id: string;
    work_time: 'full_time' | 'part_time';
    contract: ContractType;
    started_on: string;
    counselor_id: string | null;
    ended_on: string | null;
    end_reason: EndReason | null;
    created_at: Generated<Date>;
  };
  placement_checkins: {
    id: Generated<string>;
    placement_id: string;
    months: 1 | 3 | 6 | 12;
    due_on: string;
    counselor_id: string | null;
    done_at: Timestamp | null;
    outcome: 'still_employed' | 'left' | null;
    left_reason: EndReason | null;
    notes: Generated<string>;
    recorded_by: string | null;
    due_notified_at: Timestamp | null;
  };
  webhook_subscriptions: {
    id: Generated<string>;
    territory_id: string;
    employer_id: string | null;
    name: string;
    url: string;
    secret: string;
    events: WebhookEvent[];
    is_active: Generated<boolean>;
    created_by: string | null;
    created_at: Generated<Date>;
  };
  webhook_deliveries: {
    id: Generated<string>;
    subscription_id: string;
    event: WebhookEvent;
    payload: ColumnType<unknown, string, string>;
    status: Generated<'pending' | 'delivered' | 'failed'>;
    attempts: Generated<number>;
    created_at: Generated<Date>;
    last_attempt_at: Timestamp | null;
    delivered_at: Timestamp | null;
  };
  webhook_attempts: {
    id: Generated<string>;
    delivery_id: string;
    attempt: number;
    attempted_at: Generated<Date>;
    status_code: number | null;
    error: string | null;
    duration_ms: number;
  };
  positioning_runs: {
    id: Generated<string>;
    territory_id: string | null;
    status: Generated<PositioningRunStatus>;
    include_sessions: Generated<boolean>;
    phase: Generated<PositioningPhase>;
    progress: Generated<number>;
    cancel_requested: Generated<boolean>;
    candidates_considered: Generated<number>;
    offers_considered: Generated<number>;
    sessions_considered: Generated<number>;
    arcs: Generated<number>;
    proposals: Generated<number>;
    total_score: Generated<number>;
    certified: Generated<boolean>;
    solve_ms: number | null;
    error: string | null;
    attempts: Generated<number>;
    created_by: string | null;
    created_at: Generated<Date>;
    started_at: Timestamp | null;
    heartbeat_at: Timestamp | null;
    finished_at: Timestamp | null;
  };
  proposals: {
    id: Generated<string>;
    run_id: string;
    territory_id: string;
    candidate_id: string;
    kind: 'offer' | 'session';
    offer_id: string | null;
    session_id: string | null;
    target_offer_id: string | null;
    score: number;
    value: number;
    parts: Json<unknown[]>;
    closes: ColumnType<unknown[], string | undefined, string>;
    distance_km: number;
    status: Generated<ProposalStatus>;
    veto_reason: VetoReason | null;
    review_note: Generated<string>;
    reviewed_by: string | null;
    reviewed_at: Timestamp | null;
    published_at: Timestamp | null;
    answered_at: Timestamp | null;
    decline_reason: Generated<string>;
    application_id: string | null;
    enrolment_id: string | null;
    created_at: Generated<Date>;
  };
}
export type ApplicationStatus = 'applied' | 'interview' | 'offer' | 'hired' | 'rejected' | 'withdrawn';
export type RejectionReason = 'skills' | 'languages' | 'availability' | 'position_filled' | 'candidate_declined' | 'no_show' | 'other';
export type EndReason = 'resigned' | 'dismissed' | 'contract_ended' | 'trial_period' | 'other';
export type WebhookEvent = 'application.created' | 'application.status_changed' | 'placement.hired' | 'checkin.due';
export type PositioningRunStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
export type PositioningPhase = 'queued' | 'loading' | 'scoring' | 'solving' | 'storing' | 'done';
export type ProposalStatus = 'pending' | 'approved' | 'vetoed' | 'published' | 'accepted' | 'declined' | 'superseded';
export type VetoReason = 'not_available' | 'not_ready' | 'employer_fit' | 'already_placed' | 'other';
export type { Json };
