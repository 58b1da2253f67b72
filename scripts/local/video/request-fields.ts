// Reads typed fields out of a parsed JSON request, failing with the service's own validation error code.
import { ServiceError } from './service-error';

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Field access for one request; every failure names the field and uses `errorCode` (InvalidArgumentException, ...). */
export class RequestFields {
  constructor(
    readonly input: JsonObject,
    private readonly errorCode: string,
  ) {}

  static of(input: unknown, errorCode: string): RequestFields {
    if (!isJsonObject(input)) throw new ServiceError(errorCode, 'The request body must be a JSON object');
    return new RequestFields(input, errorCode);
  }

  invalid(message: string): ServiceError {
    return new ServiceError(this.errorCode, message);
  }

  optionalString(name: string): string | undefined {
    const value = this.input[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw this.invalid(`${name} must be a string`);
    return value;
  }

  requiredString(name: string): string {
    const value = this.optionalString(name);
    if (value === undefined || value === '') throw this.invalid(`${name} is required`);
    return value;
  }

  optionalNumber(name: string): number | undefined {
    const value = this.input[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw this.invalid(`${name} must be a number`);
    return value;
  }

  requiredNumber(name: string): number {
    const value = this.optionalNumber(name);
    if (value === undefined) throw this.invalid(`${name} is required`);
    return value;
  }

  optionalInteger(name: string, min: number, max: number): number | undefined {
    const value = this.optionalNumber(name);
    if (value === undefined) return undefined;
    if (!Number.isInteger(value) || value < min || value > max) throw this.invalid(`${name} must be an integer from ${min} to ${max}, got ${value}`);
    return value;
  }

  optionalStringArray(name: string): string[] | undefined {
    const value = this.input[name];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw this.invalid(`${name} must be a list of strings`);
    return value;
  }

  optionalStringRecord(name: string): Record<string, string> | undefined {
    const value = this.input[name];
    if (value === undefined || value === null) return undefined;
    if (!isJsonObject(value) || !Object.values(value).every((item) => typeof item === 'string')) throw this.invalid(`${name} must be a map of strings`);
    return value as Record<string, string>;
  }

  optionalObject(name: string): RequestFields | undefined {
    const value = this.input[name];
    if (value === undefined || value === null) return undefined;
    if (!isJsonObject(value)) throw this.invalid(`${name} must be an object`);
    return new RequestFields(value, this.errorCode);
  }

  optionalEnum<T extends string>(name: string, values: readonly T[]): T | undefined {
    const value = this.optionalString(name);
    if (value === undefined) return undefined;
    if (!(values as readonly string[]).includes(value)) throw this.invalid(`${name} must be one of ${values.join(', ')}, got ${value}`);
    return value as T;
  }

  requiredEnum<T extends string>(name: string, values: readonly T[]): T {
    const value = this.optionalEnum(name, values);
    if (value === undefined) throw this.invalid(`${name} is required`);
    return value;
  }
}
