/**
 * The CLI's own words (usage frames, errors, notes) in the bot's languages. Command syntax, section ids and
 * Kubernetes' own messages are shown as they are.
 */
import type { Language } from '../../src/i18n/messages.ts';

export interface CliMessages {
  readonly usage: string;
  readonly commands: string;
  readonly options: string;
  readonly summaries: Readonly<Record<'match' | 'kb' | 'diagnose' | 'handoff' | 'record', string>>;
  readonly optionKnowledge: string;
  readonly optionLanguage: string;
  readonly unknownCommand: (name: string) => string;
  readonly notInBuild: (name: string) => string;
  readonly failed: (detail: string) => string;
  readonly unknownOption: (option: string) => string;
  readonly needsFolder: (option: string) => string;
  readonly needsValue: (option: string) => string;
  readonly badLanguage: (where: string, value: string) => string;
  readonly noKnowledge: (dir: string) => string;
  readonly topRange: string;
  readonly jsonlFromStdin: string;
  readonly nothingToMatch: string;
  readonly lineNotJson: (line: number) => string;
  readonly lineNoText: (line: number) => string;
  readonly showNeedsId: string;
  readonly ambiguous: (query: string, count: number) => string;
  readonly noSection: (query: string) => string;
  readonly unknownKbCommand: (name: string) => string;
  readonly kbNeedsCommand: string;
  readonly knowledgeNotLoaded: (detail: string) => string;
  readonly badTimeZone: (value: string) => string;
  readonly noIncidentRecord: (why: string) => string;
  readonly recordInMemory: string;
  readonly recordFileMissing: (path: string) => string;
  readonly cannotRead: (path: string, why: string) => string;
  readonly notJson: (where: string) => string;
  readonly notIncidentEvent: (where: string) => string;
  readonly handoffFailed: (detail: string) => string;
  readonly handoffWindowHelp: (examples: string) => string;
  readonly handoffEventsHelp: string;
  readonly recordExportHelp: string;
  readonly recordImportHelp: string;
  readonly recordNeedsAction: string;
  readonly recordImportNeedsFile: string;
  readonly nothingToExport: (why: string) => string;
  readonly recordFailed: (action: string, detail: string) => string;
  readonly recordExported: (events: number, incidents: number, store: string) => string;
  readonly recordImported: (events: number, incidents: number, store: string) => string;
  readonly recordNotWritten: (events: number, store: string) => string;
  readonly learnedNeedsCommand: string;
  readonly learnedNeedsArgument: (command: string, what: string) => string;
  readonly learnedNothing: (why: string) => string;
  readonly learnedCount: (pairs: number, counting: number, store: string) => string;
  readonly learnedNone: (section: string) => string;
  readonly learnedNoPair: (id: string) => string;
  readonly learnedForgotten: (pairs: number) => string;
  readonly learnedExported: (files: number, dir: string) => string;
  readonly learnedNotInKnowledge: (section: string) => string;
  readonly learnedFailed: (detail: string) => string;
}

const en: CliMessages = {
  usage: 'usage',
  commands: 'commands',
  options: 'options for every command',
  summaries: {
    match: 'find the documented fix for an error',
    kb: 'browse and check the knowledge',
    diagnose: 'diagnose a pod in a cluster',
    handoff: 'summarise a shift',
    record: 'copy the incident record out of or into the configured store',
  },
  optionKnowledge: 'the knowledge folder (default: KNOWLEDGE_DIR, else knowledge); --dir is the same',
  optionLanguage: 'the language of messages (default: BOT_LANGUAGE, else ko)',
  unknownCommand: (name) => `unknown command "${name}"`,
  notInBuild: (name) => `"${name}" is not available in this build`,
  failed: (detail) => `error: ${detail}`,
  unknownOption: (option) => `unknown option ${option}`,
  needsFolder: (option) => `${option} needs a folder`,
  needsValue: (option) => `${option} needs a value`,
  badLanguage: (where, value) => `${where} must be ko or en, got "${value}"`,
  noKnowledge: (dir) => `no knowledge folder at ${dir}: give one with --knowledge DIR or KNOWLEDGE_DIR`,
  topRange: '--top needs a whole number from 1 to 50',
  jsonlFromStdin: '--jsonl reads its cases from stdin',
  nothingToMatch: 'nothing to match: give the error as an argument or on stdin',
  lineNotJson: (line) => `line ${line}: not JSON, skipped`,
  lineNoText: (line) => `line ${line}: no "text" string`,
  showNeedsId: 'kb show needs a section id',
  ambiguous: (query, count) => `"${query}" matches ${count} sections:`,
  noSection: (query) => `no section "${query}" (see \`kb list\`)`,
  unknownKbCommand: (name) => `unknown kb command "${name}"`,
  kbNeedsCommand: 'kb needs a command: list, show, lint or learned',
  knowledgeNotLoaded: (detail) => `knowledge not loaded, replying without documented steps: ${detail}`,
  badTimeZone: (value) => `--timezone must be an IANA time zone such as Asia/Seoul, got "${value}"`,
  noIncidentRecord: (why) => `no incident record: ${why}, or pass --events FILE (JSON lines)`,
  recordInMemory: "STORE=memory keeps the record inside the bot's process",
  recordFileMissing: (path) =>
    `${path} does not exist: run this where the bot runs, set STATE_DIR to its directory or REDIS_URL to its Redis`,
  cannotRead: (path, why) => `cannot read ${path}: ${why}`,
  notJson: (where) => `${where}: not JSON`,
  notIncidentEvent: (where) => `${where}: not an incident event (needs type, place.threadId, atMs)`,
  handoffFailed: (detail) => `handoff failed: ${detail}`,
  handoffWindowHelp: (examples) => `${examples}; default: since the channel's last scheduled shift change, or 12h`,
  handoffEventsHelp: "incident events as JSON lines instead of the bot's record (STATE_DIR or REDIS_URL)",
  recordExportHelp:
    'every recorded event of the incidents active in WINDOW (default: the whole retention), as JSON lines',
  recordImportHelp: 'records JSON lines of events into the store the settings name (STORE, STATE_DIR, REDIS_URL)',
  recordNeedsAction: 'record needs export or import',
  recordImportNeedsFile: 'record import takes one FILE (or - for stdin)',
  nothingToExport: (why) => `no incident record: ${why}`,
  recordFailed: (action, detail) => `record ${action} failed: ${detail}`,
  recordExported: (events, incidents, store) => `exported ${events} events (${incidents} incidents) from ${store}`,
  recordImported: (events, incidents, store) => `imported ${events} events (${incidents} incidents) into ${store}`,
  recordNotWritten: (events, store) => `${events} events could not be written to ${store}`,
  learnedNeedsCommand: 'kb learned needs a command: list, show, forget or export',
  learnedNeedsArgument: (command, what) => `kb learned ${command} needs ${what}`,
  learnedNothing: (why) => `nothing learned yet: ${why}`,
  learnedCount: (pairs, counting, store) => `${pairs} learned pairs (${counting} in use) in ${store}`,
  learnedNone: (section) => `nothing learned about ${section}`,
  learnedNoPair: (id) => `no learned pair or paste "${id}" (see \`kb learned list\`)`,
  learnedForgotten: (pairs) =>
    `forgot ${pairs} learned ${pairs === 1 ? 'pair' : 'pairs'}; they no longer count on any replica`,
  learnedExported: (files, dir) =>
    `wrote ${files} runbooks to ${dir}; review them, then move them into knowledge/runbooks/`,
  learnedNotInKnowledge: (section) => `skipped ${section}: not in the knowledge any more`,
  learnedFailed: (detail) => `kb learned failed: ${detail}`,
};

const ko: CliMessages = {
  usage: '사용법',
  commands: '명령',
  options: '모든 명령의 옵션',
  summaries: {
    match: '오류에 대한 문서화된 해결 방법 찾기',
    kb: '문서 둘러보기와 점검',
    diagnose: '클러스터의 팟 진단',
    handoff: '당직 교대 요약',
    record: '설정된 저장소의 사건 기록을 내보내거나 들여오기',
  },
  optionKnowledge: '문서 폴더 (기본값: KNOWLEDGE_DIR, 없으면 knowledge); --dir도 같습니다',
  optionLanguage: '메시지 언어 (기본값: BOT_LANGUAGE, 없으면 ko)',
  unknownCommand: (name) => `알 수 없는 명령 "${name}"`,
  notInBuild: (name) => `"${name}" 명령은 이 빌드에 없습니다`,
  failed: (detail) => `오류: ${detail}`,
  unknownOption: (option) => `알 수 없는 옵션 ${option}`,
  needsFolder: (option) => `${option} 뒤에 폴더가 필요합니다`,
  needsValue: (option) => `${option} 뒤에 값이 필요합니다`,
  badLanguage: (where, value) => `${where}는 ko 또는 en이어야 합니다 ("${value}" 불가)`,
  noKnowledge: (dir) => `${dir}에 문서 폴더가 없습니다: --knowledge DIR 또는 KNOWLEDGE_DIR로 지정하세요`,
  topRange: '--top 뒤에는 1부터 50까지의 정수가 필요합니다',
  jsonlFromStdin: '--jsonl은 표준 입력에서 사례를 읽습니다',
  nothingToMatch: '찾을 내용이 없습니다: 오류를 인자나 표준 입력으로 주세요',
  lineNotJson: (line) => `${line}행: JSON이 아니어서 건너뜁니다`,
  lineNoText: (line) => `${line}행: "text" 문자열이 없습니다`,
  showNeedsId: 'kb show 뒤에 항목 id가 필요합니다',
  ambiguous: (query, count) => `"${query}"에 해당하는 항목이 ${count}개입니다:`,
  noSection: (query) => `"${query}" 항목이 없습니다 (\`kb list\` 참고)`,
  unknownKbCommand: (name) => `알 수 없는 kb 명령 "${name}"`,
  kbNeedsCommand: 'kb 뒤에 list, show, lint, learned 중 하나가 필요합니다',
  knowledgeNotLoaded: (detail) => `문서를 읽지 못해 문서의 해결 단계 없이 답합니다: ${detail}`,
  badTimeZone: (value) => `--timezone은 Asia/Seoul 같은 IANA 시간대여야 합니다 ("${value}" 불가)`,
  noIncidentRecord: (why) => `사건 기록이 없습니다: ${why}. 아니면 --events FILE(JSON 줄)을 주세요`,
  recordInMemory: 'STORE=memory이면 기록은 봇 프로세스 안에만 있습니다',
  recordFileMissing: (path) =>
    `${path} 파일이 없습니다. 봇이 도는 곳에서 실행하거나, STATE_DIR을 봇의 디렉터리로, REDIS_URL을 봇의 Redis로 설정하세요`,
  cannotRead: (path, why) => `${path}을(를) 읽을 수 없습니다: ${why}`,
  notJson: (where) => `${where}: JSON이 아닙니다`,
  notIncidentEvent: (where) => `${where}: 사건 이벤트가 아닙니다 (type, place.threadId, atMs 필요)`,
  handoffFailed: (detail) => `교대 요약 실패: ${detail}`,
  handoffWindowHelp: (examples) => `${examples}; 기본값: 채널의 마지막 예약 교대 시각부터, 없으면 12h`,
  handoffEventsHelp: '봇의 기록(STATE_DIR 또는 REDIS_URL) 대신 JSON 줄로 된 사건 이벤트',
  recordExportHelp: 'WINDOW 동안 활동한 사건의 기록된 이벤트 전부(기본: 보존 기간 전체)를 JSON 줄로',
  recordImportHelp: 'JSON 줄로 된 이벤트를 설정이 가리키는 저장소(STORE, STATE_DIR, REDIS_URL)에 기록',
  recordNeedsAction: 'record 다음에 export 또는 import를 주세요',
  recordImportNeedsFile: 'record import에는 FILE 하나(표준 입력은 -)를 주세요',
  nothingToExport: (why) => `사건 기록이 없습니다: ${why}`,
  recordFailed: (action, detail) => `record ${action} 실패: ${detail}`,
  recordExported: (events, incidents, store) => `${store}에서 이벤트 ${events}개(사건 ${incidents}건)를 내보냈습니다`,
  recordImported: (events, incidents, store) => `${store}에 이벤트 ${events}개(사건 ${incidents}건)를 기록했습니다`,
  recordNotWritten: (events, store) => `이벤트 ${events}개를 ${store}에 쓰지 못했습니다`,
  learnedNeedsCommand: 'kb learned 뒤에 list, show, forget, export 중 하나가 필요합니다',
  learnedNeedsArgument: (command, what) => `kb learned ${command} 뒤에 ${what}이(가) 필요합니다`,
  learnedNothing: (why) => `아직 배운 것이 없습니다: ${why}`,
  learnedCount: (pairs, counting, store) => `${store}에 배운 쌍 ${pairs}개 (사용 중 ${counting}개)`,
  learnedNone: (section) => `${section}에 대해 배운 것이 없습니다`,
  learnedNoPair: (id) => `배운 쌍이나 붙여넣기 "${id}"이(가) 없습니다 (\`kb learned list\` 참고)`,
  learnedForgotten: (pairs) => `배운 쌍 ${pairs}개를 잊었습니다. 이제 어느 복제본에서도 쓰이지 않습니다`,
  learnedExported: (files, dir) => `${dir}에 런북 ${files}개를 썼습니다. 검토한 뒤 knowledge/runbooks/로 옮기세요`,
  learnedNotInKnowledge: (section) => `${section}은(는) 이제 문서에 없어 건너뜁니다`,
  learnedFailed: (detail) => `kb learned 실패: ${detail}`,
};

const table: Record<Language, CliMessages> = { en, ko };

export function cliMessages(language: Language): CliMessages {
  return table[language];
}
