import type { DictionaryKind } from '../../../shared/contract/dictionaries.schema';

// What a new office starts with, so that the first rep can log a call with a status and the first
// action can be closed with a reason. The admin edits, reorders and deactivates them.
export const DEFAULT_DICTIONARIES: Record<
  DictionaryKind,
  Array<{ code: string; pl: string; cs: string; en: string }>
> = {
  segment: [
    { code: 'grocery', pl: 'Sklep spożywczy', cs: 'Potraviny', en: 'Grocery store' },
    { code: 'supermarket', pl: 'Supermarket', cs: 'Supermarket', en: 'Supermarket' },
    { code: 'convenience', pl: 'Sklep osiedlowy', cs: 'Večerka', en: 'Convenience store' },
    { code: 'delicatessen', pl: 'Delikatesy', cs: 'Lahůdky', en: 'Delicatessen' },
    { code: 'kiosk', pl: 'Kiosk', cs: 'Stánek', en: 'Kiosk' },
    { code: 'petrol', pl: 'Stacja paliw', cs: 'Čerpací stanice', en: 'Petrol station' },
    { code: 'horeca', pl: 'HoReCa', cs: 'HoReCa', en: 'HoReCa' },
  ],
  callStatus: [
    { code: 'accepted', pl: 'Przyjęte do realizacji', cs: 'Přijato k vyřízení', en: 'Accepted into work' },
    { code: 'completed', pl: 'Zrealizowane', cs: 'Vyřízeno', en: 'Completed' },
    { code: 'call_back', pl: 'Oddzwonić', cs: 'Zavolat zpět', en: 'Call back' },
    { code: 'no_answer', pl: 'Nie odbiera', cs: 'Nezvedá', en: 'No answer' },
    { code: 'wrong_number', pl: 'Błędny numer', cs: 'Špatné číslo', en: 'Wrong number' },
  ],
  actionMode: [
    { code: 'display', pl: 'Ekspozycja produktów', cs: 'Vystavení produktů', en: 'Product display' },
    { code: 'leaflet', pl: 'Gazetka klienta', cs: 'Leták zákazníka', en: "Client's leaflet" },
    { code: 'shelf', pl: 'Miejsce na półce', cs: 'Umístění v regálu', en: 'Shelf placement' },
    { code: 'tasting', pl: 'Degustacja', cs: 'Ochutnávka', en: 'Tasting' },
  ],
  failureReason: [
    {
      code: 'not_displayed',
      pl: 'Brak ekspozycji',
      cs: 'Produkty nevystaveny',
      en: 'Products not displayed',
    },
    {
      code: 'no_photos',
      pl: 'Gazetka bez zdjęć produktów',
      cs: 'Leták bez fotografií produktů',
      en: 'Leaflet without product photos',
    },
    { code: 'store_closed', pl: 'Sklep zamknięty', cs: 'Prodejna zavřena', en: 'Store closed' },
    { code: 'client_withdrew', pl: 'Klient wycofał się', cs: 'Zákazník odstoupil', en: 'Client withdrew' },
  ],
};
