import { expect, test } from 'vitest';
import { probe } from './index.js';
test('probe', () => { expect(probe).toBe(1); });
