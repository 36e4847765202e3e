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
import { type FaceOptions, pngDataUrl, renderFace, renderIdCardBack, renderIdCardFront } from './faces';
import { toJavaDate } from './java-date';
import { seededRandom } from './random';
import type { Customer, FaceAttribute, StoredCustomer, StoredDocument, UserInfo } from './types';

export type SeedCase = { customerId: number; documentId: number };

export const SEED_CASES = {
  cleanPass: { customerId: 1001, documentId: 5001 },
  cleanPassport: { customerId: 1002, documentId: 5002 },
  expiredDocument: { customerId: 1002, documentId: 5004 },
  failed: { customerId: 1003, documentId: 5005 },
  lowConfidence: { customerId: 1004, documentId: 5006 },
  veryLowConfidence: { customerId: 1005, documentId: 5007 },
  eyesClosed: { customerId: 1006, documentId: 5009 },
  sunglasses: { customerId: 1007, documentId: 5010 },
  occluded: { customerId: 1008, documentId: 5011 },
  uncertain: { customerId: 1009, documentId: 5012 },
  disagreeing: { customerId: 1010, documentId: 5013 },
  noResult: { customerId: 1011, documentId: 5014 },
  unknownKeys: { customerId: 1012, documentId: 5015 },
  hostileName: { customerId: 1013, documentId: 5016 },
  hostileDocumentNumber: { customerId: 1013, documentId: 5016 },
  javascriptImage: { customerId: 1013, documentId: 5016 },
  svgFront: { customerId: 1013, documentId: 5016 },
  hostileScriptName: { customerId: 1014, documentId: 5017 },
  multipleFlags: { customerId: 1014, documentId: 5017 },
  httpImage: { customerId: 1015, documentId: 5018 },
  bareBase64: { customerId: 1016, documentId: 5019 },
  emptyAuditImages: { customerId: 1016, documentId: 5019 },
  javaDateUpdatedAt: { customerId: 1017, documentId: 5021 },
  singleAuditImage: { customerId: 1017, documentId: 5021 },
} as const satisfies Record<string, SeedCase>;

export type SeedCaseName = keyof typeof SEED_CASES;

export const SEED_CUSTOMERS_WITHOUT_DOCUMENTS = [1020, 1027] as const;

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

export type SeedData = {
  customers: StoredCustomer[];
  documents: StoredDocument[];
  /** PNGs served at `/__sandbox/images/<name>`. */
  images: Map<string, Buffer>;
};

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

type CustomerSeed = {
  name: string;
  nationality: string;
  dateOfBirth: string;
  gender: 'MALE' | 'FEMALE';
  status: NonNullable<Customer['status']>;
  riskRating: NonNullable<Customer['riskRating']>;
  referenceId?: string;
  active?: boolean;
};

const CUSTOMERS: readonly CustomerSeed[] = [
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

type DocumentType = 'NATIONAL_ID' | 'PASSPORT' | 'DRIVING_LICENSE';
type Attr = { value: boolean; confidence: number };
type ReferenceEncoding = 'dataUrl' | 'bare' | 'http' | 'javascript';
type AuditEncoding = 'jsonArray' | 'single' | 'empty' | 'httpArray' | 'hostileArray';

type LivenessSpec = {
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

type DocumentSpec = {
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
};

const clean = (confidence: number, extra: Partial<LivenessSpec> = {}): LivenessSpec => ({
  livenessResult: true,
  confidence,
  ...extra,
});

const CASE_DOCUMENTS: readonly DocumentSpec[] = [
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

function ordinaryDocuments(): DocumentSpec[] {
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

const DAY_MS = 86_400_000;
const SEED_EPOCH = Date.UTC(2025, 0, 6, 1, 30, 0, 0);

function customerCreatedAt(customerId: number): number {
  const i = customerId - 1001;
  return SEED_EPOCH + i * Math.round(1.7 * DAY_MS) + ((i * 137) % 600) * 1000 + ((i * 211) % 1000);
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

function addYears(date: string, years: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function documentNumber(type: DocumentType, id: number, nationality: string): string {
  const digits = String((id * 7919) % 10_000_000).padStart(7, '0');
  const check = String.fromCharCode(65 + (id % 26));
  if (type === 'PASSPORT') return `${nationality === 'SG' ? 'K' : 'P'}${digits}${check}`;
  if (type === 'DRIVING_LICENSE') return `DL-${nationality}-${digits}`;
  return `${nationality === 'SG' ? 'S' : 'ID'}${digits}${check}`;
}

function identityNumber(customerId: number, nationality: string): string {
  const digits = String((customerId * 104729) % 10_000_000).padStart(7, '0');
  return `${nationality === 'SG' ? 'S' : nationality}${digits}${String.fromCharCode(65 + (customerId % 26))}`;
}

const imageCache = new Map<string, Buffer>();

function cachedPng(key: string, render: () => Buffer): Buffer {
  let png = imageCache.get(key);
  if (!png) {
    png = render();
    imageCache.set(key, png);
  }
  return png;
}

function facePng(options: FaceOptions): Buffer {
  return cachedPng(`face:${JSON.stringify(options)}`, () => renderFace(options));
}

function attribute(attr: Attr | undefined, fallbackConfidence: number): FaceAttribute {
  return attr ?? { value: false, confidence: fallbackConfidence };
}

function buildLiveness(
  spec: LivenessSpec,
  doc: DocumentSpec,
  imageBaseUrl: string,
  images: Map<string, Buffer>,
): Record<string, unknown> {
  const faceSeed = doc.customerId;
  const face: FaceOptions = { seed: faceSeed, ...spec.face };
  const reference = facePng(face);
  const frames = [
    facePng({ ...face, shiftX: -4, shiftY: 2 }),
    facePng({ ...face, shiftX: 3, shiftY: -2 }),
    facePng({ ...face, shiftX: 1, shiftY: 4 }),
  ];

  let referenceImage: string;
  switch (spec.reference ?? 'dataUrl') {
    case 'bare':
      referenceImage = reference.toString('base64');
      break;
    case 'http': {
      const name = `reference-${doc.id}.png`;
      images.set(name, reference);
      referenceImage = `${imageBaseUrl}/__sandbox/images/${name}`;
      break;
    }
    case 'javascript':
      referenceImage = HOSTILE_STRINGS.referenceImage;
      break;
    default:
      referenceImage = pngDataUrl(reference);
  }

  let auditImages: string;
  switch (spec.audit ?? 'jsonArray') {
    case 'single':
      auditImages = pngDataUrl(frames[0] as Buffer);
      break;
    case 'empty':
      auditImages = '';
      break;
    case 'httpArray':
      auditImages = JSON.stringify(
        frames.slice(0, 2).map((png, i) => {
          const name = `audit-${doc.id}-${i + 1}.png`;
          images.set(name, png);
          return `${imageBaseUrl}/__sandbox/images/${name}`;
        }),
      );
      break;
    case 'hostileArray':
      auditImages = JSON.stringify([
        HOSTILE_STRINGS.auditJavascript,
        HOSTILE_STRINGS.auditHtml,
        pngDataUrl(frames[0] as Buffer),
      ]);
      break;
    default:
      auditImages = JSON.stringify(frames.slice(0, 2 + (doc.id % 2)).map(pngDataUrl));
  }

  const random = seededRandom(doc.id);
  const high = () => 95 + Math.floor(random() * 5);
  const conclusion = spec.conclusion ?? spec.livenessResult;
  return {
    conclusion,
    facialCheck: spec.facialCheck ?? conclusion,
    livenessResult: spec.livenessResult,
    liivenessConfidence: spec.confidence,
    referenceImage,
    auditImages,
    faceDetails: {
      eyesClosed: attribute(spec.eyesClosed, high()),
      sunglasses: attribute(spec.sunglasses, high()),
      faceOccluded: attribute(spec.faceOccluded, high()),
      ...spec.faceDetailsExtra,
    },
    ...spec.extra,
  };
}

function buildDocument(
  spec: DocumentSpec,
  customer: CustomerSeed,
  index: number,
  imageBaseUrl: string,
  images: Map<string, Buffer>,
): StoredDocument {
  const createdAt = customerCreatedAt(spec.customerId) + (index + 1) * 37 * 60_000 + ((spec.id * 53) % 1000);
  const updatedAt = spec.liveness === null ? createdAt : createdAt + (120 + (spec.id % 180)) * 1000 + 17;
  const issueYear = 2016 + (spec.id % 8);
  const issueDate = spec.issueDate ?? `${issueYear}-${String(1 + (spec.id % 12)).padStart(2, '0')}-${String(1 + (spec.id % 27)).padStart(2, '0')}`;
  const expiryDate = spec.expiryDate ?? addYears(issueDate, spec.type === 'PASSPORT' ? 10 : 8);
  const lower = spec.type.toLowerCase();

  const front =
    spec.front === 'svg'
      ? HOSTILE_STRINGS.svgFront
      : pngDataUrl(cachedPng(`card:${spec.customerId}`, () => renderIdCardFront({ seed: spec.customerId })));
  const backPng = cachedPng(`back:${spec.customerId}`, () => renderIdCardBack({ seed: spec.customerId }));
  const backKind = spec.back ?? (spec.type === 'PASSPORT' ? 'none' : 'card');
  let back: string | undefined;
  if (backKind === 'card') back = pngDataUrl(backPng);
  if (backKind === 'http') {
    const name = `back-${spec.id}.png`;
    images.set(name, backPng);
    back = `${imageBaseUrl}/__sandbox/images/${name}`;
  }

  return {
    id: spec.id,
    customerId: spec.customerId,
    type: spec.type,
    number: spec.number ?? documentNumber(spec.type, spec.id, customer.nationality),
    authenticity: 'ORIGINAL',
    issueDate,
    expiryDate,
    showExpiryNotification: false,
    front,
    frontName: `${lower}-${spec.id}-front.png`,
    ...(back !== undefined ? { back, backName: `${lower}-${spec.id}-back.png` } : {}),
    docverCheckStatus: spec.liveness === null ? 'NOT_PERFORMED' : 'PERFORMED',
    createdAt: iso(createdAt),
    updatedAt: spec.updatedAtEncoding === 'java' ? toJavaDate(updatedAt) : iso(updatedAt),
    createdBy: ONBOARDING_USER,
    updatedBy: spec.liveness === null ? ONBOARDING_USER : LIVENESS_VENDOR_USER,
    faceCompare: {},
    liveness: spec.liveness === null ? {} : buildLiveness(spec.liveness, spec, imageBaseUrl, images),
    other: {},
    allowedDocumentFormat: true,
  };
}

function buildCustomer(seed: CustomerSeed, id: number): StoredCustomer {
  const createdAt = customerCreatedAt(id);
  const updatedAt = createdAt + 3 * 3_600_000 + ((id * 97) % 3_600) * 1000;
  const serial = String(id - 1000).padStart(4, '0');
  return {
    id,
    referenceId: seed.referenceId ?? `CUST-2025-${serial}`,
    profileReferenceId: `PRF-${String(id * 3 + 70000)}`,
    profileId: 7000 + (id - 1000),
    type: 'INDIVIDUAL',
    status: seed.status,
    riskRating: seed.riskRating,
    active: seed.active ?? true,
    particular: {
      name: seed.name,
      nationality: seed.nationality,
      dateOfBirth: seed.dateOfBirth,
      identityNumber: identityNumber(id, seed.nationality),
      gender: seed.gender,
    },
    assignees: [],
    listRoleAsText: [],
    roles: [],
    forms: {},
    notes: {},
    other: {},
    createdAt: toJavaDate(createdAt),
    createdBy: ONBOARDING_USER,
    updatedAt: toJavaDate(updatedAt),
    updatedBy: ONBOARDING_USER,
    lastRiskAssessment: iso(updatedAt + 60_000),
  };
}

/** Builds the demo data. `imageBaseUrl` is the sandbox's own origin, used by the http-image cases. */
export function createDemoSeed(imageBaseUrl: string): SeedData {
  const images = new Map<string, Buffer>();
  const customers = CUSTOMERS.map((seed, i) => buildCustomer(seed, 1001 + i));
  const perCustomer = new Map<number, number>();
  const documents = [...CASE_DOCUMENTS, ...ordinaryDocuments()].map((spec) => {
    const seed = CUSTOMERS[spec.customerId - 1001];
    if (!seed) throw new Error(`seed document ${spec.id} refers to unknown customer ${spec.customerId}`);
    const index = perCustomer.get(spec.customerId) ?? 0;
    perCustomer.set(spec.customerId, index + 1);
    return buildDocument(spec, seed, index, imageBaseUrl, images);
  });
  return { customers, documents, images };
}

export function createEmptySeed(): SeedData {
  return { customers: [], documents: [], images: new Map() };
}
