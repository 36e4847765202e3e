// Boundary validation of Artemis responses (spec §6). Every object schema is *loose*: unknown
// keys are kept, never stripped or rejected, so a document's `liveness` object can be sent back
// unchanged. Known fields are checked; values are never transformed (timestamps keep their raw
// wire form; use toIsoTimestamp() to normalise for display and comparison).
// Optional fields also accept `null` (Jackson writes nulls by default).
// No `server-only`: pure, usable by shared code and the sandbox.
import { z } from 'zod';
import { positiveId } from '../ids';
import type { JsonResponseOf } from './paths';
import type { components } from './schema';

type Schemas = components['schemas'];

/* ------------------------------------------------------------------------------------------ */
/* Timestamps                                                                                  */
/* ------------------------------------------------------------------------------------------ */

/** A serialised java.util.Date bean (JavaDateObject); `time` is epoch milliseconds. */
const javaDateSchema = z.looseObject({
  time: z.number(),
  date: z.number().nullish(),
  day: z.number().nullish(),
  hours: z.number().nullish(),
  minutes: z.number().nullish(),
  month: z.number().nullish(),
  nanos: z.number().nullish(),
  seconds: z.number().nullish(),
  timezoneOffset: z.number().nullish(),
  year: z.number().nullish(),
});

// "2024-05-01T10:00:00" (Java LocalDateTime) has no zone: read it as UTC, not server-local time.
const ZONELESS_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;

function parseTimestampString(value: string): number {
  const trimmed = value.trim();
  if (trimmed === '') return Number.NaN;
  const text = ZONELESS_DATE_TIME.test(trimmed) ? `${trimmed.replace(' ', 'T')}Z` : trimmed;
  return Date.parse(text);
}

/**
 * An Artemis timestamp: an ISO (or other parseable) date-time string, a Java Date object
 * (`{time, ...}`), or epoch milliseconds. The raw value is kept as received.
 */
export const timestampSchema = z.union([
  z.string().refine((s) => Number.isFinite(parseTimestampString(s)), { message: 'not a date-time' }),
  javaDateSchema,
  z.number(),
]);

/** Normalises any accepted timestamp form to an ISO-8601 UTC string; null when absent or unreadable. */
export function toIsoTimestamp(value: unknown): string | null {
  let ms: number;
  if (typeof value === 'string') ms = parseTimestampString(value);
  else if (typeof value === 'number') ms = value;
  else if (value !== null && typeof value === 'object' && 'time' in value && typeof value.time === 'number') {
    ms = value.time;
  } else return null;
  if (!Number.isFinite(ms)) return null;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/* ------------------------------------------------------------------------------------------ */
/* Liveness                                                                                    */
/* ------------------------------------------------------------------------------------------ */

const faceAttributeSchema = z.looseObject({
  value: z.boolean().nullish(),
  confidence: z.number().nullish(),
});

const faceDetailsSchema = z.looseObject({
  eyesClosed: faceAttributeSchema.nullish(),
  sunglasses: faceAttributeSchema.nullish(),
  faceOccluded: faceAttributeSchema.nullish(),
});

/** The document's stored liveness result (LivenessResultRequestDto + unknown keys). */
export const livenessSchema = z.looseObject({
  conclusion: z.boolean().nullish(),
  facialCheck: z.boolean().nullish(),
  livenessResult: z.boolean().nullish(),
  /** Double "ii" is the real wire name. */
  liivenessConfidence: z.number().nullish(),
  faceDetails: faceDetailsSchema.nullish(),
  referenceImage: z.string().nullish(),
  auditImages: z.string().nullish(),
});

export type ArtemisFaceAttribute = z.output<typeof faceAttributeSchema>;
export type ArtemisFaceDetails = z.output<typeof faceDetailsSchema>;
export type ArtemisLiveness = z.output<typeof livenessSchema>;

/* ------------------------------------------------------------------------------------------ */
/* Customers                                                                                   */
/* ------------------------------------------------------------------------------------------ */

const idSchema = positiveId;

const customerParticularSchema = z.looseObject({
  name: z.string().nullish(),
  fullName: z.string().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
});

export const customerSchema = z.looseObject({
  id: idSchema,
  referenceId: z.string().nullish(),
  profileReferenceId: z.string().nullish(),
  profileId: z.number().int().nullish(),
  parentId: z.number().int().nullish(),
  active: z.boolean().nullish(),
  // Open-ended enums: the OpenAPI file says parsers must tolerate values not listed.
  type: z.string().nullish(),
  status: z.string().nullish(),
  riskRating: z.string().nullish(),
  particular: customerParticularSchema.nullish(),
  lastRiskAssessment: z.string().nullish(),
  createdAt: timestampSchema.nullish(),
  updatedAt: timestampSchema.nullish(),
});

/**
 * One page of GET /api/customer. Only `content` is confirmed; the Spring page fields are optional.
 * The page itself is checked here; its customers one by one, with parseEach(customerSchema).
 */
export const customerPageSchema = z.looseObject({
  content: z.array(z.unknown()),
  totalElements: z.number().int().nonnegative().nullish(),
  totalPages: z.number().int().nonnegative().nullish(),
  number: z.number().int().nonnegative().nullish(),
  size: z.number().int().nonnegative().nullish(),
  numberOfElements: z.number().int().nonnegative().nullish(),
  first: z.boolean().nullish(),
  last: z.boolean().nullish(),
  empty: z.boolean().nullish(),
});

export type ArtemisCustomer = z.output<typeof customerSchema>;

/* ------------------------------------------------------------------------------------------ */
/* Documents                                                                                   */
/* ------------------------------------------------------------------------------------------ */

export const customerDocumentSchema = z.looseObject({
  id: idSchema,
  customerId: idSchema,
  type: z.string().nullish(),
  number: z.string().nullish(),
  authenticity: z.string().nullish(),
  issueDate: z.string().nullish(),
  expiryDate: z.string().nullish(),
  showExpiryNotification: z.boolean().nullish(),
  front: z.string().nullish(),
  back: z.string().nullish(),
  frontName: z.string().nullish(),
  backName: z.string().nullish(),
  docverCheckStatus: z.string().nullish(),
  createdAt: timestampSchema.nullish(),
  updatedAt: timestampSchema.nullish(),
  /** `{}` (or missing/null) means no liveness result yet (x-assumed, see assumptions.ts). */
  liveness: livenessSchema.nullish(),
  faceCompare: z.looseObject({}).nullish(),
  other: z.looseObject({}).nullish(),
});

/** GET …/document: the list itself; its documents are checked one by one, with parseEach(customerDocumentSchema). */
export const customerDocumentListSchema = z.array(z.unknown());

export type ArtemisDocument = z.output<typeof customerDocumentSchema>;

/* ------------------------------------------------------------------------------------------ */
/* OAuth token                                                                                 */
/* ------------------------------------------------------------------------------------------ */

/** OAuthTokenResponse types expires_in as integer, ArtemisTokenResponse as string: accept both. */
export const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().nullish(),
  expires_in: z
    .union([
      z.number().nonnegative(),
      z
        .string()
        .trim()
        .regex(/^\d+(\.\d+)?$/)
        .transform(Number),
    ])
    .nullish(),
});

/* ------------------------------------------------------------------------------------------ */
/* Compile-time ties to the generated OpenAPI types                                            */
/* ------------------------------------------------------------------------------------------ */

/** Known (declared) fields of T, recursively, with `null` removed and index signatures dropped. */
type Known<T> = T extends readonly (infer U)[]
  ? Known<U>[]
  : T extends object
    ? { [K in keyof T as string extends K ? never : number extends K ? never : K]: Known<Exclude<T[K], null>> }
    : Exclude<T, null>;

type AssertAssignable<A extends B, B> = A;

// Fields deliberately wider than the generated types: timestamps (ISO | Java Date | epoch, the
// OpenAPI file disagrees with itself between operations) and open-ended enums.
type DocumentWidened = 'createdAt' | 'updatedAt' | 'docverCheckStatus';
type CustomerWidened = 'createdAt' | 'updatedAt' | 'type' | 'status' | 'riskRating';

/**
 * Compile-time only: fails to type-check when a schema's known fields drift from the types
 * generated from artemis/openapi.yaml.
 */
export type GeneratedTypeChecks = [
  AssertAssignable<Known<ArtemisFaceAttribute>, Schemas['FaceAttribute']>,
  AssertAssignable<Known<ArtemisFaceDetails>, Schemas['AresLivenessFaceDetailsDto']>,
  AssertAssignable<Known<ArtemisLiveness>, Schemas['LivenessResultRequestDto']>,
  AssertAssignable<
    Omit<Known<ArtemisDocument>, DocumentWidened>,
    Omit<JsonResponseOf<'/api/customer/{customerId}/document/{documentId}/liveness', 'put'>, DocumentWidened>
  >,
  AssertAssignable<
    Omit<Known<ArtemisDocument>, DocumentWidened>,
    Omit<JsonResponseOf<'/api/customer/{customerId}/document/{documentId}', 'get'>, DocumentWidened>
  >,
  AssertAssignable<Omit<Known<ArtemisCustomer>, CustomerWidened>, Omit<Schemas['Customer'], CustomerWidened>>,
  AssertAssignable<Omit<Known<ArtemisCustomer>, CustomerWidened>, Omit<JsonResponseOf<'/api/customer/{customerId}', 'get'>, CustomerWidened>>,
  AssertAssignable<Known<z.output<typeof javaDateSchema>>, Schemas['JavaDateObject']>,
  AssertAssignable<Pick<Known<z.output<typeof tokenResponseSchema>>, 'access_token' | 'token_type' | 'expires_in'>, Schemas['OAuthTokenResponse']>,
];
