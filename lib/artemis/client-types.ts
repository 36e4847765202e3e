// What the Artemis client offers, and what it is given: its calls and their results.
import type { BinaryRequest, BinaryResult } from './binary';
import type { UnreadableRecord } from './records';
import type { ArtemisCustomer, ArtemisDocument } from './schemas';
import type { ArtemisCallObserver, ArtemisLogger, FetchLike, TokenProvider } from './token-provider';

export interface ArtemisClientDeps {
  fetch?: FetchLike;
  logger?: ArtemisLogger;
  /** Told of every exchange with Artemis (metrics). */
  observe?: ArtemisCallObserver;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
  /** Replaces the built-in client-credentials provider (tests). */
  tokenProvider?: TokenProvider;
  /** Whether an image host outside Artemis is public; DNS by default (tests replace it). */
  isPublicHost?: (hostname: string) => Promise<boolean>;
  /** Fetches images from hosts other than Artemis; by default only public addresses are reached (tests replace it). */
  imageHostFetch?: FetchLike;
}

export interface CustomerPageResult {
  /** The customers the console could read. */
  customers: ArtemisCustomer[];
  /** Those it could not, in place of a failed page: show them as such, never drop them silently. */
  unreadable: UnreadableRecord[];
  /** 0-based page number (Spring). */
  page: number;
  size: number;
  totalElements?: number;
  totalPages?: number;
  last?: boolean;
}

export interface DocumentListResult {
  /** The customer's documents the console could read. */
  documents: ArtemisDocument[];
  /** Those it could not: show them as such; never treat them as gone. */
  unreadable: UnreadableRecord[];
}

export interface PutLivenessResult {
  document: ArtemisDocument;
  status: number;
  requestId: string;
}

export interface ArtemisClient {
  /** Gets a token (the cached one while it lasts): the readiness probe's check that Artemis would accept us. */
  obtainToken(): Promise<void>;
  /** One page; each customer is read on its own, so one unreadable customer does not fail the page. */
  listCustomers(p: { page: number; size: number }): Promise<CustomerPageResult>;
  /** null when Artemis has no such customer (404), or when the id cannot exist. */
  getCustomer(customerId: number): Promise<ArtemisCustomer | null>;
  /**
   * The customer's documents, each read on its own (unreadable ones are reported beside them).
   * Throws ArtemisError reason 'endpoint-unavailable' on 404/405.
   */
  listDocuments(customerId: number): Promise<DocumentListResult>;
  /** null when not found, including a document that belongs to another customer. */
  getDocument(customerId: number, documentId: number): Promise<ArtemisDocument | null>;
  /** Replaces the document's whole liveness result with `body` (send every field). */
  putLiveness(customerId: number, documentId: number, body: Record<string, unknown>): Promise<PutLivenessResult>;
  /** GETs an evidence image; the token is sent only when the URL is on the Artemis API's origin. */
  fetchImage(req: BinaryRequest): Promise<BinaryResult>;
}
