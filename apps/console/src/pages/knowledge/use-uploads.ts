import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { keys } from '../../api/queries.js';
import { errorMessage } from '../../lib/errors.js';
import { upsertDocument } from './document-cache.js';
import { uploadDocument } from './upload-file.js';

export interface UploadItem {
  key: number;
  name: string;
  state: 'waiting' | 'uploading' | 'failed';
  /** The share of the file sent, 0..1. */
  sent: number;
  error?: string;
}

/**
 * Files being added to a base, sent one at a time in the order they were chosen (one request at a time keeps the
 * progress honest and spares the server a burst). A sent file leaves the list: the documents list shows it from
 * then on, with its ingestion. A refused one stays, with the reason, until dismissed.
 */
export function useUploads(kbId: string) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [items, setItems] = useState<UploadItem[]>([]);
  const queue = useRef<{ key: number; file: File }[]>([]);
  const running = useRef(false);
  const nextKey = useRef(1);
  const controller = useRef(new AbortController());

  useEffect(() => {
    const current = new AbortController();
    controller.current = current;
    return () => current.abort();
  }, []);

  const patch = (key: number, change: Partial<UploadItem>) => setItems((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));

  const drain = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    try {
      for (let next = queue.current.shift(); next !== undefined; next = queue.current.shift()) {
        const { key, file } = next;
        const signal = controller.current.signal;
        if (signal.aborted) return;
        patch(key, { state: 'uploading' });
        try {
          const document = await uploadDocument(kbId, file, { signal, onProgress: (sent) => patch(key, { sent }) });
          upsertDocument(queryClient, document);
          setItems((current) => current.filter((item) => item.key !== key));
          void queryClient.invalidateQueries({ queryKey: keys.knowledgeBase(kbId), exact: true });
        } catch (failure) {
          if (signal.aborted) return;
          patch(key, { state: 'failed', error: errorMessage(failure, t) });
        }
      }
    } finally {
      running.current = false;
    }
  }, [kbId, queryClient, t]);

  const add = useCallback(
    (files: File[]) => {
      const added = files.map((file) => ({ key: nextKey.current++, file }));
      queue.current.push(...added);
      setItems((current) => [...current, ...added.map(({ key, file }): UploadItem => ({ key, name: file.name, state: 'waiting', sent: 0 }))]);
      void drain();
    },
    [drain],
  );

  const dismiss = useCallback((key: number) => setItems((current) => current.filter((item) => item.key !== key)), []);

  return { items, add, dismiss };
}
