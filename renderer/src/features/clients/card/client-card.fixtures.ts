import type { Client, ClientCard, ClientRow, Contact } from '../../../../../shared/contract/clients.schema';

// Records for the card's tests, shaped as the core sends them.

const meta = {
  createdAt: '2026-11-01T08:00:00.000Z',
  createdBy: 'op1',
  updatedAt: '2026-11-01T08:00:00.000Z',
  updatedBy: 'op1',
};

export function client(over: Partial<Client> = {}): Client {
  return {
    ...meta,
    id: 'c1',
    name: 'Sklep Spożywczy „Pod Lipą” Łódź',
    taxId: '5260250274',
    regon: null,
    dic: null,
    parentId: null,
    segmentId: 'seg1',
    address: { street: 'Piotrkowska 12', city: 'Łódź', postalCode: '90-001', country: 'PL' },
    phone: '+48601234567',
    email: 'sklep@example.pl',
    repId: 'r1',
    status: 'active',
    externalCode: 'ERP-1',
    tags: ['vip'],
    ...over,
  };
}

export function contact(over: Partial<Contact> = {}): Contact {
  return {
    ...meta,
    id: 'p1',
    clientId: 'c1',
    firstName: 'Anna',
    surname: 'Kowalska',
    position: 'Kierowniczka',
    phones: ['+48601234567', '+48602345678'],
    emails: ['anna@example.pl'],
    notes: '',
    status: 'confirmed',
    consents: { email: true, sms: false },
    consentHistory: [
      { channel: 'email', granted: false, at: '2026-10-01T10:00:00.000Z', source: 'phone call', by: 'op1' },
      { channel: 'email', granted: true, at: '2026-11-02T10:00:00.000Z', source: 'signed form', by: 'op1' },
      { channel: 'sms', granted: false, at: '2026-11-03T10:00:00.000Z', source: 'visit', by: 'op1' },
    ],
    ...over,
  };
}

export function row(over: Partial<ClientRow> = {}): ClientRow {
  return {
    id: 'c2',
    name: 'Sieć Lipa',
    taxId: '5260250274',
    externalCode: null,
    city: 'Łódź',
    postalCode: '90-001',
    country: 'PL',
    repId: null,
    segmentId: null,
    status: 'active',
    parentId: null,
    phone: null,
    email: null,
    flags: [],
    ...over,
  };
}

export function card(over: Partial<ClientCard> = {}): ClientCard {
  return {
    client: client(),
    timeline: [],
    parent: null,
    siblings: [],
    contacts: [contact()],
    quality: [],
    canEdit: { company: true, contactData: true },
    ...over,
  };
}
