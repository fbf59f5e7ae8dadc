export { dropSchema, randomSchema, TEST_POSTGRES_URL } from "./postgres-test-database.js";
