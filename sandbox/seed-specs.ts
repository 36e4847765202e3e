/*
 * Deterministic demo data. Customers 1001-1030, documents 5001-5045.
 *
 * Cases (customer / document):
 *   1001 / 5001  clean pass; reference as data URL, audit images as a JSON array of data URLs
 *   1002 / 5002, 5003, 5004  three clean passes (passport without back, driving licence, expired national ID)
 *   1003 / 5005  failed: livenessResult false, conclusion false, confidence 27
 *   1004 / 5006  low-confidence pass: livenessResult true, confidence 72 (inside the 50-90 band)
 *   1005 / 5007  very low confidence pass: livenessResult true, confidence 38; 5008 clean passport
 *   1006 / 5009  eyesClosed true (confidence 96), eyes drawn closed
 *   1007 / 5010  sunglasses true (confidence 98), sunglasses drawn
 *   1008 / 5011  faceOccluded true (confidence 93), mask drawn
 *   1009 / 5012  uncertain attribute: eyesClosed false with confidence 55
 *   1010 / 5013  conclusion true while livenessResult false (disagreeing)
 *   1011 / 5014  no result yet: liveness {}, docver NOT_PERFORMED, no back image
 *   1012 / 5015  unknown keys: vendorSessionId, rekognition {...}, reviewedAt, reviewedBy null,
 *                faceDetails.mouthOpen; low-confidence (81) so it is in the review queue
 *   1013 / 5016  hostile: name `<img src=x onerror=alert(1)>`, referenceId with quotes and angle brackets,
 *                document number with HTML, referenceImage `javascript:alert(1)`, auditImages JSON array
 *                with `javascript:alert(2)` and a data:text/html URL, front an SVG data URL with a script
 *   1014 / 5017  hostile name `<script>alert("xss")</script>Robert'); DROP TABLE`; failed (22) and
 *                faceOccluded true (88, hand drawn): several flags at once
 *   1015 / 5018  reference image and audit images (JSON array) as http URLs served by the sandbox,
 *                back as an http URL; confidence 87
 *   1016 / 5019  reference image as bare base64 (no data: prefix), auditImages "" ; 5020 clean pass
 *   1017 / 5021  updatedAt as a Java Date object; audit images as a single data URL; confidence 66
 *   1018-1030    ordinary customers: 1020 and 1027 have no documents, 1021 and 1026 have three;
 *                documents 5022-5045 are mostly clean passes with a few failed and low-confidence ones.
 *
 * Customer statuses cover DRAFT, PENDING, CLEARED, ACCEPTED, REJECTED and REQUIRE_UPDATE; risk ratings
 * cover every RiskRating value.
 */
import type { FaceOptions } from './faces';
import { seededRandom } from './random';
import type { Customer, UserInfo } from './types';

export const HOSTILE_STRINGS = {
  imgName: '<img src=x onerror=alert(1)>',
  scriptName: `<script>alert("xss")</script>Robert'); DROP TABLE`,
  referenceId: `REF-"1013"-<b>x</b>&'`,
  documentNumber: '<b onmouseover="alert(5)">X1234567</b>',
  referenceImage: 'javascript:alert(1)',
  auditJavascript: 'javascript:alert(2)',
  auditHtml: 'data:text/html;base64,PHNjcmlwdD5hbGVydCgzKTwvc2NyaXB0Pg==',
  svgFront: `data:image/svg+xml;base64,${Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="150"><script>alert(4)</script>' +
      '<rect width="240" height="150" fill="#dde"/><text x="20" y="80">ID</text></svg>',
  ).toString('base64')}`,
} as const;

export const ONBOARDING_USER: UserInfo = {
  id: 12,
  email: 'onboarding.bot@sandbox.example',
  firstName: 'Onboarding',
  lastName: 'Bot',
  fullName: 'Onboarding Bot',
};

export const LIVENESS_VENDOR_USER: UserInfo = {
  id: 31,
  email: 'ares.liveness@sandbox.example',
  firstName: 'Ares',
  lastName: 'Liveness',
  fullName: 'Ares Liveness',
};

export type CustomerSeed = {
  name: string;
  nationality: string;
  dateOfBirth: string;
  gender: 'MALE' | 'FEMALE';
  status: NonNullable<Customer['status']>;
  riskRating: NonNullable<Customer['riskRating']>;
  referenceId?: string;
  active?: boolean;
};

export const CUSTOMERS: readonly CustomerSeed[] = [
  { name: 'Tan Wei Ming', nationality: 'SG', dateOfBirth: '1986-04-12', gender: 'MALE', status: 'CLEARED', riskRating: 'LOW' },
  { name: 'Priya Raghunathan', nationality: 'IN', dateOfBirth: '1991-09-03', gender: 'FEMALE', status: 'ACCEPTED', riskRating: 'LOW' },
  { name: 'Oluwaseun Adeyemi', nationality: 'NG', dateOfBirth: '1983-01-27', gender: 'MALE', status: 'PENDING', riskRating: 'HIGH' },
  { name: 'Sofía Hernández García', nationality: 'MX', dateOfBirth: '1995-06-18', gender: 'FEMALE', status: 'PENDING', riskRating: 'MEDIUM' },
  { name: 'Nguyễn Thị Lan', nationality: 'VN', dateOfBirth: '1989-11-30', gender: 'FEMALE', status: 'PENDING', riskRating: 'MEDIUM_HIGH' },
  { name: 'Mohammed Al-Farsi', nationality: 'OM', dateOfBirth: '1979-03-08', gender: 'MALE', status: 'PENDING', riskRating: 'MEDIUM' },
  { name: 'Anna Kowalska', nationality: 'PL', dateOfBirth: '1993-08-21', gender: 'FEMALE', status: 'REQUIRE_UPDATE', riskRating: 'MEDIUM_LOW' },
  { name: 'Kenji Watanabe', nationality: 'JP', dateOfBirth: '1975-12-02', gender: 'MALE', status: 'PENDING', riskRating: 'LOW' },
  { name: 'Fatima Zahra Benali', nationality: 'MA', dateOfBirth: '1998-02-14', gender: 'FEMALE', status: 'PENDING', riskRating: 'MEDIUM_LOW' },
  { name: 'Lars Eriksson', nationality: 'SE', dateOfBirth: '1969-07-05', gender: 'MALE', status: 'PENDING', riskRating: 'MEDIUM_HIGH' },
  { name: 'Chen Jia Hui', nationality: 'TW', dateOfBirth: '2000-05-09', gender: 'FEMALE', status: 'DRAFT', riskRating: 'UNKNOWN' },
  { name: 'Isabela Costa Ferreira', nationality: 'BR', dateOfBirth: '1988-10-23', gender: 'FEMALE', status: 'PENDING', riskRating: 'MEDIUM' },
  {
    name: HOSTILE_STRINGS.imgName,
    nationality: 'SG',
    dateOfBirth: '1990-01-01',
    gender: 'MALE',
    status: 'PENDING',
    riskRating: 'HIGH',
    referenceId: HOSTILE_STRINGS.referenceId,
  },
  { name: HOSTILE_STRINGS.scriptName, nationality: 'GB', dateOfBirth: '1984-04-01', gender: 'MALE', status: 'REJECTED', riskRating: 'HIGH', active: false },
  { name: 'Aisha Rahman', nationality: 'MY', dateOfBirth: '1992-12-11', gender: 'FEMALE', status: 'PENDING', riskRating: 'MEDIUM_LOW' },
  { name: 'Mateo Rossi', nationality: 'IT', dateOfBirth: '1987-03-29', gender: 'MALE', status: 'PENDING', riskRating: 'LOW' },
  { name: 'Hana Nováková', nationality: 'CZ', dateOfBirth: '1996-09-16', gender: 'FEMALE', status: 'PENDING', riskRating: 'MEDIUM' },
  { name: 'Amani Wanjiru', nationality: 'KE', dateOfBirth: '1990-06-07', gender: 'FEMALE', status: 'CLEARED', riskRating: 'LOW' },
  { name: 'Jean-Baptiste Dubois', nationality: 'FR', dateOfBirth: '1972-11-19', gender: 'MALE', status: 'ACCEPTED', riskRating: 'MEDIUM_LOW' },
  { name: 'Siti Nurhaliza binti Ahmad', nationality: 'MY', dateOfBirth: '1994-01-25', gender: 'FEMALE', status: 'DRAFT', riskRating: 'UNKNOWN' },
  { name: 'Rahul Kapoor', nationality: 'IN', dateOfBirth: '1985-08-14', gender: 'MALE', status: 'PENDING', riskRating: 'MEDIUM' },
  { name: 'Ingrid Johansen', nationality: 'NO', dateOfBirth: '1981-02-03', gender: 'FEMALE', status: 'CLEARED', riskRating: 'LOW' },
  { name: 'Carlos Eduardo Mendoza', nationality: 'PE', dateOfBirth: '1977-05-30', gender: 'MALE', status: 'REJECTED', riskRating: 'HIGH', active: false },
  { name: 'Zeynep Yılmaz', nationality: 'TR', dateOfBirth: '1999-10-10', gender: 'FEMALE', status: 'ACCEPTED', riskRating: 'MEDIUM_LOW' },
  { name: "Liam O'Brien", nationality: 'IE', dateOfBirth: '1980-07-22', gender: 'MALE', status: 'REQUIRE_UPDATE', riskRating: 'MEDIUM' },
  { name: 'Kim Min-jun', nationality: 'KR', dateOfBirth: '1993-04-04', gender: 'MALE', status: 'PENDING', riskRating: 'MEDIUM_HIGH' },
  { name: 'Nomvula Dlamini', nationality: 'ZA', dateOfBirth: '1988-12-28', gender: 'FEMALE', status: 'PENDING', riskRating: 'UNKNOWN' },
  { name: 'Budi Santoso', nationality: 'ID', dateOfBirth: '1976-09-09', gender: 'MALE', status: 'CLEARED', riskRating: 'LOW' },
  { name: 'Emily Clarke', nationality: 'AU', dateOfBirth: '1997-03-15', gender: 'FEMALE', status: 'ACCEPTED', riskRating: 'LOW' },
  { name: 'Aroha Ngata', nationality: 'NZ', dateOfBirth: '1991-11-06', gender: 'FEMALE', status: 'PENDING', riskRating: 'MEDIUM_LOW' },
];

export type DocumentType = 'NATIONAL_ID' | 'PASSPORT' | 'DRIVING_LICENSE';
export type Attr = { value: boolean; confidence: number };
export type ReferenceEncoding = 'dataUrl' | 'bare' | 'http' | 'javascript';
export type AuditEncoding = 'jsonArray' | 'single' | 'empty' | 'httpArray' | 'hostileArray';

export type LivenessSpec = {
  livenessResult: boolean;
  conclusion?: boolean;
  facialCheck?: boolean;
  confidence: number;
  eyesClosed?: Attr;
  sunglasses?: Attr;
  faceOccluded?: Attr;
  face?: Omit<FaceOptions, 'seed'>;
  reference?: ReferenceEncoding;
  audit?: AuditEncoding;
  extra?: Record<string, unknown>;
  faceDetailsExtra?: Record<string, unknown>;
};

export type DocumentSpec = {
  id: number;
  customerId: number;
  type: DocumentType;
  /** `null` = no result written yet. */
  liveness: LivenessSpec | null;
  number?: string;
  issueDate?: string;
  expiryDate?: string;
  front?: 'card' | 'svg';
  back?: 'card' | 'http' | 'none';
  updatedAtEncoding?: 'iso' | 'java';
  /** Seed of the face and card images; the customer's id unless several customers share a look. */
  look?: number;
  /** Epoch ms; derived from the customer's place in the seed unless given. */
  createdAt?: number;
  updatedAt?: number;
};

const clean = (confidence: number, extra: Partial<LivenessSpec> = {}): LivenessSpec => ({
  livenessResult: true,
  confidence,
  ...extra,
});

export const CASE_DOCUMENTS: readonly DocumentSpec[] = [
  { id: 5001, customerId: 1001, type: 'NATIONAL_ID', liveness: clean(98) },
  { id: 5002, customerId: 1002, type: 'PASSPORT', liveness: clean(99) },
  { id: 5003, customerId: 1002, type: 'DRIVING_LICENSE', liveness: clean(97) },
  {
    id: 5004,
    customerId: 1002,
    type: 'NATIONAL_ID',
    liveness: clean(98),
    issueDate: '2012-03-14',
    expiryDate: '2022-03-13',
  },
  {
    id: 5005,
    customerId: 1003,
    type: 'PASSPORT',
    liveness: { livenessResult: false, facialCheck: false, confidence: 27 },
  },
  { id: 5006, customerId: 1004, type: 'NATIONAL_ID', liveness: clean(72) },
  { id: 5007, customerId: 1005, type: 'NATIONAL_ID', liveness: clean(38) },
  { id: 5008, customerId: 1005, type: 'PASSPORT', liveness: clean(99) },
  {
    id: 5009,
    customerId: 1006,
    type: 'PASSPORT',
    liveness: clean(95, { eyesClosed: { value: true, confidence: 96 }, face: { eyes: 'closed' } }),
  },
  {
    id: 5010,
    customerId: 1007,
    type: 'NATIONAL_ID',
    liveness: clean(94, { sunglasses: { value: true, confidence: 98 }, face: { sunglasses: true } }),
  },
  {
    id: 5011,
    customerId: 1008,
    type: 'DRIVING_LICENSE',
    liveness: clean(93, { faceOccluded: { value: true, confidence: 93 }, face: { occlusion: 'mask' } }),
  },
  {
    id: 5012,
    customerId: 1009,
    type: 'NATIONAL_ID',
    liveness: clean(96, { eyesClosed: { value: false, confidence: 55 } }),
  },
  {
    id: 5013,
    customerId: 1010,
    type: 'PASSPORT',
    liveness: { livenessResult: false, conclusion: true, facialCheck: true, confidence: 45 },
  },
  { id: 5014, customerId: 1011, type: 'NATIONAL_ID', liveness: null, back: 'none' },
  {
    id: 5015,
    customerId: 1012,
    type: 'PASSPORT',
    liveness: clean(81, {
      extra: {
        vendorSessionId: 'ares-sess-7c1f0e2a-4b6d-4e1b-9a55-0d3c2b1a9f10',
        rekognition: {
          sessionId: '0f5d3c1e-2a4b-4c6d-8e9f-1a2b3c4d5e6f',
          status: 'SUCCEEDED',
          boundingBox: { Width: 0.4123, Height: 0.5567, Left: 0.2931, Top: 0.1844 },
        },
        reviewedAt: '2025-02-03T08:15:42.120Z',
        reviewedBy: null,
      },
      faceDetailsExtra: { mouthOpen: { value: false, confidence: 91 } },
    }),
  },
  {
    id: 5016,
    customerId: 1013,
    type: 'NATIONAL_ID',
    number: HOSTILE_STRINGS.documentNumber,
    front: 'svg',
    liveness: clean(64, { reference: 'javascript', audit: 'hostileArray' }),
  },
  {
    id: 5017,
    customerId: 1014,
    type: 'DRIVING_LICENSE',
    liveness: {
      livenessResult: false,
      confidence: 22,
      faceOccluded: { value: true, confidence: 88 },
      face: { occlusion: 'hand' },
    },
  },
  {
    id: 5018,
    customerId: 1015,
    type: 'NATIONAL_ID',
    back: 'http',
    liveness: clean(87, { reference: 'http', audit: 'httpArray' }),
  },
  { id: 5019, customerId: 1016, type: 'NATIONAL_ID', liveness: clean(83, { reference: 'bare', audit: 'empty' }) },
  { id: 5020, customerId: 1016, type: 'PASSPORT', liveness: clean(98) },
  {
    id: 5021,
    customerId: 1017,
    type: 'DRIVING_LICENSE',
    updatedAtEncoding: 'java',
    liveness: clean(66, { audit: 'single' }),
  },
];

/** Documents per ordinary customer 1018-1030. */
const ORDINARY_DOCUMENT_COUNTS: readonly number[] = [2, 2, 0, 3, 2, 2, 2, 2, 3, 0, 2, 2, 2];
const DOCUMENT_TYPES: readonly DocumentType[] = ['NATIONAL_ID', 'PASSPORT', 'DRIVING_LICENSE'];

export function ordinaryDocuments(): DocumentSpec[] {
  const random = seededRandom(20250106);
  const specs: DocumentSpec[] = [];
  let id = 5022;
  ORDINARY_DOCUMENT_COUNTS.forEach((count, index) => {
    const customerId = 1018 + index;
    for (let k = 0; k < count; k++, id++) {
      const type = DOCUMENT_TYPES[(index + k) % DOCUMENT_TYPES.length] as DocumentType;
      const roll = id % 8;
      let liveness: LivenessSpec;
      if (roll === 3) liveness = { livenessResult: false, confidence: 20 + Math.floor(random() * 21) };
      else if (roll === 6) liveness = clean(60 + Math.floor(random() * 26));
      else liveness = clean(95 + Math.floor(random() * 5));
      specs.push({ id, customerId, type, liveness });
    }
  });
  return specs;
}
