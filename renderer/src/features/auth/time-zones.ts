/** The time zones offered for an office: the markets Regio serves and their neighbours. */
export const TIME_ZONES = [
  'Europe/Warsaw',
  'Europe/Prague',
  'Europe/Bratislava',
  'Europe/Berlin',
  'Europe/Vienna',
  'Europe/Budapest',
  'Europe/Vilnius',
  'Europe/London',
  'UTC',
] as const;

/** The zones to offer, with `current` first-class even if it is not one of ours. */
export function timeZoneChoices(current: string): string[] {
  return (TIME_ZONES as readonly string[]).includes(current) ? [...TIME_ZONES] : [current, ...TIME_ZONES];
}

/** "Europe/Warsaw — czas środkowoeuropejski": the zone's id, and its name in the UI's language. */
export function timeZoneLabel(zone: string, lang: string): string {
  const id = zone.replace(/_/g, ' ');
  try {
    // Any fixed instant will do: the generic name ("Central European Time") does not change with DST.
    const name = new Intl.DateTimeFormat(lang, { timeZone: zone, timeZoneName: 'longGeneric' })
      .formatToParts(0)
      .find((p) => p.type === 'timeZoneName')?.value;
    return name && name !== zone ? `${id} — ${name}` : id;
  } catch {
    return id;
  }
}

/** "PLN — Polish złoty" in the UI's language, or just the code if Intl does not know it. */
export function currencyLabel(code: string, lang: string): string {
  try {
    const name = new Intl.DisplayNames([lang], { type: 'currency' }).of(code);
    return name && name !== code ? `${code} — ${name}` : code;
  } catch {
    return code;
  }
}
