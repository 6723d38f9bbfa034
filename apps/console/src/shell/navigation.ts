import {
  Bot,
  BookOpen,
  Cpu,
  Database,
  KeyRound,
  Puzzle,
  ScrollText,
  Settings,
  UserRound,
  Users,
  Workflow,
  type LucideIcon,
} from 'lucide-react';
import type { Permission } from '../api/types.js';

export type LivePath =
  | '/agents'
  | '/workflows'
  | '/knowledge'
  | '/plugins'
  | '/databases'
  | '/providers'
  | '/api-keys'
  | '/members'
  | '/audit'
  | '/settings'
  | '/profile';

export interface LiveItem {
  key: 'agents' | 'workflows' | 'knowledge' | 'plugins' | 'databases' | 'providers' | 'apiKeys' | 'members' | 'audit' | 'settings' | 'profile';
  path: LivePath;
  icon: LucideIcon;
  testId: string;
  /** Shown only to roles that have it. */
  permission?: Permission;
}

/** The areas for building things. */
export const buildItems: LiveItem[] = [
  { key: 'agents', path: '/agents', icon: Bot, testId: 'nav-agents', permission: 'resources.view' },
  { key: 'workflows', path: '/workflows', icon: Workflow, testId: 'nav-workflows', permission: 'resources.view' },
  { key: 'knowledge', path: '/knowledge', icon: BookOpen, testId: 'nav-knowledge', permission: 'resources.view' },
  { key: 'plugins', path: '/plugins', icon: Puzzle, testId: 'nav-plugins', permission: 'resources.view' },
  { key: 'databases', path: '/databases', icon: Database, testId: 'nav-databases', permission: 'resources.view' },
];

export const spaceItems: LiveItem[] = [
  { key: 'providers', path: '/providers', icon: Cpu, testId: 'nav-providers', permission: 'providers.view' },
  { key: 'apiKeys', path: '/api-keys', icon: KeyRound, testId: 'nav-api-keys', permission: 'apikeys.view' },
  { key: 'members', path: '/members', icon: Users, testId: 'nav-members', permission: 'members.view' },
  { key: 'audit', path: '/audit', icon: ScrollText, testId: 'nav-audit', permission: 'audit.view' },
  { key: 'settings', path: '/settings', icon: Settings, testId: 'nav-settings', permission: 'space.view' },
];

export const profileItem: LiveItem = {
  key: 'profile',
  path: '/profile',
  icon: UserRound,
  testId: 'nav-profile',
};
