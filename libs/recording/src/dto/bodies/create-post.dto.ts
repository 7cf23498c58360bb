import { IdField, TextField } from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/** Creates a post (an office) on a body: the Police and Crime Commissioner, the chair. */
export class CreatePostDto {
  @IdField({ description: 'The body the post belongs to.', example: 'pcc-hertfordshire' })
  bodyId!: string;

  @IdField({ description: 'The id of the new post, unique within the body.', example: 'commissioner' })
  postId!: string;

  @TextField({
    description: 'The post as the record names it.',
    example: 'Police and Crime Commissioner for Hertfordshire',
  })
  label!: string;

  @TextField({ description: 'The role the post holds.', example: 'Police and Crime Commissioner' })
  role!: string;
}

type _Matches = Assert<SameShape<CreatePostDto, CommandData<'CreatePost'>>>;
