import { openTestStore, tempDir } from '../helpers.js';
import { storeContract } from './store-contract.js';

storeContract('sqlite', async (t, options = {}) => openTestStore(t, await tempDir(t), options));
