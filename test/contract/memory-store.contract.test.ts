import { MemoryStore } from '../../src/store/memory-store.ts';
import { storeContract } from './store-contract.ts';

const store = new MemoryStore();
storeContract('MemoryStore', () => store);
