import type { CorrectionCommand, LedgerCommand } from '@ledger/domain';

/**
 * Compile-time checks that tie each DTO to the domain type it validates: a DTO that drifts from
 * its command's data (a field added, dropped, renamed, made optional or retyped on either side)
 * fails `tsc`. Nothing here exists at run time.
 */

/** Every command type a DTO is registered for: the domain's commands and the two corrections. */
export type DtoCommandType = LedgerCommand['type'] | CorrectionCommand['type'];

/** The `data` of a domain command. */
export type CommandData<T extends LedgerCommand['type']> = Extract<LedgerCommand, { type: T }>['data'];

/** The `data` of a correction, plus the stream it belongs to (a correction names its stream). */
export type CorrectionData<T extends CorrectionCommand['type']> = Extract<
  CorrectionCommand,
  { type: T }
>['data'] & { stream: string };

/** What `validateCommandData` returns for a command type. */
export type CommandPayload<T extends DtoCommandType> = T extends LedgerCommand['type']
  ? CommandData<T>
  : T extends CorrectionCommand['type']
    ? CorrectionData<T>
    : never;

/** Strict type identity (not mere assignability). */
export type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

export type Assert<T extends true> = T;

/**
 * The DTO accepts exactly the domain's shape: each is assignable to the other (types and
 * optionality agree) and they have the same keys (no extra optional field on either side).
 */
export type SameShape<Dto, Data> = [Dto] extends [Data]
  ? [Data] extends [Dto]
    ? Equals<keyof Dto, keyof Data>
    : false
  : false;

/** The literal values listed for an enum are exactly the domain's union (none missing, none extra). */
export type SameLiterals<Values extends readonly unknown[], Union> = Equals<Values[number], Union>;

/** Every key of every member of a union (`keyof` of a union gives only the common ones). */
export type KeysOfUnion<T> = T extends unknown ? keyof T : never;
