/** A local path to return to after a form: never another site. */
export function safeReturnTo(value: unknown): string | undefined {
  return typeof value === 'string' &&
    /^\/(register|console)(?:[/?][A-Za-z0-9/_.:%?=&-]*)?$/.test(value) &&
    !value.includes('//')
    ? value
    : undefined;
}
