import { Controller, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { ApiExtraModels, DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { COMMAND_DTOS, DTO_COMMAND_TYPES } from './command-dtos';

type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  $ref?: string;
  allOf?: Schema[];
  items?: Schema;
  description?: string;
  enum?: unknown[];
};

@ApiExtraModels(...Object.values(COMMAND_DTOS))
@Controller()
class DtoHostController {}

@Module({ controllers: [DtoHostController] })
class DtoHostModule {}

/** The DTOs' @ApiProperty metadata, through the public swagger API, as the OpenAPI document will get it. */
describe('the DTOs in an OpenAPI document', () => {
  let app: INestApplication;
  let document: OpenAPIObject;
  let schemas: Record<string, Schema>;

  beforeAll(async () => {
    app = await NestFactory.create(DtoHostModule, new FastifyAdapter(), { logger: false });
    await app.init();
    document = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('dto').build());
    schemas = document.components?.schemas ?? {};
  });
  afterAll(() => app.close());

  it('has a schema for every command DTO', () => {
    for (const type of DTO_COMMAND_TYPES) expect(schemas[COMMAND_DTOS[type].name]?.type).toBe('object');
  });

  it('resolves every reference to a named schema', () => {
    const refs = JSON.stringify(schemas).match(/"\$ref":"[^"]*"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const name = ref.slice('"$ref":"#/components/schemas/'.length, -1);
      expect(schemas[name]).toBeDefined();
    }
  });

  it('describes every property, with an explicit type or a reference', () => {
    for (const [name, schema] of Object.entries(schemas)) {
      if (schema.type !== 'object') continue;
      for (const [key, property] of Object.entries(schema.properties ?? {})) {
        expect(`${name}.${key}: ${property.description ?? ''}`).toMatch(/: \S/);
        expect(
          `${name}.${key}: ${property.type ?? property.allOf?.[0]?.$ref ?? property.$ref ?? ''}`,
        ).toMatch(/: \S/);
      }
    }
  });

  it('names the domain enums', () => {
    for (const name of [
      'BodyClassification',
      'BodyPowers',
      'DecisionRuleKind',
      'ClaimSubject',
      'ClaimUnit',
      'ClaimQualifier',
      'RecommendationContent',
      'DecisionOutcome',
      'VoteOption',
      'CastingVoteOption',
    ]) {
      expect(schemas[name]?.enum?.length).toBeGreaterThan(1);
    }
    expect(schemas.RecordMeetingHeldDto.properties?.attendees.items?.$ref).toBe(
      '#/components/schemas/AttendeeDto',
    );
  });
});
