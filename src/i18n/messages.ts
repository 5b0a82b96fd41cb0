/**
 * The bot's own words. The corpus is Korean and so are most readers, so Korean is the default;
 * English is a setting. Section titles, causes and steps are shown as the documents wrote them.
 */
export type Language = 'ko' | 'en';

export const languages: readonly Language[] = ['ko', 'en'];

export function isLanguage(value: string): value is Language {
  return (languages as readonly string[]).includes(value);
}

export interface Messages {
  readonly cause: string;
  readonly symptoms: string;
  readonly steps: string;
  readonly source: string;
  readonly noSteps: string;
  readonly moreSteps: (count: number) => string;
  readonly score: (percent: number) => string;
  readonly actionResolve: string;
  readonly actionDismiss: string;
  readonly actionMore: string;
  readonly unsureTitle: string;
  readonly unsureNone: string;
  readonly closest: string;
  readonly moreTitle: string;
  readonly moreNone: string;
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
  noSteps: '문서에 단계별 해결 방법이 없습니다. 출처 문서를 확인하세요.',
  moreSteps: (n) => `… 나머지 ${n}단계는 출처 문서에 있습니다.`,
  score: (p) => `일치도 ${p}%`,
  actionResolve: '해결됐어요',
  actionDismiss: '이게 아니에요',
  actionMore: '다른 후보 보기',
  unsureTitle: '확실한 일치 항목이 없습니다',
  unsureNone: '문서에서 관련 항목을 찾지 못했습니다. 오류 메시지 전체를 붙여 주시면 다시 찾아보겠습니다.',
  closest: '가장 가까운 후보:',
  moreTitle: '다른 후보',
  moreNone: '다른 후보가 없습니다.',
  pointer: (n) => `같은 문제가 이미 열린 스레드에서 다뤄지고 있습니다 (${n}번째 보고).`,
  pointerLink: '열린 스레드로 가기',
  repeatCount: (n) => `🔁 같은 문제가 ${n}번 보고되었습니다.`,
  resolvedBy: (who) => `✅ ${who} 님이 해결됨으로 표시했습니다.`,
  dismissedBy: (who) => `${who} 님이 "이게 아니에요"로 표시했습니다.`,
  notConfigured: (c) => `\`${c}\` 기능이 이 배포에서는 설정되어 있지 않습니다. 관리자에게 문의하세요.`,
  unknownCommand: (c) => `알 수 없는 명령입니다: \`${c}\``,
  helpTitle: '사용할 수 있는 명령',
  helpIntro: '오류 메시지를 채널에 붙여 넣으면 문서화된 해결 방법을 스레드로 답합니다.',
  usageTitle: (c) => `\`${c}\` 사용법`,
  kbEmpty: '검색어를 입력하세요.',
  kbNothing: (q) => `"${q}"에 해당하는 문서 항목이 없습니다.`,
  kbTitle: (q) => `"${q}" 검색 결과`,
  otherCandidates: '다른 후보',
  errorGeneric: (ref) => `처리 중 문제가 발생했습니다 (참조 ${ref}).`,
  expired: '이 답변의 정보가 만료되었습니다. 오류를 다시 붙여 주세요.',
};

const en: Messages = {
  cause: 'Cause',
  symptoms: 'Symptoms',
  steps: 'How to fix it',
  source: 'Source',
  noSteps: 'The document gives no step-by-step fix; see the source.',
  moreSteps: (n) => `… ${n} more steps in the source document.`,
  score: (p) => `match ${p}%`,
  actionResolve: 'This fixed it',
  actionDismiss: 'Not it',
  actionMore: 'Other matches',
  unsureTitle: 'No confident match',
  unsureNone: 'Nothing in the documents looks related. Paste the whole error message and I will look again.',
  closest: 'Closest:',
  moreTitle: 'Other matches',
  moreNone: 'There are no other matches.',
  pointer: (n) => `The same problem is being handled in an open thread (reported ${n} times).`,
  pointerLink: 'Go to the open thread',
  repeatCount: (n) => `🔁 Reported ${n} times.`,
  resolvedBy: (who) => `✅ Marked resolved by ${who}.`,
  dismissedBy: (who) => `Marked "Not it" by ${who}.`,
  notConfigured: (c) => `\`${c}\` is not configured in this deployment. Ask your administrator.`,
  unknownCommand: (c) => `Unknown command: \`${c}\``,
  helpTitle: 'Commands',
  helpIntro: 'Paste an error in the channel and I answer in its thread with the documented fix.',
  usageTitle: (c) => `Usage of \`${c}\``,
  kbEmpty: 'Type something to search for.',
  kbNothing: (q) => `Nothing in the documents matches "${q}".`,
  kbTitle: (q) => `Search results for "${q}"`,
  otherCandidates: 'Other candidates',
  errorGeneric: (ref) => `Something went wrong on my side (ref ${ref}).`,
  expired: 'This answer is no longer on record. Paste the error again.',
};

const table: Record<Language, Messages> = { ko, en };

export function messages(language: Language = 'ko'): Messages {
  return table[language];
}
