import { sqliteStores } from '../support/stores.ts';
import { storeContract } from './storeContract.ts';

storeContract('SQLite', sqliteStores());
