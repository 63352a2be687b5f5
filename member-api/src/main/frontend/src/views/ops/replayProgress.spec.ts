import { describe, expect, it } from 'vitest'
import type { ProjectionStatus } from '@/api/ops'
import { durationSeconds, replayActive, replayProgress, shortDuration } from './replayProgress'

function status(state: string, replay: Partial<NonNullable<ProjectionStatus['replay']>> | null, lagEvents = 0): ProjectionStatus {
  return {
    name: 'points',
    state,
    position: 10,
    head: 10,
    lagEvents,
    lagTime: 'PT0S',
    parkedEvents: 0,
    parkedMembers: 0,
    error: null,
    segments: [],
    replay: replay && { requestedAt: '2026-12-02T10:00:00Z', requestedBy: 'admin', startedAt: null, startedBy: null, resetPosition: null, progress: 0, ...replay },
  }
}

describe('replay progress', () => {
  it('has no phase without a replay', () => {
    expect(replayProgress(status('RUNNING', null))).toEqual({ phase: 'none', percent: 0 })
    expect(replayActive(status('RUNNING', null))).toBe(false)
  })

  it('waits while instances let go of the group', () => {
    expect(replayProgress(status('REPLAY_PENDING', {}))).toEqual({ phase: 'pending', percent: 0 })
  })

  it('follows the share of events replayed, never 100 % before the end', () => {
    expect(replayProgress(status('REPLAYING', { startedAt: 'x', progress: 0.426 }))).toEqual({ phase: 'replaying', percent: 42 })
    expect(replayProgress(status('REPLAYING', { startedAt: 'x', progress: 1 }))).toEqual({ phase: 'replaying', percent: 99 })
    expect(replayActive(status('REPLAYING', { startedAt: 'x', progress: 0.5 }))).toBe(true)
  })

  it('is done once running again with everything replayed and no lag', () => {
    expect(replayProgress(status('RUNNING', { startedAt: 'x', progress: 1 }, 3))).toEqual({ phase: 'catching-up', percent: 99 })
    expect(replayProgress(status('RUNNING', { startedAt: 'x', progress: 1 }))).toEqual({ phase: 'done', percent: 100 })
    expect(replayActive(status('RUNNING', { startedAt: 'x', progress: 1 }))).toBe(false)
  })
})

describe('durations', () => {
  const units = { d: 'd', h: 'h', min: 'min', s: 's' }
  it('reads Java durations', () => {
    expect(durationSeconds('PT0S')).toBe(0)
    expect(durationSeconds('PT1.5S')).toBe(1.5)
    expect(durationSeconds('PT2H3M4S')).toBe(7384)
    expect(durationSeconds('P1DT1H')).toBe(90000)
    expect(durationSeconds('nonsense')).toBe(0)
  })
  it('writes them short', () => {
    expect(shortDuration(0, units)).toBe('0 s')
    expect(shortDuration(185, units)).toBe('3 min 5 s')
    expect(shortDuration(7384, units)).toBe('2 h 3 min')
    expect(shortDuration(90000, units)).toBe('1 d 1 h')
  })
})
