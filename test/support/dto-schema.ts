/**
 * What each route of the API accepts, read from the code: the class-validator DTOs of its @Body() and @Query()
 * arguments (field paths, with their validators and constraints, nested DTOs included) and the names of single
 * @Query('name') arguments. The API fuzzer uses it to send each field (also optional ones a valid body leaves out)
 * values at the edges of what its validators allow.
 */
import type { INestApplication } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DiscoveryService } from '@nestjs/core';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
import { getMetadataStorage } from 'class-validator';
import { RouteTable } from '@koers/audit';

/** class-transformer's store of @Type() (nested DTOs): not exported from its index, so required by path. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: MetadataStorage;
};

export interface DtoField {
  /** From the body's (or query's) root: ['signal', 'source']. */
  path: string[];
  /** Validator names (class-validator's: isUuid, isIn, isInt, min, maxLength, …, and ours: isIsoDate, …). */
  validators: string[];
  /** Each validator's constraints (isIn: the allowed values; min: the minimum; maxLength: the maximum). */
  constraints: Record<string, unknown[]>;
  /** A nested DTO or an array of them. */
  nested: boolean;
}

export interface RouteSchema {
  body: DtoField[];
  query: DtoField[];
}

type Class = new (...args: never[]) => object;

export function fieldsOf(dto: Class, prefix: string[] = [], depth = 0): DtoField[] {
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const byProperty = new Map<string, DtoField>();
  for (const m of metadatas) {
    const field = byProperty.get(m.propertyName) ?? {
      path: [...prefix, m.propertyName],
      validators: [],
      constraints: {},
      nested: false,
    };
    const name = m.name ?? m.type;
    field.validators.push(name);
    if (m.constraints) field.constraints[name] = m.constraints;
    if (m.type === 'nestedValidation') field.nested = true;
    byProperty.set(m.propertyName, field);
  }
  const fields: DtoField[] = [];
  for (const field of byProperty.values()) {
    fields.push(field);
    const type = defaultMetadataStorage.findTypeMetadata(dto, field.path[field.path.length - 1]);
    const nested = type?.typeFunction() as Class | undefined;
    if (field.nested && nested && depth < 3) fields.push(...fieldsOf(nested, field.path, depth + 1));
  }
  return fields;
}

const isDto = (type: unknown): type is Class =>
  typeof type === 'function' &&
  getMetadataStorage().getTargetValidationMetadatas(type as Class, '', true, false).length > 0;

/** The schema of every route, keyed like the route table: `METHOD /api/path/:param`. */
export function routeSchemas(app: INestApplication): Map<string, RouteSchema> {
  const controllers = new Map(
    app
      .get(DiscoveryService)
      .getControllers()
      .filter((wrapper) => wrapper.metatype)
      .map((wrapper) => [wrapper.metatype!.name, wrapper.metatype as Class]),
  );
  const schemas = new Map<string, RouteSchema>();
  for (const route of app.get(RouteTable).routes()) {
    const controller = controllers.get(route.controller);
    if (!controller) continue;
    const types: unknown[] =
      Reflect.getMetadata('design:paramtypes', controller.prototype, route.handler) ?? [];
    const args: Record<string, { index: number; data?: unknown }> =
      Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, route.handler) ?? {};
    const schema: RouteSchema = { body: [], query: [] };
    for (const [key, arg] of Object.entries(args)) {
      const kind = Number(key.split(':')[0]);
      if (kind !== RouteParamtypes.BODY && kind !== RouteParamtypes.QUERY) continue;
      const target = kind === RouteParamtypes.BODY ? schema.body : schema.query;
      if (typeof arg.data === 'string') {
        target.push({ path: [arg.data], validators: [], constraints: {}, nested: false });
      } else if (isDto(types[arg.index])) {
        target.push(...fieldsOf(types[arg.index] as Class));
      }
    }
    schemas.set(`${route.method} ${route.path}`, schema);
  }
  return schemas;
}
