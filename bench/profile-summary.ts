/**
 * `node bench/profile-summary.ts FILE.cpuprofile [FROM-TO ...]`: where a V8 CPU profile (from `npm run
 * bench -- --cpu-prof`) spent its time, by self time, grouped by package or source file, then by
 * function. FROM-TO windows, in seconds since the profile started (e.g. "8.7-16.7 34.2-42.2", as
 * printed by the benchmark), keep only the samples taken during them.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The package ("fastify", "pg"…), source file ("src/app.ts") or part of Node a script URL belongs to. */
export function groupOf(url: string): string {
  if (url === '') return '(native / idle / GC)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg?.[1]) return pkg[1];
  if (url.startsWith('node:')) return url;
  const src = /\/((?:src|bench|test)\/.*)$/.exec(url);
  return src?.[1] ?? url;
}

/** Self time in milliseconds per group and per function, largest first. */
export function summarise(
  profile: Profile,
  windows: [number, number][] = [],
): {
  total: number;
  groups: [string, number][];
  functions: [string, number][];
} {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const groups = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  let at = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    at += ms / 1000;
    if (windows.length > 0 && !windows.some(([from, to]) => at >= from && at < to)) return;
    const node = byId.get(id);
    if (!node) return;
    const { functionName, url, lineNumber } = node.callFrame;
    const group = functionName === '(idle)' || functionName === '(program)' ? functionName : groupOf(url);
    groups.set(group, (groups.get(group) ?? 0) + ms);
    const fn = `${functionName || '(anonymous)'} ${groupOf(url)}:${lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + ms);
    total += ms;
  });
  const sorted = (map: Map<string, number>) => [...map.entries()].sort((a, b) => b[1] - a[1]);
  return { total, groups: sorted(groups), functions: sorted(functions) };
}

const [file, ...spans] = process.argv.slice(2);
if (file) {
  const windows = spans.map((span) => span.split('-').map(Number) as [number, number]);
  const { total, groups, functions } = summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile, windows);
  const busy = total - (groups.find(([g]) => g === '(idle)')?.[1] ?? 0);
  const pct = (ms: number) => `${((100 * ms) / busy).toFixed(1).padStart(5)} %`;
  console.log(
    `${(total / 1000).toFixed(1)} s profiled, ${(busy / 1000).toFixed(1)} s busy (percentages of busy time)\n`,
  );
  console.log('By package or file (self time):');
  for (const [group, ms] of groups.filter(([g]) => g !== '(idle)').slice(0, 25)) {
    console.log(`  ${pct(ms)}  ${group}`);
  }
  console.log('\nTop functions (self time):');
  for (const [fn, ms] of functions.filter(([f]) => !f.startsWith('(idle)')).slice(0, 30)) {
    console.log(`  ${pct(ms)}  ${fn}`);
  }
}
