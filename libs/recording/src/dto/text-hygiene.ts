/**
 * What every string a command holds is judged by at the edge: well-formed Unicode, no control or
 * bidi override characters (textProblem) and, in a single-line field (ids, names, titles,
 * labels), no line break or tab (singleLineProblem). json-shape.ts applies the first to every key
 * and value of a body or a command, the OneLine rule (shared/field-rules.ts) the second to a DTO's
 * one-line fields.
 *
 * The judgement itself is the domain's (libs/domain/src/shared/text-hygiene.ts): a correction's
 * free-form `changes` can only be judged field by field where the event it corrects is known, in
 * the domain, and both layers must say the same thing of the same text.
 */
export { singleLineProblem, textProblem } from '@ledger/domain';
