/** Test-only secrets, never used outside the Workers test pool. */
export const TEST_SECRETS = {
  KEY_ENCRYPTION_SECRET: "test-key-encryption-secret-0123456789",
  BOOTSTRAP_TOKEN: "test-bootstrap-token",
};
