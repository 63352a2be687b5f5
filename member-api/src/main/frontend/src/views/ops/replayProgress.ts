import type { ProjectionStatus } from '@/api/ops'

export type ReplayPhase = 'none' | 'pending' | 'replaying' | 'catching-up' | 'done'

export interface ReplayProgress {
  phase: ReplayPhase
  /** 0 to 100, whole numbers; 100 only once the replay is done */
  percent: number
}

/**
 * Where a group's last replay stands, from its status: waiting for every instance to let go of the group (pending),
 * replaying the events up to the reset position, then catching up with the events that came meanwhile, done. The API's
 * progress is the share of events up to the reset replayed; 1 while the state is still REPLAYING is shown as 99 %, so
 * the bar reaches 100 % only when the group is running again with no lag.
 */
export function replayProgress(status: ProjectionStatus | null | undefined): ReplayProgress {
  const replay = status?.replay
  if (!status || !replay) return { phase: 'none', percent: 0 }
  if (status.state === 'REPLAY_PENDING' || !replay.startedAt) return { phase: 'pending', percent: 0 }
  const share = Number.isFinite(replay.progress) ? Math.min(1, Math.max(0, replay.progress)) : 0
  if (status.state === 'REPLAYING') {
    return { phase: 'replaying', percent: Math.min(99, Math.floor(share * 100)) }
  }
  if (share >= 1 && status.lagEvents > 0) return { phase: 'catching-up', percent: 99 }
  if (share >= 1) return { phase: 'done', percent: 100 }
  return { phase: 'replaying', percent: Math.min(99, Math.floor(share * 100)) }
}

/** Whether the page should keep polling the group: a replay waiting or under way. */
export function replayActive(status: ProjectionStatus | null | undefined): boolean {
  const phase = replayProgress(status).phase
  return phase === 'pending' || phase === 'replaying' || phase === 'catching-up'
}

/** Seconds in an ISO-8601 duration as Java writes them (PT0S, PT1.5S, PT2H3M, P1DT2H). */
export function durationSeconds(iso: string | null | undefined): number {
  if (!iso) return 0
  const match = /^(-)?P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(-?\d+(?:\.\d+)?)H)?(?:(-?\d+(?:\.\d+)?)M)?(?:(-?\d+(?:\.\d+)?)S)?)?$/.exec(iso)
  if (!match) return 0
  const [, minus, d, h, m, s] = match
  const total = Number(d ?? 0) * 86400 + Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(s ?? 0)
  return minus ? -total : total
}

/** A short human duration: 0 s, 12 s, 3 min 5 s, 2 h 1 min, 3 d 4 h. */
export function shortDuration(seconds: number, units: { d: string; h: string; min: string; s: string }): string {
  const whole = Math.max(0, Math.round(seconds))
  const d = Math.floor(whole / 86400)
  const h = Math.floor((whole % 86400) / 3600)
  const m = Math.floor((whole % 3600) / 60)
  const s = whole % 60
  if (d) return `${d} ${units.d}${h ? ` ${h} ${units.h}` : ''}`
  if (h) return `${h} ${units.h}${m ? ` ${m} ${units.min}` : ''}`
  if (m) return `${m} ${units.min}${s ? ` ${s} ${units.s}` : ''}`
  return `${s} ${units.s}`
}
