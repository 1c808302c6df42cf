import type { Task, VisitDetail, VisitRow } from '../../../../../shared/contract/visits.schema';

// Records as the core answers them, for the visits' store tests.

const meta = (id: string) => ({
  id,
  createdAt: '2026-11-20T08:00:00.000Z',
  createdBy: 'r1',
  updatedAt: '2026-11-20T08:00:00.000Z',
  updatedBy: 'r1',
});

export function visitRow(over: Partial<VisitRow> = {}): VisitRow {
  return {
    id: 'v1',
    clientId: 'c1',
    clientName: 'Sklep Spożywczy „Pod Lipami” Józefa Wiśniewskiego',
    clientCity: 'Bielsko-Biała',
    contactName: 'Anna Nowak',
    repId: 'r1',
    date: '2026-11-24',
    time: '09:00',
    durationMin: 30,
    status: 'planned',
    subject: 'Ekspozycja',
    tasks: { open: 2, total: 3, mandatoryOpen: 1 },
    ...over,
  };
}

export function task(over: Partial<Task> = {}): Task {
  return {
    ...meta(over.id ?? 't1'),
    visitId: 'v1',
    actionId: null,
    source: 'standard',
    sourceId: 's1',
    stepKey: 'k1',
    sourceVersion: 1,
    order: 1,
    title: 'Zdjęcie półki',
    details: '',
    kind: 'photo',
    items: [],
    mandatory: true,
    status: 'open',
    result: { checklist: [], count: null, note: '', photoIds: [] },
    ...over,
  };
}

export function visitDetail(over: Partial<VisitDetail> = {}, tasks: Task[] = [task()]): VisitDetail {
  return {
    visit: {
      ...meta('v1'),
      clientId: 'c1',
      contactId: 'p1',
      repId: 'r1',
      date: '2026-11-24',
      time: '09:00',
      durationMin: 30,
      status: 'planned',
      subject: 'Ekspozycja',
      result: '',
      notes: '',
      seriesId: null,
    },
    tasks,
    attachments: [],
    client: { id: 'c1', name: 'Sklep „Pod Lipami”', city: 'Bielsko-Biała', segmentId: null },
    contact: {
      id: 'p1',
      firstName: 'Anna',
      surname: 'Nowak',
      phones: ['+48601000000'],
      emails: [],
      status: 'confirmed',
    },
    can: { edit: true, complete: true },
    ...over,
  };
}
