import type { NodeRunStatus } from '../run/run-state.js';

/** The ring a node gets for its run status, and the dot of the run list. */
export const STATUS_RING: Record<NodeRunStatus, string> = {
  running: 'ring-2 ring-sky-500 shadow-sky-200 animate-pulse',
  retrying: 'ring-2 ring-orange-400',
  succeeded: 'ring-2 ring-emerald-500',
  failed: 'ring-2 ring-red-500',
  paused: 'ring-2 ring-amber-400',
  cancelled: 'ring-2 ring-slate-400',
  skipped: 'opacity-50 ring-1 ring-slate-300',
};

export const STATUS_DOT: Record<NodeRunStatus, string> = {
  running: 'bg-sky-500',
  retrying: 'bg-orange-400',
  succeeded: 'bg-emerald-500',
  failed: 'bg-red-500',
  paused: 'bg-amber-400',
  cancelled: 'bg-slate-400',
  skipped: 'bg-slate-300',
};

/** Palette and node accents by category. */
export const CATEGORY_ACCENT: Record<string, string> = {
  fixed: 'bg-slate-500',
  basic: 'bg-indigo-500',
  tool: 'bg-teal-500',
  logic: 'bg-amber-500',
  transform: 'bg-fuchsia-500',
  other: 'bg-sky-500',
};
