import { Link } from '@tanstack/react-router';
import { ArrowLeft, Download, LayoutGrid, Play, Redo2, Rocket, Save, Settings2, Undo2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { Workflow } from '../../api/types.js';
import { Badge } from '../../components/ui/badge.js';
import { Button } from '../../components/ui/button.js';
import { cn } from '../../lib/cn.js';
import type { SaveStatus } from './editor/use-workflow-editor.js';

const STATUS_CLASS: Record<SaveStatus, string> = {
  saved: 'text-slate-400',
  dirty: 'text-slate-500',
  saving: 'text-slate-500',
  failed: 'text-red-600',
};

export interface EditorToolbarProps {
  workflow: Workflow;
  editable: boolean;
  status: SaveStatus;
  canUndo: boolean;
  canRedo: boolean;
  onUndo: () => void;
  onRedo: () => void;
  onLayout: () => void;
  onSave: () => void;
  onExport: () => void;
  onPublish: () => void;
  onSettings: () => void;
  onRun: () => void;
}

/** The editor's bar: back to the list, the workflow's name and state, and its commands. */
export function EditorToolbar(props: EditorToolbarProps) {
  const { t } = useTranslation();
  const { workflow, editable, status } = props;
  return (
    <header className="flex h-14 shrink-0 items-center gap-2 border-b border-slate-200 bg-white px-3">
      <Link to="/workflows" className="rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-800" aria-label={t('workflows.back')} data-testid="workflow-back">
        <ArrowLeft className="size-4" aria-hidden />
      </Link>
      <div className="flex min-w-0 items-center gap-2">
        <h1 className="truncate text-sm font-semibold text-slate-900" data-testid="workflow-title">
          {workflow.name}
        </h1>
        {workflow.publishedVersion === null ? (
          <Badge>{t('workflows.draftOnly')}</Badge>
        ) : (
          <Badge tone="success">{t('workflows.versionLabel', { version: workflow.publishedVersion })}</Badge>
        )}
        {workflow.alias !== null && (
          <Badge tone="brand" className="font-mono">
            {workflow.alias}
          </Badge>
        )}
        {editable && (
          <span className={cn('whitespace-nowrap text-xs', STATUS_CLASS[status])} data-testid="workflow-save-state" data-state={status} aria-live="polite">
            {t(`workflows.saveState.${status}`)}
          </span>
        )}
      </div>
      <div className="ml-auto flex items-center gap-1">
        {editable && (
          <>
            <Button variant="ghost" size="icon" onClick={props.onUndo} disabled={!props.canUndo} aria-label={t('workflows.toolbar.undo')} title={t('workflows.toolbar.undoKey')} data-testid="undo">
              <Undo2 className="size-4" aria-hidden />
            </Button>
            <Button variant="ghost" size="icon" onClick={props.onRedo} disabled={!props.canRedo} aria-label={t('workflows.toolbar.redo')} title={t('workflows.toolbar.redoKey')} data-testid="redo">
              <Redo2 className="size-4" aria-hidden />
            </Button>
            <Button variant="ghost" size="sm" onClick={props.onLayout} data-testid="auto-layout">
              <LayoutGrid className="size-3.5" aria-hidden />
              {t('workflows.toolbar.layout')}
            </Button>
            <Button variant="ghost" size="icon" onClick={props.onSettings} aria-label={t('workflows.settings.title')} data-testid="workflow-settings">
              <Settings2 className="size-4" aria-hidden />
            </Button>
          </>
        )}
        <Button variant="ghost" size="sm" onClick={props.onExport} data-testid="workflow-export">
          <Download className="size-3.5" aria-hidden />
          {t('workflows.toolbar.export')}
        </Button>
        {editable && (
          <>
            <Button variant="secondary" size="sm" onClick={props.onSave} disabled={status === 'saved' || status === 'saving'} data-testid="workflow-save">
              <Save className="size-3.5" aria-hidden />
              {t('common.save')}
            </Button>
            <Button variant="secondary" size="sm" onClick={props.onRun} data-testid="run-open">
              <Play className="size-3.5" aria-hidden />
              {t('workflows.toolbar.run')}
            </Button>
            <Button size="sm" onClick={props.onPublish} data-testid="workflow-publish">
              <Rocket className="size-3.5" aria-hidden />
              {t('workflows.toolbar.publish')}
            </Button>
          </>
        )}
      </div>
    </header>
  );
}
