import { sqliteStores } from '../support/stores.ts';
import { durableContract } from './durableContract.ts';

durableContract('SQLite', sqliteStores());
