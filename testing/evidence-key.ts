// A test Ed25519 key, public here on purpose: for configurations outside demo mode, which must
// name one (EVIDENCE_SIGNING_KEY), and for packs the tests verify against it.
export const TEST_EVIDENCE_SIGNING_KEY =
  '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIIzHlSUBtjcKwsGz3nxPrK1BQOwNE+RWKo1u5vgOznYn\n-----END PRIVATE KEY-----\n';
