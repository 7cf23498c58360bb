import { Injectable, PipeTransform, type ArgumentMetadata } from '@nestjs/common';
import { ID_PATTERN } from '@ledger/recording';
import { ProblemException } from '../problems/problem';

/**
 * Ids in paths follow the ledger's id pattern; anything else is a 400 naming the parameter, not
 * echoing it. Every length comes here: the router takes a parameter as long as a URL may be
 * (bootstrap.ts), so an id of 129 characters and one of 5000 are the same problem.
 */
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
