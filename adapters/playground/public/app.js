// The playground page: renders the bot's neutral Reply blocks as a chat thread would show them.
// Plain DOM, no framework; text always goes in through textContent, never as HTML.

const $ = (selector) => document.querySelector(selector);
const messages = $('#messages');
const paste = $('#paste');
const statusLine = $('#status');

// Replaced by the bot's own words (its language setting) from /api/playground/info.
let actionLabels = { resolve: 'This fixed it', dismiss: 'Not it', more: 'Other matches' };
const samples = [
  {
    label: 'image pull 401',
    text: 'Failed to pull image "us.icr.io/team/api:1.2": rpc error: code = Unknown desc = failed to resolve reference: unauthorized: authentication required',
  },
  {
    label: 'describe events',
    text: [
      'Events:',
      '  Type     Reason            Age                From               Message',
      '  ----     ------            ----               ----               -------',
      '  Warning  FailedScheduling  12s (x4 over 3m)   default-scheduler  0/6 nodes are available: 6 Insufficient memory. preemption: 0/6 nodes are available: 6 No preemption victims found for incoming pod.',
    ].join('\n'),
  },
  { label: '/kb', text: '/kb ImagePullBackOff' },
  { label: '/diagnose', text: '/diagnose pod web-1 -n default' },
  { label: '/handoff', text: '/handoff 12h' },
];

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'className') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('data-') || key === 'href' || key === 'type' || key === 'title')
      node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children) if (child !== undefined && child !== null) node.append(child);
  return node;
}

/** `code spans` in backticks become <code>; everything else stays text. */
function inline(text) {
  const span = document.createElement('span');
  String(text)
    .split(/(`[^`\n]+`)/)
    .forEach((part) => {
      if (part.length > 2 && part.startsWith('`') && part.endsWith('`'))
        span.append(el('code', { text: part.slice(1, -1) }));
      else if (part) span.append(document.createTextNode(part));
    });
  return span;
}

function safeUrl(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

function renderBlock(block, context) {
  switch (block.type) {
    case 'heading':
      return el('h3', {}, inline(block.text));
    case 'paragraph':
      return el(
        'p',
        {},
        block.label ? el('span', { className: 'label', text: block.label }) : null,
        inline(block.text),
      );
    case 'code':
      return el('pre', {}, el('code', { text: block.text }));
    case 'steps': {
      const list = el('ol', { className: 'steps' });
      for (const step of block.steps) {
        list.append(
          el('li', {}, inline(step.text), ...step.commands.map((c) => el('pre', {}, el('code', { text: c })))),
        );
      }
      return el(
        'div',
        {},
        block.label ? el('p', {}, el('span', { className: 'label', text: block.label })) : null,
        list,
      );
    }
    case 'fields': {
      const dl = el('dl', { className: 'fields' });
      for (const field of block.fields) dl.append(el('dt', { text: field.label }), el('dd', {}, inline(field.value)));
      return dl;
    }
    case 'list': {
      const ul = el('ul');
      for (const item of block.items) ul.append(el('li', {}, inline(item)));
      return el('div', {}, block.label ? el('p', {}, el('span', { className: 'label', text: block.label })) : null, ul);
    }
    case 'source': {
      const where = `${block.path}:${block.lines[0]}-${block.lines[1]}`;
      const href = block.url ? safeUrl(block.url) : undefined;
      const title = href
        ? el('a', { href, text: block.title, target: '_blank', rel: 'noopener' })
        : el('span', { text: block.title });
      return el('p', { className: 'source' }, '📄 ', title, ` (${where})`);
    }
    case 'context':
      return el('p', { className: 'context' }, inline(block.text));
    case 'actions': {
      const row = el('div', { className: 'actions', 'data-reply-id': block.replyId });
      for (const kind of block.actions) {
        const button = el('button', {
          type: 'button',
          text: actionLabels[kind] ?? kind,
          className: kind === 'resolve' ? 'primary' : '',
          'data-action': kind,
        });
        button.addEventListener('click', () => pressAction(kind, block.replyId, context, button));
        row.append(button);
      }
      return row;
    }
    case 'divider':
      return el('hr');
    default:
      return null;
  }
}

function renderReply(reply, context) {
  const body = el('div', { className: `reply kind-${reply.kind}`, 'data-kind': reply.kind });
  if (reply.replyId) body.setAttribute('data-reply-id', reply.replyId);
  if (reply.blocks.length === 0) body.append(el('p', {}, inline(reply.text)));
  for (const block of reply.blocks) body.append(renderBlock(block, context) ?? '');
  return body;
}

function botMessage(reply, context, messageId) {
  return el(
    'li',
    { className: 'message bot-message', 'data-message-id': messageId ?? '', 'data-thread-id': context.threadId ?? '' },
    el('div', { className: 'avatar bot', text: 'K' }),
    el(
      'div',
      {},
      el('span', { className: 'author', text: 'kube-support-bot' }),
      el('span', { className: 'badge', text: 'APP' }),
      renderReply(reply, context),
    ),
  );
}

/** A user message with its (initially empty) thread; returns the thread list. */
function userMessage(text) {
  const thread = el('ol', { className: 'thread' });
  const item = el(
    'li',
    { className: 'message user-message' },
    el('div', { className: 'avatar', text: 'A' }),
    el(
      'div',
      {},
      el('span', { className: 'author', text: 'Playground admin' }),
      el('pre', { className: 'paste', text }),
      el('div', { className: 'thread-label', text: 'Thread' }),
      thread,
    ),
  );
  messages.append(item);
  item.scrollIntoView({ block: 'end' });
  return thread;
}

async function postJson(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
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

async function sendMessage(text) {
  const thread = userMessage(text);
  const context = { thread, threadId: undefined };
  try {
    const answer = await (
      await postJson('/api/playground/message', { text, addressed: $('#addressed').checked })
    ).json();
    context.threadId = answer.threadId;
    if (answer.reply) {
      thread.append(botMessage(answer.reply, context, answer.replyMessageId));
      applyUpdates(answer.reply.updates);
    } else
      thread.append(
        el('li', {
          className: 'silent',
          'data-kind': 'silent',
          text: 'The bot stays silent: no confident match (address it to see the closest candidates).',
        }),
      );
  } catch (err) {
    showProblem(thread, err.message);
  }
  thread.lastElementChild?.scrollIntoView({ block: 'nearest' });
}

async function runCommand(text) {
  const thread = userMessage(text);
  const context = { thread, threadId: undefined };
  let pending;
  try {
    const response = await postJson('/api/playground/command', { text });
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
  } catch (err) {
    showProblem(thread, err.message);
  }
}

async function pressAction(kind, replyId, context, button) {
  const row = button.closest('.actions');
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
  paste.value = '';
  if (/^\/[a-z]/i.test(trimmed)) await runCommand(trimmed);
  else await sendMessage(text);
}

async function loadKnowledge(query) {
  const list = $('#kb-list');
  const summaryLine = $('#kb-summary');
  try {
    const response = await fetch(`/api/playground/knowledge?q=${encodeURIComponent(query)}`);
    const data = await response.json();
    if (!response.ok) throw new Error(data.error ?? `HTTP ${response.status}`);
    list.replaceChildren();
    summaryLine.textContent = query
      ? `${data.sections.length} best of ${data.total} sections for “${query}”${data.confident ? ' (confident)' : ''}`
      : `${data.total} sections`;
    for (const section of data.sections) {
      const open = el('button', { type: 'button', text: section.title });
      open.addEventListener('click', () => showSection(section.id));
      const score = section.score === undefined ? '' : ` · score ${section.score}`;
      list.append(
        el(
          'li',
          {},
          open,
          el('span', {
            className: 'meta',
            text: `${section.documentTitle} · ${section.source}:${section.lines[0]}${score}`,
          }),
        ),
      );
    }
  } catch (err) {
    summaryLine.textContent = `Knowledge unavailable: ${err.message}`;
  }
}

async function showSection(id) {
  const view = $('#kb-section');
  const response = await fetch(`/api/playground/section?id=${encodeURIComponent(id)}`);
  const data = await response.json();
  view.hidden = false;
  if (!response.ok) {
    view.replaceChildren(el('p', { text: data.error ?? 'not found' }));
    return;
  }
  const s = data.section;
  const steps = el('ol', { className: 'steps' });
  for (const step of s.steps)
    steps.append(el('li', {}, inline(step.text), ...step.commands.map((c) => el('pre', {}, el('code', { text: c })))));
  const href = s.url ? safeUrl(s.url) : undefined;
  view.replaceChildren(
    el('h3', { text: s.title }),
    el('p', { className: 'meta', text: `${s.documentTitle} · ${s.source}:${s.lines[0]}-${s.lines[1]}` }),
    s.symptoms ? el('p', {}, el('strong', { text: 'Symptoms: ' }), inline(s.symptoms)) : null,
    s.causes ? el('p', {}, el('strong', { text: 'Causes: ' }), inline(s.causes)) : null,
    s.steps.length ? steps : el('pre', { text: s.text }),
    href ? el('a', { href, text: 'Source document', target: '_blank', rel: 'noopener' }) : null,
  );
}

async function refreshStatus() {
  try {
    const response = await fetch('/readyz');
    const data = await response.json();
    statusLine.textContent = response.ok
      ? `ready · ${data.checks.knowledge}`
      : `not ready · ${Object.values(data.checks).join(', ')}`;
  } catch {
    statusLine.textContent = 'server unreachable';
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
for (const sample of samples) {
  const button = el('button', { type: 'button', text: sample.label, title: sample.text });
  button.addEventListener('click', () => {
    paste.value = sample.text;
    paste.focus();
  });
  $('#samples').append(button);
}
let searchTimer;
$('#kb-query').addEventListener('input', (event) => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => loadKnowledge(event.target.value.trim()), 200);
});
$('#kb-search').addEventListener('submit', (event) => {
  event.preventDefault();
  void loadKnowledge($('#kb-query').value.trim());
});

async function loadInfo() {
  try {
    const info = await (await fetch('/api/playground/info')).json();
    actionLabels = { ...actionLabels, ...info.actions };
  } catch {
    // The English labels stay.
  }
}

void loadInfo();
void refreshStatus();
void loadKnowledge('');
