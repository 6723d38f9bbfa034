import { describe, expect, test } from 'vitest';
import { queryWords, searchQuery, searchText, stem } from './search-text.js';

describe('search text', () => {
  test('English words lowercased, Chinese as bigrams, mixed text both', () => {
    expect(searchText('The Quick brown FOX')).toBe('the quick brown fox');
    expect(searchText('知识库检索')).toBe('知识 识库 库检 检索');
    expect(searchText('用 RAGFlow 做知识库')).toBe('用 ragflow 做知 知识 识库');
    expect(searchText("don't stop")).toBe('dont stop');
  });

  test('a query ORs its unique words as quoted lexemes; punctuation and tsquery syntax are just separators', () => {
    expect(searchQuery('tea & milk | !(tea)')).toBe("'tea' | 'milk'");
    expect(searchQuery('退货政策')).toBe("'退货' | '货政' | '政策'");
    expect(searchQuery('  ?!  ')).toBeNull();
  });

  test('English plurals fold to one word, in passages and questions alike (Harman S-stemmer)', () => {
    expect(['passwords', 'policies', 'minutes', 'refunds', 'boxes', 'glass', 'status', 'toes', 'bus'].map(stem)).toEqual(['password', 'policy', 'minute', 'refund', 'boxe', 'glass', 'status', 'toe', 'bus']);
    expect(stem('données')).toBe('données');
    expect(searchText('Passwords expire; policies apply')).toBe('password expire policy apply');
    expect(searchQuery('password policy')).toBe("'password' | 'policy'");
  });

  test('questions drop function words and question words, unless nothing else is left', () => {
    expect(queryWords('How do I reset my passwords?')).toEqual(['reset', 'password']);
    expect(queryWords('怎么申请退货')).toEqual(['么申', '申请', '请退', '退货']);
    expect(queryWords('What is it?')).toEqual(['what', 'is', 'it']);
    expect(queryWords(Array.from({ length: 100 }, (_, index) => `word${index}`).join(' '))).toHaveLength(64);
    // Passages keep every word: the index serves any question.
    expect(searchText('How do I reset it')).toBe('how do i reset it');
  });
});
