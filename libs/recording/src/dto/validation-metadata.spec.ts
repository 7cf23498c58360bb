import { getMetadataStorage, IsInt, IsString, validateSync } from 'class-validator';
import { prepareValidationMetadata } from './validation-metadata';

describe('prepareValidationMetadata', () => {
  prepareValidationMetadata();
  const storage = getMetadataStorage();

  it("keeps a class's rules once looked up: the same answer, not a new walk", () => {
    class Named {
      @IsString() name!: string;
    }
    const first = storage.getTargetValidationMetadatas(Named, '', false, false);
    expect(first.map((m) => m.propertyName)).toEqual(['name']);
    expect(storage.getTargetValidationMetadatas(Named, '', false, false)).toBe(first);
    expect(storage.groupByPropertyName(first)).toBe(storage.groupByPropertyName(first));
  });

  it('forgets them when rules are added later, so a class declared after still validates by all its rules', () => {
    class Counted {
      @IsInt() count!: number;
    }
    expect(validateSync(Object.assign(new Counted(), { count: 1 }))).toHaveLength(0);
    // A subclass declared now adds rules; the parent's cached answer must not hide them.
    class Labelled extends Counted {
      @IsString() label!: string;
    }
    const errors = validateSync(Object.assign(new Labelled(), { count: 'x', label: 2 }));
    expect(errors.map((e) => e.property).sort()).toEqual(['count', 'label']);
    expect(validateSync(Object.assign(new Counted(), { count: 'y' })).map((e) => e.property)).toEqual([
      'count',
    ]);
  });
});
