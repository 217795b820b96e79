// The staff page: plain ES module over the REST API (same origin, X-Api-Key header). No build step, nothing fetched
// from elsewhere: it must work at a venue without internet.

const $ = (id) => document.getElementById(id);

const state = {
  key: sessionStorage.getItem('matchmaking.key') ?? '',
  events: [],
  event: null,
  slots: [],
  participants: [],
  byId: new Map(),
  versions: [],
  schedule: null,
  busy: false,
};

class ApiProblem extends Error {
  constructor(status, problem) {
    super(problem.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function api(path, { method = 'GET', json, body, contentType, accept } = {}) {
  const headers = { 'X-Api-Key': state.key };
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (contentType) {
    headers['Content-Type'] = contentType;
  }
  if (accept) headers.Accept = accept;
  let response;
  try {
    response = await fetch(path, { method, headers, body });
  } catch (error) {
    throw new ApiProblem(0, { title: 'The API cannot be reached', detail: String(error.message ?? error) });
  }
  if (!response.ok) {
    let problem = { title: `HTTP ${response.status}` };
    try { problem = await response.json(); } catch { /* not JSON */ }
    throw new ApiProblem(response.status, problem);
  }
  return response;
}

const getJson = async (path) => (await api(path)).json();

// ---------- small DOM helpers (text only goes through textContent: nothing is parsed as HTML) ----------

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function setStatus(text) {
  $('status').textContent = text;
}

function clearProblem() {
  const box = $('problem');
  box.hidden = true;
  box.replaceChildren();
  for (const field of document.querySelectorAll('[aria-invalid="true"]')) field.removeAttribute('aria-invalid');
}

function showProblem(error, fieldIds = {}) {
  const box = $('problem');
  const problem = error instanceof ApiProblem ? error.problem : { title: 'Something went wrong', detail: String(error?.message ?? error) };
  const items = [];
  for (const [field, messages] of Object.entries(problem.errors ?? {})) {
    const target = fieldIds[field] ?? Object.entries(fieldIds).find(([prefix]) => field.startsWith(prefix))?.[1];
    if (target) $(target).setAttribute('aria-invalid', 'true');
    for (const message of messages) items.push(el('li', {}, el('strong', {}, field), ': ', message));
  }
  box.replaceChildren(
    el('p', {}, el('strong', {}, problem.title ?? 'Error')),
    problem.detail ? el('p', {}, problem.detail) : null,
    items.length ? el('ul', {}, items.slice(0, 50)) : null,
    items.length > 50 ? el('p', {}, `... and ${items.length - 50} more.`) : null,
  );
  box.hidden = false;
  box.focus?.();
  setStatus('');
}

async function guarded(action, fieldIds) {
  clearProblem();
  try {
    await action();
  } catch (error) {
    showProblem(error, fieldIds);
  }
}

const organization = (id) => state.byId.get(id)?.organization ?? `Participant ${id} (no longer registered)`;
const time = (iso) => iso.slice(11, 16);

// ---------- 1. sign in ----------

async function connect(key) {
  state.key = key;
  const list = await getJson('/events');
  sessionStorage.setItem('matchmaking.key', key);
  $('api-key').value = key;
  $('sign-out').hidden = false;
  $('event-section').hidden = false;
  await showEvents(list.items, state.event?.id);
  setStatus(`Connected: ${list.items.length} event(s).`);
}

function signOut() {
  sessionStorage.removeItem('matchmaking.key');
  location.reload();
}

// ---------- 2. events ----------

async function showEvents(items, selectId) {
  state.events = items;
  const select = $('event-select');
  select.replaceChildren(
    el('option', { value: '' }, items.length ? 'Choose an event' : 'No event yet: create one below'),
    ...items.map((e) => el('option', { value: e.id }, `${e.name} (${e.sessions[0].start.slice(0, 10)})`)),
  );
  const chosen = items.find((e) => e.id === selectId) ?? (items.length === 1 ? items[0] : null);
  select.value = chosen ? String(chosen.id) : '';
  $('event-create').open = items.length === 0;
  await openEvent(chosen);
}

async function openEvent(event) {
  state.event = event;
  state.schedule = null;
  const format = event?.format;
  $('participants-section').hidden = !event;
  $('schedule-section').hidden = format !== 'matchmaking';
  $('visits-section').hidden = format !== 'expert-visits';
  $('teams-section').hidden = format !== 'hackathon';
  $('agenda-section').hidden = !event || format === 'hackathon';
  if (!event) {
    $('event-summary').textContent = '';
    return;
  }
  state.slots = (await getJson(`/events/${event.id}/slots`)).items;
  $('event-summary').textContent =
    `${event.format}, ${event.timeZone}, ${state.slots.length} slots of ${event.meetingMinutes} min, ${event.tables} tables.`;
  $('agenda-table').max = event.tables;
  await loadParticipants();
  await loadVersions();
  if (format === 'expert-visits') await loadVisits();
  if (format === 'hackathon') await loadTeams();
}

function readEventForm() {
  const form = $('event-form');
  const value = (name) => form.elements[name].value.trim();
  const number = (name) => (value(name) === '' ? null : Number(value(name)));
  const date = value('date');
  const sessions = [{ name: 'morning', start: `${date}T${value('morningStart')}:00`, end: `${date}T${value('morningEnd')}:00` }];
  if (value('afternoonStart') && value('afternoonEnd')) {
    sessions.push({ name: 'afternoon', start: `${date}T${value('afternoonStart')}:00`, end: `${date}T${value('afternoonEnd')}:00` });
  }
  return {
    name: value('name'),
    topic: value('topic'),
    format: value('format'),
    timeZone: value('timeZone'),
    sessions,
    meetingMinutes: number('meetingMinutes'),
    pauseMinutes: number('pauseMinutes'),
    tables: number('tables'),
    rules: { crossSideOnly: form.elements.crossSideOnly.checked, minMeetings: number('minMeetings'), maxMeetings: number('maxMeetings') },
  };
}

const eventFields = {
  name: 'ev-name', topic: 'ev-topic', format: 'ev-format', timeZone: 'ev-timeZone', 'sessions[0]': 'ev-morning-start',
  'sessions[1]': 'ev-afternoon-start', sessions: 'ev-date', meetingMinutes: 'ev-meetingMinutes', pauseMinutes: 'ev-pauseMinutes',
  tables: 'ev-tables', 'rules.minMeetings': 'ev-minMeetings', 'rules.maxMeetings': 'ev-maxMeetings',
};

async function createEvent() {
  const form = $('event-form');
  if (!form.elements.date.value) {
    throw new ApiProblem(400, { title: 'One or more validation errors occurred.', errors: { date: ['Pick the day of the event.'] } });
  }
  const response = await api('/events', { method: 'POST', json: readEventForm() });
  const created = await response.json();
  form.reset();
  $('ev-timeZone').value = created.timeZone;
  setStatus(`Event “${created.name}” created.`);
  await showEvents((await getJson('/events')).items, created.id);
  $('event-select').focus();
}

// ---------- 3. participants and suggestions ----------

async function loadParticipants() {
  const all = [];
  for (let page = 1; ; page++) {
    const result = await getJson(`/events/${state.event.id}/participants?page=${page}&pageSize=500`);
    all.push(...result.items);
    if (all.length >= result.total || result.items.length === 0) break;
  }
  state.participants = all;
  state.byId = new Map(all.map((p) => [p.id, p]));
  renderParticipants();
  const byName = [...all].sort((a, b) => a.organization.localeCompare(b.organization));
  const options = byName.map((p) => el('option', { value: p.id }, p.organization));
  $('agenda-participant').replaceChildren(...options.map((o) => o.cloneNode(true)));
  $('visit-sme').replaceChildren(...byName.filter((p) => p.role === 'traditional-sme')
    .map((p) => el('option', { value: p.id }, p.organization)));
  $('grid-participant').replaceChildren(el('option', { value: '' }, 'nobody'), ...options);
  $('suggestions').replaceChildren(el('p', { class: 'muted' }, 'Pick a participant to see whom they should meet, and why.'));
}

function renderParticipants() {
  const filter = $('participant-filter').value.trim().toLowerCase();
  const shown = state.participants.filter((p) =>
    !filter || [p.organization, p.sector, p.country, p.role, p.contactName].some((v) => v?.toLowerCase().includes(filter)));
  $('participant-count').textContent = `${shown.length} of ${state.participants.length}`;
  $('participant-table').tBodies[0].replaceChildren(...shown.slice(0, 500).map((p) => el('tr', {},
    el('th', { scope: 'row' }, p.organization),
    el('td', {}, p.role),
    el('td', {}, p.sector ?? ''),
    el('td', {}, p.country ?? ''),
    el('td', {}, el('button', { type: 'button', class: 'small', onclick: () => guarded(() => showSuggestions(p)) },
      'Suggestions', el('span', { class: 'visually-hidden' }, ` for ${p.organization}`))),
  )));
}

async function importCsv() {
  const file = $('import-file').files[0];
  if (!file) throw new ApiProblem(400, { title: 'Choose a CSV file first.' });
  $('import-progress').hidden = false;
  setStatus(`Importing ${file.name}: reading and embedding profiles...`);
  try {
    const response = await api(`/events/${state.event.id}/participants/import`, { method: 'POST', body: file, contentType: 'text/csv' });
    const result = await response.json();
    if (response.status === 202) {
      // Stored; the texts are embedded in a job (suggestions wait for it otherwise).
      const bar = $('import-progress');
      bar.max = 100;
      for (let job = result.job; job.status !== 'succeeded'; job = await getJson(`/events/${state.event.id}/jobs/${job.id}`)) {
        if (job.status === 'failed') throw new ApiProblem(500, { title: 'Embedding the profiles failed', detail: job.error ?? '' });
        bar.value = job.progress;
        setStatus(`${result.created + result.updated} participants stored; reading their profiles: ${job.progress} %`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      bar.removeAttribute('value');
    }
    $('import-result').textContent = `Imported ${file.name}: ${result.created} added, ${result.updated} updated.`;
    setStatus($('import-result').textContent);
    $('import-form').reset();
  } finally {
    $('import-progress').hidden = true;
  }
  await loadParticipants();
}

async function showSuggestions(participant) {
  const panel = $('suggestions');
  panel.replaceChildren(el('p', {}, `Looking for partners of ${participant.organization}...`));
  const result = await getJson(`/events/${state.event.id}/participants/${participant.id}/suggestions?limit=5`);
  const heading = el('h3', { tabindex: '-1' }, `Whom ${participant.organization} should meet`);
  panel.replaceChildren(
    heading,
    participant.needs ? el('p', { class: 'muted' }, 'Needs: ', participant.needs) : null,
    result.items.length === 0
      ? el('p', {}, 'No suggestion: nobody here fits the rules of the event for this participant.')
      : el('ol', { class: 'suggestions' }, result.items.map((s) => el('li', {},
        el('p', {}, el('strong', {}, s.organization), ` · ${s.role} · score ${s.score.toFixed(2)}`),
        el('ul', {}, s.reasons.map((r) => el('li', {}, r.text))),
      ))),
    el('p', { class: 'muted' }, `Scorer: ${result.scorer}.`),
  );
  heading.focus();
}

// ---------- 4. schedules ----------

async function loadVersions(selectVersion) {
  state.versions = (await getJson(`/events/${state.event.id}/schedules`)).items;
  const select = $('version-select');
  select.replaceChildren(...[...state.versions].reverse().map((v) => el('option', { value: v.version },
    `Version ${v.version}${v.publishedAt ? ' (published)' : ''} · ${v.figures.meetingsPlaced} meetings · ${v.figures.holes} gaps`)));
  const hasAny = state.versions.length > 0;
  $('publish').disabled = !hasAny;
  // Expert visits have agendas without any schedule (the API's version 0).
  const agendas = hasAny || state.event.format === 'expert-visits';
  for (const id of ['all-agendas', 'all-meetings', 'agenda-html', 'agenda-csv', 'agenda-ics', 'table-html']) $(id).disabled = !agendas;
  $('agenda-hint').textContent = hasAny
    ? 'From the schedule version shown above (published or not). Printable pages open in a new tab; CSV and calendar files download.'
    : 'From the published schedule, or the expert visits when there is none. Printable pages open in a new tab; CSV and calendar files download.';
  if (!hasAny) {
    state.schedule = null;
    renderSchedule();
    return;
  }
  const version = selectVersion ?? state.versions[state.versions.length - 1].version;
  select.value = String(version);
  await showVersion(version);
}

async function showVersion(version) {
  state.schedule = await getJson(`/events/${state.event.id}/schedules/${version}`);
  renderSchedule();
}

async function generateSchedule() {
  if (state.busy) return;
  const seconds = Number($('schedule-seconds').value || 5);
  const repair = $('schedule-repair').checked;
  state.busy = true;
  $('schedule-generate').disabled = true;
  const box = $('schedule-progress-box');
  const bar = $('schedule-progress');
  const text = $('schedule-progress-text');
  box.hidden = false;
  bar.value = 0;
  const started = performance.now();
  // A synchronous request reports nothing until it answers: show the time budget running down meanwhile.
  const timer = setInterval(() => {
    const elapsed = (performance.now() - started) / 1000;
    bar.value = Math.min(95, (100 * elapsed) / (seconds + 2));
    text.textContent = `Selecting and placing meetings: ${elapsed.toFixed(0)} s of about ${Math.ceil(seconds + 1)} s`;
  }, 250);
  setStatus('Generating a schedule...');
  try {
    const query = `seconds=${encodeURIComponent(seconds)}${repair ? '&mode=repair' : ''}`;
    const response = await api(`/events/${state.event.id}/schedules?${query}`, { method: 'POST' });
    clearInterval(timer);
    const schedule = response.status === 202 ? await followJob(await response.json(), bar, text) : await response.json();
    bar.value = 100;
    text.textContent = `Done: version ${schedule.version}.`;
    setStatus(`Schedule version ${schedule.version}: ${schedule.figures.meetingsPlaced} meetings, ${schedule.figures.holes} idle gaps.`);
    await loadVersions(schedule.version);
  } catch (error) {
    bar.value = 0;
    text.textContent = 'Failed: no new version (see the message above).';
    throw error;
  } finally {
    clearInterval(timer);
    state.busy = false;
    $('schedule-generate').disabled = false;
  }
}

async function followJob(job, bar, text) {
  for (;;) {
    bar.value = job.progress;
    text.textContent = `Job ${job.status}: ${job.progress} %`;
    if (job.status === 'succeeded') return getJson(job.result);
    if (job.status === 'failed') throw new ApiProblem(409, { title: 'Scheduling failed', detail: job.error ?? '' });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    job = await getJson(`/events/${state.event.id}/jobs/${job.id}`);
  }
}

async function publish() {
  const version = Number($('version-select').value);
  await api(`/events/${state.event.id}/schedules/${version}/publish`, { method: 'POST' });
  setStatus(`Version ${version} is published: participants' agenda links now show it.`);
  await loadVersions(version);
}

/** Each participant's meetings by slot, and the idle runs between them (the API's holes). */
function days(meetings) {
  const byParticipant = new Map();
  for (const m of meetings) {
    for (const id of [m.participantAId, m.participantBId]) {
      if (!byParticipant.has(id)) byParticipant.set(id, new Map());
      byParticipant.get(id).set(m.slot, m);
    }
  }
  const result = new Map();
  for (const [id, bySlot] of byParticipant) {
    const slots = [...bySlot.keys()].sort((a, b) => a - b);
    const idle = new Set();
    let holes = 0;
    for (let i = 1; i < slots.length; i++) {
      if (slots[i] - slots[i - 1] > 1) {
        holes++;
        for (let s = slots[i - 1] + 1; s < slots[i]; s++) idle.add(s);
      }
    }
    result.set(id, { bySlot, idle, holes });
  }
  return result;
}

/** The highlighted participant's meetings, each with a button to cancel it (latest version only; then repair). */
function renderParticipantDay(schedule, id, day) {
  const box = $('participant-day');
  if (!id) {
    box.replaceChildren();
    return;
  }
  const latest = schedule.version === state.versions[state.versions.length - 1]?.version;
  const meetings = day ? [...day.bySlot.values()].sort((a, b) => a.slot - b.slot) : [];
  const cancelled = schedule.meetings.filter((m) => m.cancelledAt && (m.participantAId === id || m.participantBId === id));
  box.replaceChildren(
    el('h4', {}, `${organization(id)}: ${meetings.length} meeting(s), ${day?.holes ?? 0} gap(s)`),
    meetings.length === 0 ? el('p', { class: 'muted' }, 'No meeting in this version.') : el('ul', {}, meetings.map((m) => {
      const partner = m.participantAId === id ? m.participantBId : m.participantAId;
      const slot = state.slots[m.slot];
      return el('li', {}, `${time(slot.start)} · table ${m.table} · ${organization(partner)} `,
        latest ? el('button', { type: 'button', class: 'small', onclick: () => guarded(() => cancelMeeting(m, partner, id)) },
          'Cancel', el('span', { class: 'visually-hidden' }, ` the meeting with ${organization(partner)}`)) : null);
    })),
    cancelled.length ? el('p', { class: 'muted' }, `Cancelled: ${cancelled.map((m) => organization(m.participantAId === id ? m.participantBId : m.participantAId)).join(', ')}. `
      + 'Generate with “Repair the latest” to refill the freed places.') : null,
    latest ? null : el('p', { class: 'muted' }, 'Meetings can be cancelled in the latest version only.'),
    unavailableForm(id),
  );
}

/** Slots a participant cannot attend (late arrival, early train), as the grid numbers them: "1-3, 7". */
function unavailableForm(id) {
  const participant = state.byId.get(id);
  if (!participant) return null;
  const input = el('input', { id: 'day-unavailable', name: 'unavailable', value: ranges(participant.unavailableSlots.map((s) => s + 1)), placeholder: 'e.g. 1-3, 7' });
  return el('form', { class: 'row', onsubmit: (e) => { e.preventDefault(); guarded(() => saveUnavailable(participant, input.value), { unavailableSlots: 'day-unavailable' }); } },
    el('label', { for: 'day-unavailable' }, `Slots ${participant.organization} cannot attend`), input,
    el('button', { type: 'submit', class: 'small' }, 'Save'));
}

function ranges(numbers) {
  const sorted = [...numbers].sort((a, b) => a - b);
  const parts = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j;
  }
  return parts.join(', ');
}

function parseSlots(text) {
  const slots = new Set();
  for (const token of text.split(/[\s,;]+/).filter(Boolean)) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(token);
    const from = match ? Number(match[1]) : NaN;
    const to = match?.[2] ? Number(match[2]) : from;
    if (!match || from < 1 || to < from || to > state.slots.length) {
      throw new ApiProblem(400, { title: 'One or more validation errors occurred.',
        errors: { unavailableSlots: [`“${token}” is not a slot or range of slots from 1 to ${state.slots.length}.`] } });
    }
    for (let s = from; s <= to; s++) slots.add(s - 1);
  }
  return [...slots].sort((a, b) => a - b);
}

async function saveUnavailable(participant, text) {
  const unavailableSlots = parseSlots(text);
  const { id, eventId, createdAt, updatedAt, ...profile } = participant;
  const response = await api(`/events/${state.event.id}/participants/${id}`, { method: 'PUT', json: { ...profile, unavailableSlots } });
  const saved = await response.json();
  state.byId.set(id, saved);
  state.participants = state.participants.map((p) => (p.id === id ? saved : p));
  $('schedule-repair').checked = true;
  setStatus(`${saved.organization} cannot attend slots ${ranges(unavailableSlots.map((s) => s + 1)) || 'none'}. Generate with “Repair the latest” to move their meetings.`);
}

async function cancelMeeting(meeting, partner, id) {
  await api(`/events/${state.event.id}/schedules/latest/meetings/${meeting.meetingId}`, { method: 'DELETE' });
  setStatus(`Cancelled: ${organization(id)} with ${organization(partner)}. Tick “Repair the latest” and generate to refill the place.`);
  $('schedule-repair').checked = true;
  await showVersion(state.schedule.version);
}

function renderSchedule() {
  const schedule = state.schedule;
  const figures = $('figures');
  const grid = $('grid');
  const holesTable = $('holes');
  if (!schedule) {
    figures.replaceChildren();
    $('unplaced').replaceChildren(el('p', { class: 'muted' }, 'No schedule yet: generate one above.'));
    $('version-state').textContent = '';
    $('participant-day').replaceChildren();
    grid.replaceChildren();
    holesTable.replaceChildren();
    return;
  }
  const f = schedule.figures;
  $('version-state').textContent = schedule.publishedAt ? `published ${schedule.publishedAt.slice(0, 16).replace('T', ' ')}` : 'draft, not published';
  figures.replaceChildren(...[
    ['Meetings', `${f.meetingsPlaced} (at most ${f.capacityBound})`],
    ['Idle gaps', `${f.holes}${f.holesLowerBound != null ? ` (at least ${f.holesLowerBound} possible)` : ''}`],
    ['Gaps spread', f.holesSpread],
    ['Meetings per participant', `${f.minMeetings} to ${f.maxMeetings}, median ${f.medianMeetings}`],
    ['Unplaced wishes', schedule.unplaced.length],
    ['Search', `${f.solverSeconds.toFixed(1)} s`],
  ].map(([name, value]) => el('div', {}, el('dt', {}, name), el('dd', {}, String(value)))));

  $('unplaced').replaceChildren(schedule.unplaced.length === 0 ? '' : el('div', { class: 'unplaced' },
    el('h3', {}, `Not placed (${schedule.unplaced.length})`),
    el('ul', {}, schedule.unplaced.map((u) => el('li', {},
      `${organization(u.participantAId)} with ${organization(u.participantBId)} (${u.origin}): ${u.why}`)))));

  const meetings = schedule.meetings.filter((m) => !m.cancelledAt);
  const day = days(meetings);
  const highlighted = Number($('grid-participant').value) || null;
  const tableCount = Math.max(1, ...meetings.map((m) => m.table));
  const bySlotTable = new Map(meetings.map((m) => [`${m.slot}:${m.table}`, m]));
  const hasGap = (id) => (day.get(id)?.holes ?? 0) > 0;

  const header = el('tr', {}, el('th', { scope: 'col' }, 'Slot'),
    Array.from({ length: tableCount }, (_, t) => el('th', { scope: 'col' }, `Table ${t + 1}`)));
  const rows = state.slots.map((slot) => el('tr', {},
    el('th', { scope: 'row' }, `${slot.index + 1} · ${time(slot.start)}`),
    Array.from({ length: tableCount }, (_, t) => {
      const m = bySlotTable.get(`${slot.index}:${t + 1}`);
      if (!m) {
        const idleHere = highlighted && day.get(highlighted)?.idle.has(slot.index);
        return el('td', { class: idleHere && t === 0 ? 'empty hole' : 'empty' }, idleHere && t === 0 ? 'gap' : '');
      }
      const mine = highlighted && (m.participantAId === highlighted || m.participantBId === highlighted);
      const gap = hasGap(m.participantAId) || hasGap(m.participantBId);
      return el('td', { class: ['meeting', mine ? 'mine' : '', gap ? 'gapped' : '', m.origin === 'requested' ? 'requested' : ''].join(' ').trim(),
        title: `${m.origin} · score ${m.score.toFixed(2)}` },
      el('span', {}, organization(m.participantAId)), el('span', { class: 'with' }, ' ↔ '), el('span', {}, organization(m.participantBId)),
      gap ? el('span', { class: 'hole-key' }, 'gap') : null);
    })));
  grid.replaceChildren(el('caption', {}, `Version ${schedule.version}: ${state.slots.length} slots × ${tableCount} tables in use`),
    el('thead', {}, header), el('tbody', {}, rows));

  renderParticipantDay(schedule, highlighted, day.get(highlighted));

  const gapped = [...day.entries()].filter(([, d]) => d.holes > 0).sort((a, b) => b[1].holes - a[1].holes);
  if (gapped.length === 0) {
    holesTable.replaceChildren(el('caption', {}, 'Nobody waits between two meetings.'));
    return;
  }
  holesTable.replaceChildren(
    el('caption', {}, `${gapped.length} participant(s) wait between meetings`),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Participant'), el('th', { scope: 'col' }, 'Gaps'),
      state.slots.map((s) => el('th', { scope: 'col' }, String(s.index + 1))))),
    el('tbody', {}, gapped.map(([id, d]) => el('tr', {},
      el('th', { scope: 'row' }, organization(id)),
      el('td', {}, String(d.holes)),
      state.slots.map((s) => d.bySlot.has(s.index)
        ? el('td', { class: 'meeting' }, `T${d.bySlot.get(s.index).table}`)
        : d.idle.has(s.index) ? el('td', { class: 'hole' }, 'gap') : el('td', {}, ''))))));
}

// ---------- 4b. expert visits ----------

async function loadVisits() {
  const plans = (await getJson(`/events/${state.event.id}/expert-visits`)).items;
  const box = $('visit-plans');
  if (plans.length === 0) {
    box.replaceChildren(el('p', { class: 'muted' }, 'No visit planned yet.'));
    return;
  }
  box.replaceChildren(...plans.map((plan) => el('article', { class: 'plan' },
    el('h3', {}, `${plan.organization}: ${plan.visits.length} expert visit(s)`),
    el('table', {},
      el('caption', { class: 'visually-hidden' }, `Visits to ${plan.organization}`),
      el('thead', {}, el('tr', {}, ['Time', 'Expert', 'For the need', 'Why'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, plan.visits.map((v) => el('tr', {},
        el('td', {}, `${time(v.start)}-${time(v.end)}`),
        el('th', { scope: 'row' }, v.organization),
        el('td', {}, v.need),
        el('td', {}, v.reasons.slice(0, 2).map((r) => el('p', {}, r.text))))))),
    plan.uncovered.length
      ? el('div', { class: 'unplaced' }, el('p', {}, 'Needs no visiting expert answers well:'), el('ul', {}, plan.uncovered.map((u) => el('li', {}, u.need))))
      : el('p', { class: 'muted' }, 'Every need has an expert.'),
    el('button', { type: 'button', class: 'small', onclick: () => guarded(() => deletePlan(plan)) },
      'Cancel these visits', el('span', { class: 'visually-hidden' }, ` to ${plan.organization}`)),
  )));
}

async function planVisits() {
  const form = $('visit-form');
  const response = await api(`/events/${state.event.id}/expert-visits`, {
    method: 'POST', json: { smeId: Number(form.elements.smeId.value), experts: Number(form.elements.experts.value) },
  });
  const plan = await response.json();
  setStatus(`${plan.visits.length} expert visit(s) planned for ${plan.organization}.`);
  await loadVisits();
}

async function deletePlan(plan) {
  await api(`/events/${state.event.id}/expert-visits/${plan.id}`, { method: 'DELETE' });
  setStatus(`The visits to ${plan.organization} are cancelled; their slots are free again.`);
  await loadVisits();
}

// ---------- 4c. hackathon teams ----------

async function loadTeams() {
  let teams;
  try {
    teams = await getJson(`/events/${state.event.id}/teams`);
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 404) {
      $('teams').replaceChildren(el('p', { class: 'muted' }, 'No teams yet.'));
      return;
    }
    throw error;
  }
  renderTeams(teams);
}

function renderTeams(teams) {
  const o = teams.objective;
  $('teams').replaceChildren(
    el('p', { class: 'summary' }, `${teams.items.length} teams of up to ${teams.teamSize}: objective ${o.value.toFixed(1)} `
      + `(total fit ${o.totalFit.toFixed(1)}, weakest team ${o.weakestTeamFit.toFixed(2)}, ${o.status}).`),
    teams.unassigned.length ? el('p', { class: 'unplaced' }, `${teams.unassigned.length} participant(s) in no team: `
      + teams.unassigned.map(organization).join(', ')) : null,
    ...teams.items.map((team, i) => el('article', { class: 'plan' },
      el('h3', {}, `Team ${i + 1}: ${organization(team.challengeSmeId)} · fit ${team.fit.toFixed(2)}`),
      el('p', {}, el('strong', {}, 'Challenge: '), team.challenge),
      el('ul', {}, team.members.map((m) => el('li', {}, el('strong', {}, m.organization), ` (${m.role}): ${m.reason}`))))),
  );
}

async function formTeams() {
  const form = $('teams-form');
  $('teams-progress').hidden = false;
  $('teams-form-button').disabled = true;
  setStatus('Forming teams...');
  try {
    const seconds = encodeURIComponent(form.elements.seconds.value || 5);
    const response = await api(`/events/${state.event.id}/teams?seconds=${seconds}`, {
      method: 'POST', json: { teamSize: Number(form.elements.teamSize.value) },
    });
    const teams = await response.json();
    renderTeams(teams);
    setStatus(`${teams.items.length} teams formed.`);
  } finally {
    $('teams-progress').hidden = true;
    $('teams-form-button').disabled = false;
  }
}

// ---------- 5. agendas ----------

function versionQuery() {
  const version = $('version-select').value;
  return version ? `version=${encodeURIComponent(version)}` : '';
}

/** Opens a printable page the API serves: fetched with the key, then shown from a blob in a new tab. */
async function openPage(path) {
  const tab = window.open('', '_blank');
  try {
    const blob = await (await api(path, { accept: 'text/html' })).blob();
    const url = URL.createObjectURL(new Blob([blob], { type: 'text/html' }));
    if (tab) tab.location.href = url;
    else location.assign(url);
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (error) {
    tab?.close();
    throw error;
  }
}

async function download(path, fileName) {
  const blob = await (await api(path)).blob();
  const url = URL.createObjectURL(blob);
  const link = el('a', { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  setStatus(`Downloaded ${fileName}.`);
}

function agendaPath(format) {
  return `/events/${state.event.id}/participants/${$('agenda-participant').value}/agenda?format=${format}&${versionQuery()}`;
}

// ---------- wiring ----------

function on(id, event, handler, fieldIds) {
  $(id).addEventListener(event, (e) => {
    if (event === 'submit') e.preventDefault();
    guarded(() => handler(e), fieldIds);
  });
}

on('key-form', 'submit', () => connect($('api-key').value.trim()), { key: 'api-key' });
$('sign-out').addEventListener('click', signOut);
on('event-select', 'change', () => openEvent(state.events.find((e) => String(e.id) === $('event-select').value) ?? null));
on('event-refresh', 'click', async () => showEvents((await getJson('/events')).items, state.event?.id));
on('event-form', 'submit', createEvent, { ...eventFields, date: 'ev-date' });
on('import-form', 'submit', importCsv);
$('participant-filter').addEventListener('input', renderParticipants);
on('schedule-form', 'submit', generateSchedule, { seconds: 'schedule-seconds' });
on('version-select', 'change', () => showVersion(Number($('version-select').value)));
on('publish', 'click', publish);
$('grid-participant').addEventListener('change', renderSchedule);
on('visit-form', 'submit', planVisits, { smeId: 'visit-sme', experts: 'visit-experts' });
on('teams-form', 'submit', formTeams, { teamSize: 'team-size', seconds: 'team-seconds' });
on('all-agendas', 'click', () => openPage(`/events/${state.event.id}/agendas?format=html&${versionQuery()}`));
on('all-meetings', 'click', () => download(`/events/${state.event.id}/agendas?format=csv&${versionQuery()}`, `event-${state.event.id}-meetings.csv`));
on('agenda-html', 'click', () => openPage(agendaPath('html')));
on('agenda-csv', 'click', () => download(agendaPath('csv'), `agenda-${$('agenda-participant').value}.csv`));
on('agenda-ics', 'click', () => download(agendaPath('ics'), `agenda-${$('agenda-participant').value}.ics`));
on('table-html', 'click', () => openPage(`/events/${state.event.id}/tables/${$('agenda-table').value}/agenda?format=html&${versionQuery()}`));

$('ev-timeZone').value = Intl.DateTimeFormat().resolvedOptions().timeZone ?? '';
if (state.key) guarded(() => connect(state.key));
