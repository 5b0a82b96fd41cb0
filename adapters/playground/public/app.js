// The playground page: a chat thread showing the bot's replies as the server rendered them (HTML built
// from the same Markdown as Block Kit and the cards, every text escaped there). The page's own words are
// in one language at a time, switched at the top; replies come back in the language the page asks for.

const $ = (selector) => document.querySelector(selector);
const messages = $('#messages');
const paste = $('#paste');
const statusLine = $('#status');

/** What the server takes in one request; a bigger paste is refused before it is sent. */
const maxBodyBytes = 4 * 1024 * 1024;

const words = {
  ko: {
    subtitle: '플레이그라운드: 워크스페이스에 넣기 전에 봇이 무엇이라고 답하는지 봅니다',
    languageLabel: '언어',
    channelLabel: '채널',
    knowledgeLabel: '문서',
    welcomeTitle: '오류를 붙여 넣어 보세요',
    welcomeText:
      'kubectl, docker, 레지스트리, 클라우드 CLI의 오류나 kubectl describe의 Events 표를 붙여 넣으면, 봇이 채널에서 하듯 스레드로 문서화된 해결 방법을 답합니다. /kb, /diagnose pod <이름> -n <네임스페이스>, /handoff 명령도 쓸 수 있습니다.',
    welcomeTry: '예시로 시작하기:',
    pasteLabel: '오류를 붙여 넣거나 명령을 입력하세요',
    placeholder:
      '오류를 붙여 넣거나 /kb <검색어>, /diagnose pod <이름> -n <네임스페이스>, /handoff 를 입력하세요 (Ctrl+Enter로 보내기)',
    addressed: '봇을 호출하기 (멘션처럼: 확실하지 않아도 답함)',
    send: '보내기',
    knowledge: '문서',
    searchLabel: '문서 검색',
    searchPlaceholder: '섹션 검색 (오류, 단어: ImagePullBackOff, 보류…)',
    sections: (n) => `섹션 ${n}개`,
    found: (n, total, q, confident) => `“${q}”: 섹션 ${total}개 중 ${n}개${confident ? ' · 확실함' : ' · 불확실'}`,
    unavailable: (m) => `문서를 불러오지 못했습니다: ${m}`,
    source: '출처 문서',
    silent: '봇이 조용히 있습니다: 확실하지 않습니다 (봇을 호출하면 가장 가까운 문서를 보여 줍니다).',
    tooLarge: (mb) =>
      `붙여 넣은 내용(${mb} MB)이 플레이그라운드가 받는 크기(4 MB)보다 큽니다. 오류가 있는 부분만 붙여 주세요. 입력한 내용은 그대로 남겨 두었습니다.`,
    failed: (m) => `보내지 못했습니다: ${m}`,
    ready: (n) => `준비됨 · 섹션 ${n}개`,
    starting: '시작하는 중…',
    notReady: '준비 안 됨',
    unreachable: '서버에 연결할 수 없음',
    author: '플레이그라운드 관리자',
  },
  en: {
    subtitle: 'playground: what the bot will say, before it joins a workspace',
    languageLabel: 'Language',
    channelLabel: 'Channel',
    knowledgeLabel: 'Knowledge',
    welcomeTitle: 'Paste an error to try it',
    welcomeText:
      'Paste an error from kubectl, docker, a registry or a cloud CLI, or a kubectl describe Events table, and the bot answers in its thread with the documented fix, as it would in the channel. The commands /kb, /diagnose pod <name> -n <namespace> and /handoff work too.',
    welcomeTry: 'Start from an example:',
    pasteLabel: 'Paste an error or type a command',
    placeholder:
      'Paste an error, or type /kb <query>, /diagnose pod <name> -n <namespace>, /handoff (Ctrl+Enter sends)',
    addressed: 'address the bot (like a mention: it answers even when not sure)',
    send: 'Send',
    knowledge: 'Knowledge',
    searchLabel: 'Search the knowledge',
    searchPlaceholder: 'Search sections (an error, a word: ImagePullBackOff, Pending…)',
    sections: (n) => `${n} sections`,
    found: (n, total, q, confident) => `“${q}”: ${n} of ${total} sections${confident ? ' · confident' : ' · not sure'}`,
    unavailable: (m) => `Knowledge unavailable: ${m}`,
    source: 'Source document',
    silent: 'The bot stays silent: it is not sure (address it to see the closest sections).',
    tooLarge: (mb) =>
      `This paste (${mb} MB) is larger than the playground takes (4 MB). Paste the part with the error; your text is still in the box.`,
    failed: (m) => `Not sent: ${m}`,
    ready: (n) => `ready · ${n} sections`,
    starting: 'starting…',
    notReady: 'not ready',
    unreachable: 'server unreachable',
    author: 'Playground admin',
  },
};

const samples = [
  {
    label: { ko: '이미지 가져오기 401', en: 'image pull 401' },
    text: 'Failed to pull image "us.icr.io/team/api:1.2": rpc error: code = Unknown desc = failed to resolve reference "us.icr.io/team/api:1.2": unexpected status: 401 Unauthorized',
  },
  {
    label: { ko: 'describe 이벤트: 보류', en: 'describe events: Pending' },
    text: [
      'Events:',
      '  Type     Reason            Age                From               Message',
      '  ----     ------            ----               ----               -------',
      '  Warning  FailedScheduling  12s (x4 over 3m)   default-scheduler  0/6 nodes are available: 6 Insufficient cpu.',
    ].join('\n'),
  },
  {
    label: { ko: 'OOMKilled', en: 'OOMKilled' },
    text: 'Last State: Terminated\n  Reason: OOMKilled\n  Exit Code: 137',
  },
  { label: { ko: '/kb 검색', en: '/kb search' }, text: '/kb ImagePullBackOff' },
  { label: { ko: '/handoff', en: '/handoff' }, text: '/handoff 12h' },
];

let language = localStorage.getItem('ksb-language') ?? undefined;
let sectionsTotal;
const w = () => words[language] ?? words.ko;

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'className') node.className = value;
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child !== undefined && child !== null) node.append(child);
  return node;
}

function applyWords() {
  document.documentElement.lang = language;
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = w()[node.dataset.i18n];
  for (const node of document.querySelectorAll('[data-i18n-aria]'))
    node.setAttribute('aria-label', w()[node.dataset.i18nAria]);
  paste.placeholder = w().placeholder;
  $('#kb-query').placeholder = w().searchPlaceholder;
  $('#language').value = language;
  // The samples live in the welcome panel, gone once the first message is sent.
  const list = $('#samples');
  if (!list) return;
  list.replaceChildren();
  for (const sample of samples) {
    const button = el('button', { type: 'button', title: sample.text, text: sample.label[language] });
    button.addEventListener('click', () => {
      paste.value = sample.text;
      void submit(sample.text);
    });
    list.append(el('li', {}, button));
  }
}

/** A reply as the server rendered it; its buttons press the bot's actions. */
function renderReply(reply, context) {
  const body = el('div', { className: `reply kind-${reply.kind}`, 'data-kind': reply.kind });
  if (reply.replyId) body.setAttribute('data-reply-id', reply.replyId);
  // The server escaped every text in it (adapters/playground/to-html.ts).
  body.innerHTML = reply.html;
  for (const button of body.querySelectorAll('button[data-action]')) {
    button.addEventListener('click', () => pressAction(button.dataset.action, button.dataset.replyId, context, button));
  }
  return body;
}

function botMessage(reply, context, messageId) {
  return el(
    'li',
    { className: 'message bot-message', 'data-message-id': messageId ?? '', 'data-thread-id': context.threadId ?? '' },
    el('div', { className: 'avatar bot', text: 'K' }),
    el(
      'div',
      { className: 'message-body' },
      el('span', { className: 'author', text: 'kube-support-bot' }),
      el('span', { className: 'badge', text: 'APP' }),
      renderReply(reply, context),
    ),
  );
}

/** Output, logs and commands keep their lines and columns; a sentence someone typed reads as a sentence. */
function looksPasted(text) {
  return (
    text.includes('\n') ||
    /\t| {2,}/.test(text) ||
    /^\s*(\$|#|kubectl|docker|helm|ibmcloud|az|aws|gcloud)\s/.test(text) ||
    /\b[A-Z][a-z]+(?:[A-Z][a-z]+)*(?:Error|Exception|BackOff)\b|\b\w+Error:|[{}<>]/.test(text)
  );
}

/** A user message with its (initially empty) thread; returns the thread list. */
function userMessage(text) {
  $('#welcome')?.remove();
  const thread = el('ol', { className: 'thread' });
  const item = el(
    'li',
    { className: 'message user-message' },
    el('div', { className: 'avatar', text: 'A' }),
    el(
      'div',
      { className: 'message-body' },
      el('span', { className: 'author', text: w().author }),
      looksPasted(text)
        ? el('pre', { className: 'paste', text: text.length > 20_000 ? `${text.slice(0, 20_000)}\n…` : text })
        : el('p', { className: 'said', text }),
      thread,
    ),
  );
  messages.append(item);
  item.scrollIntoView({ block: 'end' });
  return thread;
}

class TooLarge extends Error {}

/** The request body, refused here when the server would refuse it. */
function encode(body) {
  const json = JSON.stringify({ ...body, language });
  const size = new Blob([json]).size;
  if (size > maxBodyBytes) throw new TooLarge(w().tooLarge((size / 1024 / 1024).toFixed(1)));
  return json;
}

async function postJson(path, body) {
  return send(path, encode(body));
}

async function send(path, json) {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: json });
  if (response.status === 413) throw new TooLarge(w().tooLarge('> 4'));
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(problem.error ?? `HTTP ${response.status}`);
  }
  return response;
}

/** A reply may change earlier bot messages (a repeat count on the open answer), as chat.update would. */
function applyUpdates(updates) {
  for (const update of updates ?? []) {
    const old = messages.querySelector(`[data-message-id="${CSS.escape(update.messageId)}"]`);
    if (!old) continue;
    const thread = old.closest('.thread');
    old.replaceWith(botMessage(update.reply, { thread, threadId: old.dataset.threadId }, update.messageId));
  }
}

function showProblem(thread, message) {
  thread.append(el('li', { className: 'silent', 'data-kind': 'problem', text: `⚠ ${message}` }));
}

function composerProblem(message) {
  const line = $('#composer-problem');
  line.textContent = message ?? '';
  line.hidden = !message;
}

async function sendMessage(text) {
  // A paste the server cannot take stays in the box, with the reason beside it.
  const json = encode({ text, addressed: $('#addressed').checked });
  const thread = userMessage(text);
  const context = { thread, threadId: undefined };
  try {
    const answer = await (await send('/api/playground/message', json)).json();
    context.threadId = answer.threadId;
    if (answer.reply) {
      thread.append(botMessage(answer.reply, context, answer.replyMessageId));
      applyUpdates(answer.reply.updates);
    } else thread.append(el('li', { className: 'silent', 'data-kind': 'silent', text: w().silent }));
    thread.lastElementChild?.scrollIntoView({ block: 'nearest' });
    return true;
  } catch (err) {
    showProblem(thread, err.message);
    return false;
  }
}

async function runCommand(text) {
  const json = encode({ text });
  const thread = userMessage(text);
  const context = { thread, threadId: undefined };
  let pending;
  try {
    const response = await send('/api/playground/command', json);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffered += value;
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        const line = JSON.parse(buffered.slice(0, newline));
        buffered = buffered.slice(newline + 1);
        context.threadId = line.threadId;
        const reply = line.progress ?? line.result;
        const node = botMessage(reply, context, line.replyMessageId);
        // The result replaces the progress message in place, as chat.update does.
        if (pending) pending.replaceWith(node);
        else thread.append(node);
        pending = line.progress ? node : undefined;
        newline = buffered.indexOf('\n');
      }
    }
    return true;
  } catch (err) {
    showProblem(thread, err.message);
    return false;
  }
}

async function pressAction(kind, replyId, context, button) {
  const row = button.closest('.actions, .candidates') ?? button.parentElement;
  for (const b of row.querySelectorAll('button')) b.disabled = true;
  try {
    const outcome = await (
      await postJson('/api/playground/action', { kind, replyId, threadId: context.threadId })
    ).json();
    if (outcome.update) {
      const message = button.closest('.bot-message');
      message.replaceWith(botMessage(outcome.update, context, message.dataset.messageId));
    } else {
      for (const b of row.querySelectorAll('button')) b.disabled = false;
    }
    if (outcome.followUp) context.thread.append(botMessage(outcome.followUp, context, outcome.followUpMessageId));
  } catch (err) {
    for (const b of row.querySelectorAll('button')) b.disabled = false;
    showProblem(context.thread, err.message);
  }
}

async function submit(text) {
  const trimmed = text.trim();
  if (!trimmed) return;
  composerProblem(undefined);
  try {
    const sent = /^\/[a-z]/i.test(trimmed) ? await runCommand(trimmed) : await sendMessage(text);
    // Cleared only once the bot has it: a refused paste is not lost.
    if (sent && paste.value === text) paste.value = '';
  } catch (err) {
    composerProblem(err instanceof TooLarge ? err.message : w().failed(err.message));
  }
}

/** Troubleshooting sections first: a document's "get help" page is where a list should end, not begin. */
function byUsefulness(a, b) {
  return Number(b.errors > 0) - Number(a.errors > 0);
}

let lastQuery = '';
async function loadKnowledge(query) {
  lastQuery = query;
  const list = $('#kb-list');
  const summaryLine = $('#kb-summary');
  try {
    const response = await fetch(
      `/api/playground/knowledge?q=${encodeURIComponent(query)}&language=${encodeURIComponent(language)}`,
    );
    const data = await response.json();
    if (!response.ok) throw new Error(data.error ?? `HTTP ${response.status}`);
    sectionsTotal = data.total;
    list.replaceChildren();
    summaryLine.textContent = query
      ? w().found(data.sections.length, data.total, query, data.confident)
      : w().sections(data.total);
    const sections = query ? data.sections : [...data.sections].sort(byUsefulness);
    for (const section of sections) {
      const open = el('button', { type: 'button', text: section.title.replaceAll('`', '') });
      open.addEventListener('click', () => showSection(section.id));
      list.append(
        el(
          'li',
          {},
          open,
          el('span', { className: 'meta', text: `${section.documentTitle} · ${section.source}:${section.lines[0]}` }),
        ),
      );
    }
    void refreshStatus();
  } catch (err) {
    summaryLine.textContent = w().unavailable(err.message);
  }
}

let shownSection;
async function showSection(id) {
  shownSection = id;
  const view = $('#kb-section');
  const response = await fetch(
    `/api/playground/section?id=${encodeURIComponent(id)}&language=${encodeURIComponent(language)}`,
  );
  const data = await response.json();
  view.hidden = false;
  if (!response.ok) {
    view.replaceChildren(el('p', { text: data.error ?? 'not found' }));
    return;
  }
  // Rendered and escaped by the server, with the labels the chat uses.
  view.innerHTML = data.html;
  view.scrollTop = 0;
}

async function refreshStatus() {
  try {
    const response = await fetch('/readyz');
    statusLine.textContent = response.ok
      ? sectionsTotal === undefined
        ? w().ready('…')
        : w().ready(sectionsTotal)
      : w().notReady;
  } catch {
    statusLine.textContent = w().unreachable;
  }
}

$('#composer').addEventListener('submit', (event) => {
  event.preventDefault();
  void submit(paste.value);
});
paste.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
    event.preventDefault();
    void submit(paste.value);
  }
});
let searchTimer;
$('#kb-query').addEventListener('input', (event) => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => loadKnowledge(event.target.value.trim()), 200);
});
$('#kb-search').addEventListener('submit', (event) => {
  event.preventDefault();
  void loadKnowledge($('#kb-query').value.trim());
});
$('#language').addEventListener('change', (event) => {
  language = event.target.value;
  localStorage.setItem('ksb-language', language);
  applyWords();
  void loadKnowledge(lastQuery);
  if (shownSection) void showSection(shownSection);
});

async function start() {
  if (!language) {
    try {
      const info = await (await fetch('/api/playground/info')).json();
      language = info.language;
    } catch {
      language = 'ko';
    }
  }
  if (!words[language]) language = 'ko';
  statusLine.textContent = w().starting;
  applyWords();
  await loadKnowledge('');
}

void start();
