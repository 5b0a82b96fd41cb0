import type { Language } from '../i18n/messages.ts';
import type { ResolvedHow } from '../incidents/incident-event.ts';

/** The handoff's own words, in the bot's language (Korean by default, like the rest of the bot). */
export interface HandoffLabels {
  readonly title: string;
  readonly scheduledTitle: string;
  readonly heading: (title: string, where: string | undefined, window: string) => string;
  readonly overview: (t: {
    incidents: number;
    open: number;
    resolved: number;
    dismissed: number;
    unanswered: number;
    followUps: number;
  }) => string;
  readonly none: string;
  readonly open: (n: number) => string;
  readonly resolved: (n: number) => string;
  readonly dismissed: (n: number) => string;
  readonly recurring: string;
  readonly times: (n: number) => string;
  readonly hotSpots: string;
  readonly namespaces: string;
  readonly clusters: string;
  readonly unanswered: (n: number) => string;
  readonly reportedBy: (who: string) => string;
  readonly fixedBy: (who: string, how: ResolvedHow, at: string) => string;
  readonly dismissedBy: (who: string) => string;
  readonly followUps: (n: number) => string;
  readonly repeated: (n: number) => string;
  readonly more: (n: number) => string;
  readonly thread: (conversation: string, thread: string) => string;
  /** The label of a link to an incident's thread. */
  readonly threadLink: string;
  readonly generated: (at: string, zone: string) => string;
  // The command's replies.
  readonly resolveOutsideThread: string;
  readonly noIncident: string;
  readonly alreadyResolved: (who: string) => string;
  readonly markedResolved: (who: string) => string;
  readonly badWindow: (text: string, detail: string) => string;
  readonly unavailable: string;
  readonly otherChannelRefused: (channel: string) => string;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

const en: HandoffLabels = {
  title: 'Handoff',
  scheduledTitle: 'Shift handoff',
  heading: (title, where, window) => `${title}${where === undefined ? '' : ` for ${where}`}: ${window}`,
  overview: (t) =>
    `${plural(t.incidents, 'incident')}: ${t.open} open, ${t.resolved} resolved, ${t.dismissed} dismissed, ` +
    `${t.unanswered} not answered; ${plural(t.followUps, 'follow-up')} in threads.`,
  none: 'No incidents in this window.',
  open: (n) => `Open (${n}), oldest first`,
  resolved: (n) => `Resolved (${n})`,
  dismissed: (n) => `Dismissed as "Not it" (${n})`,
  recurring: 'Recurring problems',
  times: (n) => plural(n, 'time'),
  hotSpots: 'Hot spots',
  namespaces: 'Hot namespaces',
  clusters: 'Hot clusters',
  unanswered: (n) => `What I could not answer (${n})`,
  reportedBy: (who) => `reported by ${who}`,
  fixedBy: (who, how, at) =>
    `fixed by ${who} with ${{ button: 'the "This fixed it" button', reaction: 'a ✅ reaction', command: '/handoff resolve' }[how]} at ${at}`,
  dismissedBy: (who) => `by ${who}`,
  followUps: (n) => plural(n, 'follow-up'),
  repeated: (n) => `repeated ${plural(n, 'time')}`,
  more: (n) => `…and ${n} more`,
  thread: (c, t) => `thread ${c}/${t}`,
  threadLink: 'thread',
  generated: (at, zone) => `Generated ${at} (${zone}).`,
  resolveOutsideThread: 'Run `/handoff resolve` inside the thread of the incident you want to mark resolved.',
  noIncident: 'I have no incident recorded for this thread.',
  alreadyResolved: (who) => `Already resolved by ${who}.`,
  markedResolved: (who) => `Marked resolved by ${who}.`,
  badWindow: (_text, detail) => detail,
  unavailable: 'The incident record is unavailable right now; try again in a minute.',
  otherChannelRefused: (channel) =>
    `I can only summarise ${channel} for its members: run /handoff there, or here without a channel for this one.`,
};

const ko: HandoffLabels = {
  title: '인수인계',
  scheduledTitle: '교대 인수인계',
  heading: (title, where, window) => `${title}${where === undefined ? '' : ` (${where})`}: ${window}`,
  overview: (t) =>
    `사건 ${t.incidents}건: 진행 중 ${t.open}, 해결 ${t.resolved}, "이게 아니에요" ${t.dismissed}, ` +
    `답하지 못함 ${t.unanswered}; 스레드 후속 메시지 ${t.followUps}건.`,
  none: '이 기간에는 사건이 없습니다.',
  open: (n) => `진행 중 (${n}), 오래된 순`,
  resolved: (n) => `해결됨 (${n})`,
  dismissed: (n) => `"이게 아니에요"로 표시됨 (${n})`,
  recurring: '반복되는 문제',
  times: (n) => `${n}회`,
  hotSpots: '많이 발생한 곳',
  namespaces: '네임스페이스',
  clusters: '클러스터',
  unanswered: (n) => `답하지 못한 것 (${n})`,
  reportedBy: (who) => `보고: ${who}`,
  fixedBy: (who, how, at) =>
    `${who} 님이 ${at}에 ${{ button: '"해결됐어요" 버튼', reaction: '✅ 반응', command: '`/handoff resolve` 명령' }[how]}으로 해결`,
  dismissedBy: (who) => `${who} 님`,
  followUps: (n) => `후속 ${n}건`,
  repeated: (n) => `${n}회 반복`,
  more: (n) => `…외 ${n}건`,
  thread: (c, t) => `스레드 ${c}/${t}`,
  threadLink: '스레드',
  generated: (at, zone) => `생성: ${at} (${zone})`,
  resolveOutsideThread: '해결로 표시할 사건의 스레드 안에서 `/handoff resolve`를 실행하세요.',
  noIncident: '이 스레드에 기록된 사건이 없습니다.',
  alreadyResolved: (who) => `이미 ${who} 님이 해결로 표시했습니다.`,
  markedResolved: (who) => `✅ ${who} 님이 해결로 표시했습니다.`,
  badWindow: (text, _detail) =>
    `기간 "${text}"을(를) 이해하지 못했습니다. 예: \`12h\`, \`since 09:00\`, \`2026-11-23 09:00..21:00\`.`,
  unavailable: '지금은 사건 기록(Redis)을 읽을 수 없습니다. 잠시 후 다시 시도하세요.',
  otherChannelRefused: (channel) =>
    `${channel} 채널의 요약은 그 채널의 멤버에게만 보여 드릴 수 있습니다. 그 채널에서 /handoff를 실행하거나, 이 채널은 채널 없이 실행하세요.`,
};

export function handoffLabels(language: Language = 'ko'): HandoffLabels {
  return language === 'en' ? en : ko;
}
