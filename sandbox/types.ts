import type { components } from '../lib/artemis/schema';

type Schemas = components['schemas'];

export type JavaDateObject = Schemas['JavaDateObject'];
export type UserInfo = Schemas['UserInfo'];
export type Customer = Schemas['Customer'];
export type CustomerDocument = Schemas['CustomerDocument'];
export type FaceAttribute = Schemas['FaceAttribute'];

export type StoredCustomer = Customer & { id: number };

/**
 * A document as the sandbox stores it. `updatedAt` may deliberately be a Java Date object instead
 * of the documented ISO string, and `liveness` holds whatever was last written, unknown keys included.
 */
export type StoredDocument = Omit<CustomerDocument, 'id' | 'customerId' | 'updatedAt' | 'liveness'> & {
  id: number;
  customerId: number;
  updatedAt: string | JavaDateObject;
  liveness: Record<string, unknown>;
};
