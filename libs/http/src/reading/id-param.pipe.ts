import { Injectable, PipeTransform, type ArgumentMetadata } from '@nestjs/common';
import { ProblemException } from '../problems/problem';
import { ID_PATTERN } from './reading-query.dto';

/** Ids in paths follow the ledger's id pattern; anything else is a 400 naming the parameter. */
@Injectable()
export class IdParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
      const field = metadata.data ?? 'id';
      throw new ProblemException('validation-failed', `${field} is not a valid id`, {
        errors: [{ field, messages: [`${field} must be letters, digits, _ . : - (at most 128)`] }],
      });
    }
    return value;
  }
}
