/** Shared shapes of the staffing engine (pure data; units are in the names). */

/** Which queueing model produced an evaluation. */
export type QueueModel = 'erlang-c' | 'erlang-a';

/** One queue over one interval, staffed with a given number of agents. */
export interface StaffingEvaluation {
  model: QueueModel;
  /** Agents on the phones (an integer ≥ 0). */
  agents: number;
  /** Offered traffic A = λ·AHT in Erlangs. */
  trafficErlangs: number;
  /**
   * Share (0–1) of *offered* calls answered within the target answer time. Erlang C: 1 − C·e^{−(n−A)t/h}.
   * Erlang A: an abandoned call counts as not answered. 0 when Erlang C is unstable (n ≤ A).
   */
  serviceLevel: number;
  /**
   * Average speed of answer in seconds: mean wait of *answered* calls. Null when it is infinite
   * (Erlang C with n ≤ A) or undefined (no call is ever answered: Erlang A with n = 0).
   */
  asaSeconds: number | null;
  /** Share (0–1) of offered calls that find every agent busy (Erlang C: the "C" of Erlang C). */
  probabilityOfWaiting: number;
  /**
   * Share (0–1) of agent time spent on calls: carried traffic / n. Erlang C: A/n (1 when unstable);
   * Erlang A: A·(1 − abandonRate)/n. 0 when n = 0.
   */
  occupancy: number;
  /** Erlang C only: n ≤ A while calls arrive, so the queue grows without bound. */
  isUnstable: boolean;
  /** Erlang A only: share (0–1) of offered calls that abandon, E[Lq]/(λ·P). */
  abandonRate?: number;
  /** Erlang A only: mean time in queue of *all* offered calls (abandoned ones included), E[Lq]/λ, seconds. */
  meanWaitAllSeconds?: number;
}

/** Inputs that describe the traffic of one queue in one interval. */
export interface TrafficOptions {
  /** Calls offered in the interval (a forecast: may be fractional, ≥ 0). */
  callsPerInterval: number;
  /** Interval length in minutes (> 0), usually 15, 30 or 60. */
  intervalMinutes: number;
  /** Average handle time in seconds (talk + hold + wrap-up, > 0). */
  ahtSeconds: number;
}

/** The queue model around the traffic: answer-time target and, for Erlang A, caller patience. */
export interface QueueOptions extends TrafficOptions {
  /** Service-level threshold t in seconds (≥ 0): "answered within t seconds". */
  targetAnswerSeconds: number;
  /** Mean caller patience in seconds (> 0). When given, Erlang A (M/M/n+M) replaces Erlang C. */
  patienceSeconds?: number;
}

/** What "enough agents" means. */
export interface StaffingTargets {
  /** Target share (0–1) of offered calls answered within targetAnswerSeconds. */
  serviceLevel: number;
  /** Optional ceiling on the average speed of answer, seconds (> 0). */
  asaSeconds?: number;
  /** Optional occupancy cap (0–1], e.g. 0.85. */
  maxOccupancy?: number;
}
