import { after, before } from 'node:test';
import { openPostgresStore } from '../../../../gateway/store/postgres/open.js';
import { startPostgres, type PgServer } from '../../../helpers/pg-server.js';
import { testKeys } from '../helpers.js';
import { storeContract } from './store-contract.js';

let server: PgServer;
before(async () => {
  server = await startPostgres();
});
after(() => server.destroy());

storeContract('postgres', async (t, options = {}) => {
  const store = await openPostgresStore({ url: await server.createDatabase(), keys: testKeys, ...options });
  t.after(() => store.close());
  return store;
});
