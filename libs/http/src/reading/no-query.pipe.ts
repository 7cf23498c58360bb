import { Injectable, PipeTransform } from '@nestjs/common';
import { validationProblem } from '../problems/validation';

/** For routes that take no query parameters: any given is refused, as on every other route. */
@Injectable()
export class NoQueryPipe implements PipeTransform {
  transform(value: unknown): unknown {
    const keys = value && typeof value === 'object' ? Object.keys(value) : [];
    if (keys.length > 0)
      throw validationProblem(
        keys.map((field) => ({ field, messages: [`property ${field} should not exist`] })),
      );
    return value;
  }
}
