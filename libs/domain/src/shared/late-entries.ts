/**
 * Informational entries: facts about a record (a claim, and, as they are added, sources,
 * documents, notes, attendance, minutes) that do not change its state. A fact is often found
 * late (a claim found in 2014 about 2012), so these may be dated before the record's latest
 * entry and take their place in every as-of view; the rule is in ./aggregate.ts (decideOn).
 * Entries that change a record's state keep their order and are fixed with corrections.
 *
 * Command type -> the one event type it records. Add new informational entries here.
 */
export const INFORMATIONAL_ENTRIES: Readonly<Record<string, string>> = {
  RecordClaim: 'ClaimRecorded',
};

const INFORMATIONAL_COMMANDS = new Set(Object.keys(INFORMATIONAL_ENTRIES));
const INFORMATIONAL_EVENTS = new Set(Object.values(INFORMATIONAL_ENTRIES));

export function isInformationalCommand(type: string): boolean {
  return INFORMATIONAL_COMMANDS.has(type);
}

export function isInformationalEvent(type: string): boolean {
  return INFORMATIONAL_EVENTS.has(type);
}
