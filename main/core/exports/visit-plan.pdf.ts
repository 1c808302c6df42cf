import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake';
import { zonedParts } from '../../../shared/domain/dates';
import { ensurePdfFonts } from '../app/pdf-fonts';
import type { FileLang } from './export-file';
import type { PlanData, PlanVisit } from './visit-plan.service';
import {
  actionLine,
  checklistOf,
  dayHeading,
  periodText,
  planText,
  planTexts,
  shortDate,
  timeRange,
} from './visit-plan.service';

// The visit plan a rep takes on the road (PRODUCT.md §7): per day, the visits in time order, each
// with where to go, whom to ask for and how to reach them, what to talk about, and the ordered tasks
// with their checklists and the local actions' conditions to verify. Each visit is one unbreakable
// block, so a page break never separates a client's name from its tasks (a day's heading rides with
// its first visit). Cancelled visits are not in the body: each day says how many were cancelled and
// which. A visit is two columns (where and whom on the left, the tasks on the right); the tasks'
// standing instructions, the same on every visit, are printed once at the end. Laid out with stacks
// and plain text, no tables (a month of ~150 visits lays out in well under a second), in the shipped
// Noto Sans, which has every Polish and Czech letter but no ballot box: the checklist's boxes are drawn.

export interface PdfOptions {
  lang: FileLang;
  now: Date;
  timeZone: string;
}

const PAGE_WIDTH = 595.28 - 2 * 40;
const MUTED = '#4a5361';
const BOX = 7;

/** "Name, position", and on the next line how to reach them. */
function personLine(p: PlanVisit['contacts'][number]): string {
  const reach = [...p.phones, ...p.emails].join(' · ');
  return [p.name, p.position].filter(Boolean).join(', ') + (reach ? `\n${reach}` : '');
}

/** One checklist line: a drawn empty box, then the item (which may wrap). */
function checkItem(text: string): Content {
  return {
    columns: [
      {
        width: BOX + 5,
        canvas: [{ type: 'rect', x: 0, y: 2.5, w: BOX, h: BOX, lineWidth: 0.7, lineColor: '#333333' }],
      },
      { width: '*', text },
    ],
    columnGap: 0,
    margin: [12, 1, 0, 0],
  };
}

function visitBlock(v: PlanVisit, plan: PlanData, lang: FileLang): Content[] {
  const t = planTexts(lang);
  const c = v.client;
  // Left: where to go and whom to ask for; right: what to do there. Side by side, a visit takes
  // about half the height it would in one column, and a rep reads a day at a glance.
  const left: Content[] = [];
  const place = [c.postalCode, c.city].filter(Boolean).join(' ');
  left.push({ text: [c.street, place].filter(Boolean).join(', ') });
  if (v.contact)
    left.push({
      text: [{ text: `${t.contact}: `, bold: true }, personLine(v.contact)],
      margin: [0, 2, 0, 0],
    });
  for (const p of v.contacts)
    left.push({ text: `${t.otherContact}: ${personLine(p)}`, fontSize: 8, color: MUTED });
  const outlet = [c.phone, c.email].filter(Boolean).join(' · ');
  if (outlet) left.push({ text: `${t.outlet}: ${outlet}`, fontSize: 8, color: MUTED });
  if (v.subject)
    left.push({ text: [{ text: `${t.subject}: `, bold: true }, v.subject], margin: [0, 2, 0, 0] });
  if (v.notes.trim())
    left.push({ text: [{ text: `${t.notes}: `, bold: true }, v.notes.trim()], margin: [0, 2, 0, 0] });

  const right: Content[] = [];
  if (v.tasks.length) right.push({ text: `${t.tasks}:`, bold: true });
  v.tasks.forEach((task, i) => {
    right.push({
      text: [
        `${i + 1}. ${task.title}`,
        ...(task.mandatory ? [{ text: ` (${t.mandatory})`, color: MUTED }] : []),
      ],
      margin: [0, 1, 0, 0],
    });
    if (task.action)
      right.push({
        text: `${t.action}: ${actionLine(task.action, plan.currency, lang)}`,
        fontSize: 8,
        margin: [12, 0, 0, 0],
      });
    // An action's description is this client's own; the standards' and promotions' instructions
    // are the same on every visit and are printed once, at the end (see instructions()).
    if (task.action && task.details.trim())
      right.push({ text: task.details.trim(), fontSize: 8, color: MUTED, margin: [12, 0, 0, 0] });
    const items = checklistOf(task);
    if (task.action && items.length)
      right.push({ text: `${t.conditions}:`, fontSize: 8, bold: true, margin: [12, 1, 0, 0] });
    for (const item of items) right.push(checkItem(item));
  });

  return [
    {
      canvas: [{ type: 'line', x1: 0, y1: 0, x2: PAGE_WIDTH, y2: 0, lineWidth: 0.5, lineColor: '#c3c9d2' }],
      margin: [0, 5, 0, 3],
    },
    {
      text: [
        { text: `${timeRange(v, lang)}   `, bold: true },
        { text: c.name, bold: true },
        ...(v.status !== 'planned' ? [{ text: `   (${t.status[v.status]})`, color: MUTED }] : []),
      ],
      fontSize: 10.5,
      margin: [0, 0, 0, 2],
    },
    {
      columns: [
        { width: '44%', stack: left },
        { width: '*', stack: right },
      ],
      columnGap: 14,
    },
  ];
}

/**
 * A page holds about 58 lines of the body text (758 pt at ~13 pt a line); a visit estimated at more
 * than this many lines is not laid out as one unbreakable block (see visitPlanPdf). Generous on
 * purpose: a block that fits is only moved whole to the next page, one that does not is cut.
 */
const MAX_BLOCK_LINES = 44;

/** Lines a visit's block takes at most, counting wrapped lines by characters (~45 a line on the left, ~58 on the right). */
export function estimatedLines(v: PlanVisit): number {
  const wrap = (s: string, per: number) =>
    s.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(l.length / per)), 0);
  const person = (p: PlanVisit['contacts'][number]) =>
    wrap([p.name, p.position].join(', '), 45) + wrap([...p.phones, ...p.emails].join(' · '), 45);
  let left = 1 + (v.contact ? person(v.contact) : 0) + v.contacts.reduce((n, p) => n + person(p), 0);
  left += 1 + wrap(v.subject, 45) + (v.notes ? wrap(v.notes, 45) : 0);
  let right = 1;
  for (const t of v.tasks) {
    right += wrap(t.title, 50);
    if (t.action) right += 3 + wrap(t.details, 58);
    for (const item of checklistOf(t)) right += wrap(item, 52);
  }
  return 2 + wrap(v.client.name, 80) + Math.max(left, right);
}

/**
 * The instructions of the plan's tasks, each once (by title, in the order they first come): a
 * standard's "compare the shelf with the planogram" is the same on every visit, and printing it under
 * each of ~200 visits would double the plan's length (and the time to lay it out).
 */
function instructions(plan: PlanData, lang: FileLang): Content[] {
  const seen = new Map<string, string>();
  for (const v of plan.visits) {
    if (v.status === 'cancelled') continue;
    for (const task of v.tasks) {
      const d = task.details.trim();
      if (!task.action && d && !seen.has(task.title)) seen.set(task.title, d);
    }
  }
  if (!seen.size) return [];
  const out: Content[] = [];
  for (const [title, details] of seen)
    out.push({
      stack: [
        // The heading rides with the first instruction, so it never ends a page alone.
        ...(out.length ? [] : [{ text: planTexts(lang).instructions, style: 'day' }]),
        { text: title, bold: true },
        { text: details, color: MUTED, margin: [8, 0, 0, 0] },
      ],
      unbreakable: true,
      margin: [0, 3, 0, 0],
    });
  return out;
}

export async function visitPlanPdf(plan: PlanData, o: PdfOptions): Promise<Buffer> {
  ensurePdfFonts();
  const lang = o.lang;
  const t = planTexts(lang);
  const period = periodText(plan.from, plan.to, lang);
  const made = zonedParts(o.now, o.timeZone);
  const byDay = new Map<string, PlanVisit[]>();
  for (const v of plan.visits) {
    let day = byDay.get(v.date);
    if (!day) byDay.set(v.date, (day = []));
    day.push(v);
  }
  const content: Content[] = [
    { text: `${t.title} – ${plan.rep.name}`, style: 'h1' },
    {
      text: `${t.period}: ${period}   ·   ${t.visits}: ${plan.visits.filter((v) => v.status !== 'cancelled').length}`,
      margin: [0, 2, 0, 0],
    },
    {
      text: `${t.made}: ${shortDate(made.date, lang)} ${made.time.slice(0, 5)}`,
      fontSize: 8,
      color: MUTED,
      margin: [0, 0, 0, 4],
    },
  ];
  if (!byDay.size) content.push({ text: t.noVisits, margin: [0, 12, 0, 0] });
  // Days in calendar order (the visits came sorted); a day without visits is left out.
  for (const [date, visits] of byDay) {
    const heading: Content = { text: dayHeading(date, lang), style: 'day' };
    const active = visits.filter((v) => v.status !== 'cancelled');
    const cancelled = visits.filter((v) => v.status === 'cancelled');
    const note: Content | null = cancelled.length
      ? {
          text: [
            { text: `${planText(lang, 'cancelled', { n: cancelled.length })}: `, bold: true },
            cancelled.map((v) => (v.time ? `${v.client.name} (${v.time})` : v.client.name)).join('; '),
          ],
          fontSize: 8.5,
          color: MUTED,
          margin: [0, 4, 0, 0],
        }
      : null;
    if (!active.length) {
      content.push({ stack: [heading, ...(note ? [note] : [])], unbreakable: true });
      continue;
    }
    active.forEach((v, i) => {
      // The day's heading is laid out with its first visit, so it never ends a page alone.
      const block = visitBlock(v, plan, lang);
      const stack = i === 0 ? [heading, ...block] : block;
      // pdfmake keeps only the first page of an unbreakable block: a visit too tall for one page
      // (dozens of tasks and conditions) would lose its end. Such a visit starts on a new page and
      // may continue on the next — split, but whole.
      if (estimatedLines(v) <= MAX_BLOCK_LINES)
        content.push({ stack, unbreakable: true, margin: [0, 0, 0, 4] });
      else content.push({ stack, pageBreak: 'before', margin: [0, 0, 0, 4] });
    });
    if (note) content.push(note);
  }
  content.push(...instructions(plan, lang));
  const doc: TDocumentDefinitions & {
    pageSize: string;
    pageMargins: number[];
    footer: (page: number, pages: number) => Content;
  } = {
    info: { title: `${t.title} – ${plan.rep.name}, ${period}`, creator: 'Regio' },
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 44],
    defaultStyle: { font: 'Noto', fontSize: 9, lineHeight: 1.05 },
    styles: {
      h1: { fontSize: 16, bold: true },
      day: { fontSize: 12.5, bold: true, margin: [0, 12, 0, 2], color: '#1d3a6b' },
    },
    content,
    footer: (page, pages) => ({
      columns: [
        { text: `${t.title} – ${plan.rep.name}, ${period}`, width: '*' },
        { text: planText(lang, 'page', { p: page, n: pages }), width: 'auto', alignment: 'right' },
      ],
      fontSize: 7.5,
      color: MUTED,
      margin: [40, 14, 40, 0],
    }),
  };
  return pdfmake.createPdf(doc).getBuffer();
}
