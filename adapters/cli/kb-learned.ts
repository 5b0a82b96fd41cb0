/**
 * `kb learned list | show <section> | forget <id> | export DIR [--json]`: what the channel taught, read from
 * the store the settings name (STORE, STATE_DIR, REDIS_URL), as `npm start` keeps it.
 *
 *   list     every learned pair: counting or still waiting for people, who many, until when
 *   show     the pairs of one section, with the pastes' error lines (masked and redacted)
 *   forget   retires a pair (or every pair of a paste) on every replica; pressed again, it stays forgotten
 *   export   writes each section's confirmed pastes as a runbook (src/learning/learned-runbook.ts) to DIR,
 *            for review before it is moved into knowledge/runbooks/
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { stdout } from 'node:process';
import { FileKnowledgeSource } from '../../src/knowledge/file-knowledge-source.ts';
import type { KnowledgeBase } from '../../src/knowledge/section.ts';
import type { LearnedSummary } from '../../src/learning/learned-record.ts';
import { learnedRunbook, readableLine } from '../../src/learning/learned-runbook.ts';
import { createLearner } from '../../src/learning/learner.ts';
import { readLearningConfig } from '../../src/learning/learning-config.ts';
import { readStoreConfig } from '../../src/store/store-config.ts';
import { type CliContext, fail, failOn, knowledgeProblem, usageError } from './cli-context.ts';
import { findSection } from './find-section.ts';
import { missingRecord, openStore } from './incident-record.ts';

export const LEARNED_USAGE = 'kb learned list | show <section> | forget <id> | export DIR   [--json]';

function out(text: string): void {
  stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function table(pairs: readonly LearnedSummary[]): string {
  const rows = pairs.map((p) => [
    p.id,
    p.kind === 'confirm' ? 'fixes' : 'not it',
    String(p.people) + (p.admin ? '+admin' : ''),
    p.counts ? 'in use' : 'waiting',
    day(p.lastAtMs),
    day(p.expiresAtMs),
    p.section,
  ]);
  const head = ['ID', 'SAYS', 'PEOPLE', 'STATE', 'LAST', 'UNTIL', 'SECTION'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: readonly string[]) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}

function detail(p: LearnedSummary): string {
  return [
    `${p.id}  ${p.kind === 'confirm' ? 'fixes it' : 'not it'}  ${p.people} ${p.people === 1 ? 'person' : 'people'}${p.admin ? ' (an admin)' : ''}  ${p.counts ? 'in use' : 'waiting for more people'}  until ${day(p.expiresAtMs)}`,
    ...(p.evidence.signatures.length > 0 ? [`  signatures: ${p.evidence.signatures.join(', ')}`] : []),
    ...p.evidence.lines.map((l) => `  | ${readableLine(l)}`),
  ].join('\n');
}

export async function runLearned(args: readonly string[], json: boolean, context: CliContext): Promise<number> {
  const t = context.messages;
  const [sub, ...rest] = args;
  if (sub !== 'list' && sub !== 'show' && sub !== 'forget' && sub !== 'export') {
    return usageError(context, sub ? t.unknownKbCommand(`learned ${sub}`) : t.learnedNeedsCommand, LEARNED_USAGE);
  }
  const needs = { show: 'a section id', forget: 'a pair or paste id', export: 'a folder' } as const;
  if (sub !== 'list' && rest.length !== 1)
    return usageError(context, t.learnedNeedsArgument(sub, needs[sub]), LEARNED_USAGE);
  const problems: string[] = [];
  const config = readLearningConfig(process.env, problems);
  const storeConfig = readStoreConfig(process.env, problems);
  if (problems.length > 0) return fail(context, { code: 'usage', message: problems.join('\n') }, 2);
  if (sub !== 'list' && sub !== 'forget') {
    const missing = knowledgeProblem(context);
    if (missing) return fail(context, missing, 2);
  }
  const missing = missingRecord(storeConfig, t);
  if (missing !== undefined) {
    if (sub === 'forget') return fail(context, { code: 'not_found', message: t.learnedNothing(missing) }, 1);
    if (json) out(sub === 'export' ? JSON.stringify({ files: [] }) : '[]');
    else process.stderr.write(`${t.learnedNothing(missing)}\n`);
    return 0;
  }

  let store: Awaited<ReturnType<typeof openStore>>;
  try {
    store = await openStore(storeConfig);
  } catch (err) {
    return failOn(context, err, t.learnedFailed);
  }
  try {
    const learner = createLearner({ store, config });
    await learner.sync();
    const pairs = learner.list().sort((a, b) => b.lastAtMs - a.lastAtMs);
    switch (sub) {
      case 'list': {
        if (json) out(JSON.stringify(pairs));
        else {
          out(table(pairs));
          process.stderr.write(
            `${t.learnedCount(pairs.length, pairs.filter((p) => p.counts).length, store.describe())}\n`,
          );
        }
        return 0;
      }
      case 'show': {
        const query = rest[0]!;
        const kb = await loadKnowledge(context);
        const found = findSection(kb, query).section;
        const id = found?.id ?? query;
        const about = pairs.filter((p) => p.section === id);
        if (json) {
          out(JSON.stringify({ section: id, ...(found ? { title: found.title } : {}), pairs: about }));
          return 0;
        }
        if (about.length === 0) return fail(context, { code: 'not_found', message: t.learnedNone(id) }, 1);
        out([`${found?.title ?? id}`, `Id: ${id}`, '', ...about.map(detail)].join('\n'));
        return 0;
      }
      case 'forget': {
        const forgotten = await learner.forget(rest[0]!, `cli:${userInfo().username}`);
        if (forgotten.length === 0) return fail(context, { code: 'not_found', message: t.learnedNoPair(rest[0]!) }, 1);
        if (json) out(JSON.stringify(forgotten.map((p) => p.id)));
        else out(t.learnedForgotten(forgotten.length));
        return 0;
      }
      case 'export': {
        const dir = resolve(rest[0]!);
        const kb = await loadKnowledge(context);
        const files: string[] = [];
        for (const section of new Set(pairs.filter((p) => p.counts && p.kind === 'confirm').map((p) => p.section))) {
          const known = kb.sections.find((s) => s.id === section);
          const runbook = known ? learnedRunbook(known, pairs) : undefined;
          if (!runbook) {
            process.stderr.write(`${t.learnedNotInKnowledge(section)}\n`);
            continue;
          }
          await mkdir(dir, { recursive: true });
          await writeFile(join(dir, runbook.fileName), runbook.text);
          files.push(join(dir, runbook.fileName));
        }
        if (json) out(JSON.stringify({ files }));
        else out(t.learnedExported(files.length, dir));
        return 0;
      }
    }
  } catch (err) {
    return failOn(context, err, t.learnedFailed);
  } finally {
    await store.close();
  }
}

async function loadKnowledge(context: CliContext): Promise<KnowledgeBase> {
  return new FileKnowledgeSource({ root: process.cwd(), dir: resolve(context.knowledgeDir) }).load();
}
