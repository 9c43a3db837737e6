import { sqliteStores } from '../support/stores.ts';
import { tamperContract } from './tamperContract.ts';

tamperContract('SQLite', sqliteStores());
