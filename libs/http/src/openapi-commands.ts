import { COMMAND_DTOS } from '@ledger/recording';
import { REQUEST_EXAMPLES } from './openapi-request-examples';

/*
 * Which operations of the document are writes of a command (recording/record-route.decorator.ts),
 * and each one's whole request as an example.
 */

export type CommandType = keyof typeof COMMAND_DTOS;

export interface CommandOperation {
  operationId?: string;
  parameters?: Array<{ name: string; in?: string; example?: unknown }>;
  requestBody?: { content?: Record<string, { examples?: unknown }> };
}

/** A write's operationId is its command's name in lower camel case, as RecordRoute names it. */
const COMMAND_OF_OPERATION = new Map(
  (Object.keys(COMMAND_DTOS) as CommandType[]).map((type) => [type[0].toLowerCase() + type.slice(1), type]),
);

/** The command an operation records, or undefined for a read or any other operation. */
export function commandOf(operation: { operationId?: string }): CommandType | undefined {
  return operation.operationId === undefined ? undefined : COMMAND_OF_OPERATION.get(operation.operationId);
}

/**
 * Puts a write's example in its operation: each field its path names becomes that parameter's
 * example (the body does not take it), the rest the JSON body's one named example.
 */
export function addRequestExample(operation: CommandOperation, command: CommandType): void {
  const { summary, value } = REQUEST_EXAMPLES[command];
  const body = { ...value };
  for (const parameter of operation.parameters ?? []) {
    if (parameter.in !== 'path' || !(parameter.name in body)) continue;
    parameter.example = body[parameter.name];
    delete body[parameter.name];
  }
  const media = operation.requestBody?.content?.['application/json'];
  if (media) media.examples = { [command]: { summary, value: body } };
}
