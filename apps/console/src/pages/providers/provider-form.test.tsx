// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client.js';
import type { Provider, ProviderInput } from '../../api/types.js';
import { initI18n } from '../../i18n/index.js';
import { ProviderForm } from './provider-form.js';
import { toProviderInput, initialValues } from './provider-form-model.js';

beforeAll(() => {
  initI18n('en');
});
afterEach(cleanup);

const stored: Provider = {
  id: 'pv_1',
  name: 'OpenAI',
  baseUrl: 'https://api.openai.com/v1',
  hasApiKey: true,
  headerNames: ['OpenAI-Organization'],
  models: [{ id: 'gpt-4o-mini', kind: 'chat', source: 'fetched' }],
  lastTest: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

function type(testId: string, value: string, index = 0) {
  const input = screen.getAllByTestId(testId)[index];
  if (input === undefined) throw new Error(`no ${testId}`);
  fireEvent.change(input, { target: { value } });
}

function submit() {
  fireEvent.click(screen.getByTestId('provider-submit'));
}

describe('provider form', () => {
  it('checks required fields and the URL before sending anything', async () => {
    const onSubmit = vi.fn(async (_input: ProviderInput) => {});
    render(<ProviderForm provider={null} onSubmit={onSubmit} onCancel={() => {}} />);
    submit();
    expect(await screen.findAllByText('This field is required.')).toHaveLength(2);
    type('provider-name', 'Local');
    type('provider-base-url', 'ftp://models.local');
    submit();
    expect(await screen.findByText('Enter a URL starting with http:// or https://.')).toBeTruthy();
    expect(screen.getByTestId('provider-base-url').getAttribute('aria-invalid')).toBe('true');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('wants a value for every header and a unique id for every model', async () => {
    const onSubmit = vi.fn(async (_input: ProviderInput) => {});
    render(<ProviderForm provider={null} onSubmit={onSubmit} onCancel={() => {}} />);
    type('provider-name', 'Local');
    type('provider-base-url', 'http://127.0.0.1:11434/v1');
    fireEvent.click(screen.getByTestId('provider-header-add'));
    type('provider-header-name', 'X Bad');
    fireEvent.click(screen.getByTestId('provider-model-add'));
    fireEvent.click(screen.getByTestId('provider-model-add'));
    type('provider-model-id', 'llama3', 0);
    type('provider-model-id', 'llama3', 1);
    submit();
    const header = screen.getByTestId('provider-header-row');
    expect(within(header).getByText('Use letters, digits and - only.')).toBeTruthy();
    expect(within(header).getByText('This field is required.')).toBeTruthy();
    expect(screen.getByText('This appears twice.')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends a valid new provider with its headers and entered models', async () => {
    const onSubmit = vi.fn(async (_input: ProviderInput) => {});
    render(<ProviderForm provider={null} onSubmit={onSubmit} onCancel={() => {}} />);
    type('provider-name', ' Local ');
    type('provider-base-url', 'http://127.0.0.1:11434/v1');
    type('provider-api-key', 'sk-test');
    fireEvent.click(screen.getByTestId('provider-header-add'));
    type('provider-header-name', 'X-Trace');
    type('provider-header-value', 'on');
    fireEvent.click(screen.getByTestId('provider-model-add'));
    type('provider-model-id', 'nomic-embed-text');
    fireEvent.change(screen.getByTestId('provider-model-kind'), { target: { value: 'embedding' } });
    submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[0]).toEqual({
      name: 'Local',
      baseUrl: 'http://127.0.0.1:11434/v1',
      apiKey: 'sk-test',
      headers: { 'X-Trace': 'on' },
      models: [{ id: 'nomic-embed-text', kind: 'embedding' }],
    });
  });

  it("shows the server's field errors on the fields they name", async () => {
    const onSubmit = vi.fn(async () => {
      throw new ApiError(400, 'validation_failed', 'baseUrl must not carry credentials', [
        { field: 'baseUrl', message: 'must not carry credentials; use apiKey or headers' },
      ]);
    });
    render(<ProviderForm provider={null} onSubmit={onSubmit} onCancel={() => {}} />);
    type('provider-name', 'Proxy');
    type('provider-base-url', 'https://user:pass@proxy.example.com/v1');
    submit();
    expect(await screen.findByText('must not carry credentials; use apiKey or headers')).toBeTruthy();
    expect(screen.getByTestId('provider-base-url').getAttribute('aria-invalid')).toBe('true');
  });

  it('editing keeps the stored key and headers unless they are changed', () => {
    const values = initialValues(stored);
    expect(toProviderInput(values, stored)).toEqual({});
    expect(toProviderInput({ ...values, name: 'OpenAI EU', clearApiKey: true }, stored)).toEqual({
      name: 'OpenAI EU',
      apiKey: null,
    });
    expect(toProviderInput({ ...values, headers: [] }, stored)).toEqual({ headers: {} });
    expect(
      toProviderInput(
        { ...values, models: [{ id: 'gpt-4o-mini', kind: 'other', source: 'fetched' }] },
        stored,
      ),
    ).toEqual({ models: [{ id: 'gpt-4o-mini', kind: 'other' }] });
  });

  it('asks for every header value again once the stored headers are touched', async () => {
    const onSubmit = vi.fn(async (_input: ProviderInput) => {});
    render(<ProviderForm provider={stored} onSubmit={onSubmit} onCancel={() => {}} />);
    expect(screen.getByText('A key is stored. Leave empty to keep it.')).toBeTruthy();
    fireEvent.click(screen.getByTestId('provider-header-add'));
    type('provider-header-name', 'X-Region', 1);
    type('provider-header-value', 'eu', 1);
    submit();
    expect(await screen.findByText('This field is required.')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
