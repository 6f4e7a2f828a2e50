import { describe, expect, it } from 'vitest';
import {
  durationLabel,
  formatDuration,
  MAX_TIMER_MS,
  readDuration,
} from '../../../generator/model/timer-duration.js';

describe('readDuration', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['15m', 900_000],
    ['48h', 172_800_000],
    ['7d', 604_800_000],
    ['90000', 90_000],
    ['1', 1],
    ['048h', 172_800_000],
    ['3650d', MAX_TIMER_MS],
    [String(MAX_TIMER_MS), MAX_TIMER_MS],
  ])('%s is %i ms', (key, ms) => {
    expect(readDuration(key)).toEqual({ ok: true, ms });
  });

  it.each([
    ['0', 'is zero'],
    ['0ms', 'is zero'],
    ['-0s', 'is zero'],
    ['-1s', 'is negative'],
    ['1.5h', 'is not a whole number of its unit'],
    ['0.5', 'is not a whole number of milliseconds'],
    ['1.0005s', 'is not a whole number of milliseconds'],
    ['+1s', 'has a sign'],
    ['3651d', 'is longer than 3650d (about 10 years)'],
    [String(MAX_TIMER_MS + 1), 'is longer than 3650d (about 10 years)'],
    ['99999999999999999999999d', 'is longer than 3650d (about 10 years)'],
    ['1.5', 'is not a whole number of milliseconds'],
    ['48 h', 'is not a duration'],
    ['2w', 'is not a duration'],
    ['h', 'is not a duration'],
    ['1e3', 'is not a duration'],
    ['1_000', 'is not a duration'],
    ['', 'is not a duration'],
  ])('%j %s', (key, problem) => {
    expect(readDuration(key)).toMatchObject({ ok: false, problem });
  });

  it('suggests the same duration in a whole unit for a fraction or a sign', () => {
    expect(readDuration('1.5h')).toMatchObject({ hint: "write '90m'" });
    expect(readDuration('0.25s')).toMatchObject({ hint: "write '250ms'" });
    expect(readDuration('+2d')).toMatchObject({ hint: "write '2d'" });
    expect(readDuration('48H')).toMatchObject({ hint: "units are lowercase: '48h'" });
  });
});

describe('formatDuration and durationLabel', () => {
  it.each([
    [1, '1ms'],
    [1_500, '1500ms'],
    [90_000, '90s'],
    [5_400_000, '90m'],
    [172_800_000, '2d'],
    [MAX_TIMER_MS, '3650d'],
  ])('%i ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('labels a key as written, and bare milliseconds in the largest exact unit', () => {
    expect(durationLabel('48h', 172_800_000)).toBe('48h');
    expect(durationLabel('90000', 90_000)).toBe('90s');
  });
});
