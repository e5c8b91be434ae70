import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

function ajv(options: Options) {
  const instance = new Ajv({ allErrors: false, useDefaults: true, removeAdditional: false, ...options });
  addFormats.default(instance);
  return instance;
}

// JSON bodies arrive typed, so a number where a string belongs is an error to report, not something to coerce.
// Query strings and path parameters are always text, so they are coerced ("2" → 2).
const strict = ajv({ coerceTypes: false });
const coercing = ajv({ coerceTypes: 'array' });

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? strict : coercing).compile(schema) as ReturnType<FastifySchemaCompiler<object>>;
