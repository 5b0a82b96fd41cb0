import { codeSpan, literal } from '../markdown/escape-markdown.ts';

/**
 * The bot's own words (Markdown: what a user typed goes in through `literal`). The corpus is Korean and so are most readers, so Korean is the default;
 * English is a setting. Section titles, causes and steps are shown as the documents wrote them, or from a
 * translation of the document into the reply's language where it has one (`localizedText`).
 */
export type Language = 'ko' | 'en';

export const languages: readonly Language[] = ['ko', 'en'];

export function isLanguage(value: string): value is Language {
  return (languages as readonly string[]).includes(value);
}

/** What was kept of a paste too long to read whole. */
export interface PasteCut {
  readonly headLines: number;
  readonly tailLines: number;
  /** Lines from the middle kept because they read like errors. */
  readonly middleLines: number;
  readonly omittedLines: number;
}

export interface Messages {
  readonly cause: string;
  readonly symptoms: string;
  readonly steps: string;
  readonly source: string;
  /** Before the other documents that hold the same section (a republished copy). */
  readonly alsoIn: string;
  readonly noSteps: string;
  readonly moreSteps: (count: number) => string;
  readonly restInSource: string;
  /** The one confidence wording, the same in chat, the playground and the CLI: no percentages. */
  readonly confident: string;
  readonly notSure: string;
  readonly answerConfidence: string;
  readonly actionResolve: string;
  readonly actionDismiss: string;
  readonly actionMore: string;
  readonly actionShow: string;
  readonly unsureTitle: string;
  readonly unsureExplain: string;
  readonly unsureNone: string;
  readonly closest: string;
  readonly pasteCut: (cut: PasteCut) => string;
  readonly pasteBinary: string;
  readonly pasteEmpty: string;
  readonly moreTitle: string;
  readonly moreNone: string;
  /** The playground's section page: what the channel taught about the section. */
  readonly learnedTitle: string;
  readonly learnedPair: (pair: { fixes: boolean; people: number; inUse: boolean; until: string }) => string;
  readonly pointer: (count: number) => string;
  readonly pointerLink: string;
  readonly repeatCount: (count: number) => string;
  readonly resolvedBy: (who: string) => string;
  readonly dismissedBy: (who: string) => string;
  readonly notConfigured: (command: string) => string;
  readonly unknownCommand: (command: string) => string;
  readonly helpTitle: string;
  readonly helpIntro: string;
  readonly usageTitle: (command: string) => string;
  readonly kbEmpty: string;
  readonly kbNothing: (query: string) => string;
  readonly kbTitle: (query: string) => string;
  readonly otherCandidates: string;
  readonly errorGeneric: (ref: string) => string;
  readonly expired: string;
}

const ko: Messages = {
  cause: '원인',
  symptoms: '증상',
  steps: '해결 방법',
  source: '출처',
  alsoIn: '같은 내용이 있는 문서',
  noSteps: '문서에 단계별 해결 방법이 없습니다. 출처 문서를 확인하세요.',
  moreSteps: (n) => `… 나머지 ${n}단계는 출처 문서에 있습니다.`,
  restInSource: '… 나머지는 출처 문서에 있습니다.',
  confident: '확실함',
  notSure: '불확실',
  answerConfidence: '확실함: 붙여 넣은 오류가 이 문서에 기록된 오류와 일치합니다.',
  actionResolve: '해결됐어요',
  actionDismiss: '이게 아니에요',
  actionMore: '다른 후보 보기',
  actionShow: '이 답 보기',
  unsureTitle: '불확실: 확실한 답을 찾지 못했습니다',
  unsureExplain:
    '아래 문서가 가장 가깝지만, 붙여 넣은 오류가 문서의 오류와 충분히 일치하지 않아 확실하지 않습니다. 맞는 항목이 있으면 "이 답 보기"를 누르세요.',
  unsureNone: '문서에서 관련 항목을 찾지 못했습니다. 오류 메시지 전체를 붙여 주시면 다시 찾아보겠습니다.',
  closest: '가장 가까운 문서',
  pasteCut: (c) =>
    `✂️ 붙여 넣은 내용이 길어 앞 ${c.headLines}줄과 뒤 ${c.tailLines}줄${c.middleLines > 0 ? `, 중간에서 오류로 보이는 ${c.middleLines}줄` : ''}만 읽었습니다 (${c.omittedLines}줄 생략).`,
  pasteBinary:
    '붙여 넣은 내용이 텍스트가 아니라 바이너리로 보여 찾아보지 않았습니다. 오류 메시지를 텍스트로 붙여 주세요.',
  pasteEmpty: '붙여 넣은 내용에 읽을 수 있는 글자가 없습니다. 오류 메시지를 텍스트로 붙여 주세요.',
  moreTitle: '다른 후보',
  learnedTitle: '채널에서 배운 것',
  learnedPair: (p) =>
    `${p.fixes ? '✅ 해결됨' : '🚫 해당 없음'} · ${p.people}명 · ${p.inUse ? '사용 중' : '확인 대기'} · ${p.until}까지`,
  moreNone: '다른 후보가 없습니다.',
  pointer: (n) => `같은 문제가 이미 열린 스레드에서 다뤄지고 있습니다 (${n}번째 보고).`,
  pointerLink: '열린 스레드로 가기',
  repeatCount: (n) => `🔁 같은 문제가 ${n}번 보고되었습니다.`,
  resolvedBy: (who) => `✅ ${literal(who)} 님이 해결됨으로 표시했습니다.`,
  dismissedBy: (who) => `${literal(who)} 님이 "이게 아니에요"로 표시했습니다.`,
  notConfigured: (c) => `${codeSpan(c)} 기능이 이 배포에서는 설정되어 있지 않습니다. 관리자에게 문의하세요.`,
  unknownCommand: (c) => `알 수 없는 명령입니다: ${codeSpan(c)}`,
  helpTitle: '사용할 수 있는 명령',
  helpIntro: '오류 메시지를 채널에 붙여 넣으면 문서화된 해결 방법을 스레드로 답합니다.',
  usageTitle: (c) => `${c} 사용법`,
  kbEmpty: '검색어를 입력하세요.',
  kbNothing: (q) => `"${literal(q)}"에 해당하는 문서 항목이 없습니다.`,
  kbTitle: (q) => `"${literal(q)}" 검색 결과`,
  otherCandidates: '다른 후보',
  errorGeneric: (ref) => `처리 중 문제가 발생했습니다 (참조 ${ref}).`,
  expired: '이 답변의 정보가 만료되었습니다. 오류를 다시 붙여 주세요.',
};

const en: Messages = {
  cause: 'Cause',
  symptoms: 'Symptoms',
  steps: 'How to fix it',
  source: 'Source',
  alsoIn: 'Also documented in',
  noSteps: 'The document gives no step-by-step fix; see the source.',
  moreSteps: (n) => `… ${n} more steps in the source document.`,
  restInSource: '… the rest is in the source document.',
  confident: 'Confident',
  notSure: 'Not sure',
  answerConfidence: 'Confident: the pasted error matches an error this section documents.',
  actionResolve: 'This fixed it',
  actionDismiss: 'Not it',
  actionMore: 'Other matches',
  actionShow: 'Show this answer',
  unsureTitle: 'Not sure: no confident answer',
  unsureExplain:
    'These sections come closest, but the pasted error does not match their errors well enough to be sure. Press "Show this answer" on the one that fits.',
  unsureNone: 'Nothing in the documents looks related. Paste the whole error message and I will look again.',
  closest: 'Closest sections',
  pasteCut: (c) =>
    `✂️ The paste was long: I read its first ${c.headLines} and last ${c.tailLines} lines${c.middleLines > 0 ? ` and ${c.middleLines} error-looking lines from the middle` : ''} (${c.omittedLines} lines left out).`,
  pasteBinary: 'The paste looks like binary data, not text, so I did not look it up. Paste the error message as text.',
  pasteEmpty: 'The paste has no readable text. Paste the error message as text.',
  moreTitle: 'Other matches',
  learnedTitle: 'Learned from the channel',
  learnedPair: (p) =>
    `${p.fixes ? '✅ fixed it' : '🚫 not it'} · ${p.people} ${p.people === 1 ? 'person' : 'people'} · ${p.inUse ? 'in use' : 'waiting for more people'} · until ${p.until}`,
  moreNone: 'There are no other matches.',
  pointer: (n) => `The same problem is being handled in an open thread (reported ${n} times).`,
  pointerLink: 'Go to the open thread',
  repeatCount: (n) => `🔁 Reported ${n} times.`,
  resolvedBy: (who) => `✅ Marked resolved by ${literal(who)}.`,
  dismissedBy: (who) => `Marked "Not it" by ${literal(who)}.`,
  notConfigured: (c) => `${codeSpan(c)} is not configured in this deployment. Ask your administrator.`,
  unknownCommand: (c) => `Unknown command: ${codeSpan(c)}`,
  helpTitle: 'Commands',
  helpIntro: 'Paste an error in the channel and I answer in its thread with the documented fix.',
  usageTitle: (c) => `Usage of ${c}`,
  kbEmpty: 'Type something to search for.',
  kbNothing: (q) => `Nothing in the documents matches "${literal(q)}".`,
  kbTitle: (q) => `Search results for "${literal(q)}"`,
  otherCandidates: 'Other candidates',
  errorGeneric: (ref) => `Something went wrong on my side (ref ${ref}).`,
  expired: 'This answer is no longer on record. Paste the error again.',
};

const table: Record<Language, Messages> = { ko, en };

export function messages(language: Language = 'ko'): Messages {
  return table[language];
}
